package dev.callpop.service.calllogs;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The record of written logs that several replicas share, in Redis: one key a session,
 * {@code callpop:call-log:<key>}, holding {@code pending:<owner>} while a create runs (expiring with the lease; the owner
 * is the claim's random token) and the log, as JSON, once written (expiring after the retention). Every command is one
 * atomic Redis command (or one script), so two replicas claiming a session at once get one {@code OK} between them,
 * and a release or complete changes the key only while it holds its own claim ({@code SET NX PX} to claim, a script
 * that compares the owner to release or complete).
 *
 * <p>Every call fails within the timeout when Redis does not answer (down, unreachable, hung), so a create answers
 * 503 quickly and writes nothing; nothing else in callpop waits on Redis. The URL, which may carry a password, is
 * never logged nor put in an error.
 */
final class RedisSessionLogs implements SessionLogs, AutoCloseable {

    static final String PREFIX = "callpop:call-log:";
    private static final String PENDING = "pending:";
    /** Deletes the key only while it holds this owner's claim (ARGV[1]): never a newer claim, never a written log. */
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    /**
     * Sets the log (ARGV[2], for ARGV[3] ms) only while the key holds this owner's claim (ARGV[1]) or nothing (its lease
     * ended and nobody claimed it since); answers 1 when set, 0 when a newer claim or a log holds the session.
     */
    private static final String COMPLETE = "local held = redis.call('GET', KEYS[1]) "
            + "if held == false or held == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
    /** A claim that finds the key gone (its lease just ended) claims again, this many times at most. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final Redis redis;
    private final RedisAPI api;
    private final Duration retention;
    private final Duration timeout;

    /**
     * @param vertx     the Vert.x the client runs on (Quarkus's)
     * @param url       the Redis URL, perhaps with a password
     * @param retention how long a written log is remembered
     * @param timeout   how long a call waits for Redis before it fails (connecting included)
     */
    RedisSessionLogs(Vertx vertx, String url, Duration retention, Duration timeout) {
        this.retention = retention;
        this.timeout = timeout;
        this.redis = RedisClients.create(vertx, url, timeout, "callpop-call-logs");
        this.api = RedisAPI.api(redis);
        // Connects now, so that the first create pays no connection; a Redis down at start is no reason to stop.
        redis.connect().onSuccess(connection -> connection.close());
    }

    @Override
    public Uni<Claim> claim(String key, Duration lease) {
        return claim(PREFIX + key, lease, CLAIM_ATTEMPTS);
    }

    private Uni<Claim> claim(String key, Duration lease, int attempts) {
        Claim.Claimed mine = Claim.Claimed.byNewOwner();
        return call(api.set(List.of(key, PENDING + mine.owner(), "NX", "PX", Long.toString(lease.toMillis())))).flatMap(set -> {
            if (set != null) {
                return Uni.createFrom().item(mine);
            }
            return call(redis.batch(List.of(Request.cmd(Command.GET).arg(key), Request.cmd(Command.PTTL).arg(key)))).flatMap(found -> {
                Response value = found.get(0);
                if (value == null) {
                    // Released or expired between the two commands: the session is free again.
                    return attempts > 1 ? claim(key, lease, attempts - 1)
                            : Uni.createFrom().item(new Claim.Running(Claim.Running.after(Duration.ZERO)));
                }
                String text = value.toString();
                if (text.startsWith(PENDING)) {
                    return Uni.createFrom().item(new Claim.Running(Claim.Running.after(Duration.ofMillis(Math.max(0, found.get(1).toLong())))));
                }
                return Uni.createFrom().item(new Claim.Done(decode(text)));
            });
        });
    }

    @Override
    public Uni<Boolean> complete(String key, String owner, LoggedSession log) {
        return call(api.eval(List.of(COMPLETE, "1", PREFIX + key, PENDING + owner, encode(log), Long.toString(retention.toMillis()))))
                .map(set -> set != null && set.toLong() == 1L);
    }

    @Override
    public Uni<Void> release(String key, String owner) {
        return call(api.eval(List.of(RELEASE, "1", PREFIX + key, PENDING + owner))).replaceWithVoid();
    }

    /** Redis's answer, or a failure once the timeout passed without one. */
    private <T> Uni<T> call(Future<T> command) {
        return RedisClients.call(command, timeout);
    }

    static String encode(LoggedSession log) {
        return new JsonObject().put("logId", log.logId()).put("contactId", log.contactId()).put("contactType", log.contactType()).encode();
    }

    static LoggedSession decode(String json) {
        JsonObject log = new JsonObject(json);
        return new LoggedSession(log.getString("logId"), log.getString("contactId"), log.getString("contactType"));
    }

    @Override
    public void close() {
        redis.close();
    }
}
