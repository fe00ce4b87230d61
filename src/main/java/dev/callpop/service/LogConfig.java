package dev.callpop.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How callpop writes its log: {@code callpop.log.*}. */
@ConfigMapping(prefix = "callpop.log")
public interface LogConfig {

    /**
     * Whether each log line is one JSON object (timestamp, level, logger, thread, message, MDC with the
     * request id, exception). On in the prod profile, together with a {@code %s%n} console pattern.
     * Read by {@link TokenRedactingLogFilter}, which Quarkus creates before CDI, hence also its default.
     *
     * @return whether logs are JSON
     */
    @WithDefault("false")
    boolean json();
}
