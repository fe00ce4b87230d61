package dev.callpop.service.calllogs;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Ticker;

import io.vertx.core.Vertx;

/** Which record of written logs this replica uses: Redis, shared by replicas, when its URL is set; else in the process. */
final class SessionLogsSource {

    @Produces
    @Singleton
    static SessionLogs sessionLogs(CallLogsConfig config, Vertx vertx) {
        return config.redisUrl()
                .<SessionLogs>map(url -> new RedisSessionLogs(vertx, url, config.retention(), config.redisTimeout()))
                .orElseGet(() -> new InProcessSessionLogs(config.retention(), config.maxSessions(), Ticker.systemTicker()));
    }

    static void close(@Disposes SessionLogs sessions) {
        if (sessions instanceof RedisSessionLogs redis) {
            redis.close();
        }
    }
}
