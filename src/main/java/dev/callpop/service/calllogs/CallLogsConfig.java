package dev.callpop.service.calllogs;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Writing call logs: {@code callpop.call-logs.*}. Per-CRM limits are in {@code callpop.crms."<id>".*} ({@code log-timeout}, {@code log-match}). */
@ConfigMapping(prefix = "callpop.call-logs")
public interface CallLogsConfig {

    /**
     * How long callpop remembers that a session has its log: a retry with the same session id within it answers the
     * same log, after it the CRM's own check decides ({@code CrmCallLogs.findLog}; where the CRM cannot find a log by
     * its session, a new one is written).
     *
     * @return the retention
     */
    @WithDefault("7D")
    Duration retention();

    /**
     * How many sessions one replica remembers at most without Redis (the oldest first forgotten).
     *
     * @return the limit
     */
    @WithDefault("100000")
    long maxSessions();

    /**
     * The Redis that several replicas share the record in ({@code redis://host:6379}, with a password from a secret:
     * {@code CALLPOP_CALL_LOGS_REDIS_URL}). Without it the record lives in this process: right for one replica only.
     * Never logged.
     *
     * @return the URL, if set
     */
    Optional<String> redisUrl();

    /**
     * How long callpop waits for Redis (connecting included) before a create answers 503 {@code call-log-store-unavailable}
     * with {@code Retry-After}, having written nothing. Only call-log creates wait on Redis; pops never do.
     *
     * @return the timeout
     */
    @WithDefault("1s")
    Duration redisTimeout();
}
