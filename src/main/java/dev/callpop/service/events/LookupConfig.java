package dev.callpop.service.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Phone look-ups, for every CRM: {@code callpop.lookup.*}. */
@ConfigMapping(prefix = "callpop.lookup")
public interface LookupConfig {

    /**
     * The region (ISO 3166 code) a number without a country code belongs to, for example {@code US},
     * {@code GB}, {@code DE}.
     *
     * @return the region
     */
    @WithDefault("US")
    String defaultRegion();

    /**
     * How long a look-up's answer is reused for the same user, CRM host and number. {@code 0s} turns the
     * cache off.
     *
     * @return the time to live
     */
    @WithDefault("60s")
    Duration cacheTtl();

    /**
     * How many look-up answers are kept at most (the least recently used go first).
     *
     * @return the size
     */
    @WithDefault("10000")
    long cacheMaxEntries();
}
