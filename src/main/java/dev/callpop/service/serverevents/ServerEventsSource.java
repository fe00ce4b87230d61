package dev.callpop.service.serverevents;

import java.time.Clock;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.calllogs.CallLogsConfig;
import dev.callpop.service.calllogs.RedisClients;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Where this replica keeps waiting events and reaches the others: through Redis, shared by replicas, when the call logs'
 * Redis is set ({@code callpop.call-logs.redis-url}); else in the process, for one replica.
 */
final class ServerEventsSource {

    /** The Redis client of the telephony events, or none: one replica. */
    record TelephonyRedis(Redis client) {
    }

    @Produces
    @Singleton
    static TelephonyRedis redis(CallLogsConfig logs, Vertx vertx) {
        return new TelephonyRedis(logs.redisUrl().map(url -> RedisClients.create(vertx, url, logs.redisTimeout(), "callpop-telephony")).orElse(null));
    }

    static void close(@Disposes TelephonyRedis redis) {
        if (redis.client() != null) {
            redis.client().close();
        }
    }

    @Produces
    @Singleton
    static WaitingEvents waitingEvents(TelephonyConfig config, TelephonyRedis redis, CallLogsConfig logs, ObjectMapper json, Clock clock) {
        if (redis.client() != null) {
            return new RedisWaitingEvents(redis.client(), json, config.endedRetention(), logs.redisTimeout());
        }
        return new InProcessWaitingEvents(clock, config.endedRetention(), config.maxKeptEvents());
    }

    @Produces
    @Singleton
    static AgentChannel agentChannel(TelephonyRedis redis, CallLogsConfig logs, ObjectMapper json, Vertx vertx) {
        if (redis.client() != null) {
            return new RedisAgentChannel(vertx, redis.client(), logs.redisUrl().orElseThrow(), json, logs.redisTimeout());
        }
        return new LocalAgentChannel();
    }

    static void close(@Disposes AgentChannel channel) {
        if (channel instanceof RedisAgentChannel redis) {
            redis.close();
        }
    }

    /** The time of waiting events: the system's; tests move their own. */
    @Produces
    @Singleton
    @DefaultBean
    static Clock clock() {
        return Clock.systemUTC();
    }
}
