package dev.callpop.service.testing;

import java.time.Duration;

import dev.callpop.service.events.LookupConfig;

/** Look-up settings for tests that build the service's beans by hand. */
public record TestLookupSettings(String defaultRegion, Duration cacheTtl, long cacheMaxEntries) implements LookupConfig {
    public static TestLookupSettings withCache(Duration ttl) {
        return new TestLookupSettings("US", ttl, 100);
    }
}
