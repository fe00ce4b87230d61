package dev.callpop.service.calllogs;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Ticker;

/** Which record of written logs this replica uses: in the process (the embedded default) or Redis, shared by replicas. */
final class SessionLogsSource {

    @Produces
    @Singleton
    static SessionLogs sessionLogs(CallLogsConfig config) {
        if (config.redisUrl().isPresent()) {
            throw new IllegalStateException("callpop.call-logs.redis-url is set, but this build of callpop keeps the record of written "
                    + "call logs in the process only: run one replica without it (the README's status says what is left)");
        }
        return new InProcessSessionLogs(config.retention(), config.maxSessions(), Ticker.systemTicker());
    }
}
