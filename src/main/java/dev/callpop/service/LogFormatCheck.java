package dev.callpop.service;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * With {@code callpop.log.json} on, each record's message is already a whole JSON object, so the console
 * pattern must print the message alone; anything else would wrap the JSON in text. Stops the start when
 * the two disagree.
 */
@Singleton
class LogFormatCheck {

    static final String JSON_PATTERN = "%s%n";

    void check(@Observes StartupEvent start, LogConfig log, Config config) {
        String format = config.getOptionalValue("quarkus.log.console.format", String.class).orElse("");
        if (log.json() && !JSON_PATTERN.equals(format)) {
            throw new IllegalStateException("callpop.log.json is true, so quarkus.log.console.format must be " + JSON_PATTERN
                    + " (the message is the whole JSON line), not " + format);
        }
    }
}
