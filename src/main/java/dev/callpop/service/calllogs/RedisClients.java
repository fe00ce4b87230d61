package dev.callpop.service.calllogs;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * The one way callpop connects to the Redis its replicas share ({@code callpop.call-logs.redis-url}): the call logs'
 * record and the waiting telephony events. The URL, which may carry a password, is never logged nor put in an error.
 */
public final class RedisClients {

    private RedisClients() {
    }

    /**
     * @param vertx   the Vert.x the client runs on (Quarkus's)
     * @param url     the Redis URL, perhaps with a password
     * @param timeout how long connecting may take
     * @param name    the pool's name, in metrics
     * @return a pooled client; it connects on first use
     */
    public static Redis create(Vertx vertx, String url, Duration timeout, String name) {
        return Redis.createClient(vertx, options(url, timeout, name).setMaxPoolSize(8).setMaxPoolWaiting(256).setPoolRecycleTimeout(15_000));
    }

    /**
     * A client for one long-lived connection, such as a pub/sub subscriber's: never recycled by the pool (a
     * subscriber's connection receives messages but sends nothing, so the pool would count it idle and close it).
     *
     * @param vertx   the Vert.x the client runs on (Quarkus's)
     * @param url     the Redis URL, perhaps with a password
     * @param timeout how long connecting may take
     * @param name    the pool's name, in metrics
     * @return the client
     */
    public static Redis longLived(Vertx vertx, String url, Duration timeout, String name) {
        return Redis.createClient(vertx, options(url, timeout, name).setMaxPoolSize(1).setPoolRecycleTimeout(-1));
    }

    private static RedisOptions options(String url, Duration timeout, String name) {
        NetClientOptions net = new NetClientOptions().setConnectTimeout((int) timeout.toMillis()).setTcpKeepAlive(true).setTcpNoDelay(true);
        return new RedisOptions().setConnectionString(url).setNetClientOptions(net).setPoolName(name).setMetricsName(name);
    }

    /**
     * @param command a command sent
     * @param timeout how long to wait for its answer
     * @param <T>     the answer's type
     * @return Redis's answer, or a failure once the timeout passed without one
     */
    public static <T> Uni<T> call(Future<T> command, Duration timeout) {
        return Uni.createFrom().completionStage(command.toCompletionStage())
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("Redis did not answer within " + timeout.toMillis() + " ms"));
    }
}
