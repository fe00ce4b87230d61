package dev.callpop.service.calllogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.callpop.service.calllogs.SessionLogs.Claim;
import dev.callpop.service.calllogs.SessionLogs.LoggedSession;
import dev.callpop.service.testing.RedisServer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The record of written logs in a real Redis, through two clients as two replicas would hold: one claim of a session
 * wins, its log answers every later claim, a failed create gives its claim back, a lease ends, and a create that
 * outlived its lease neither frees nor overwrites the newer claim; a Redis that is down or hangs fails a claim within
 * the timeout, and one started again is used again.
 */
class RedisSessionLogsTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisSessionLogs replicaA;
    private static RedisSessionLogs replicaB;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        replicaA = new RedisSessionLogs(vertx, redis.url(), Duration.ofDays(7), TIMEOUT);
        replicaB = new RedisSessionLogs(vertx, redis.url(), Duration.ofDays(7), TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        redis.close();
    }

    /** A test that stopped or hung Redis leaves it running for the next. */
    @AfterEach
    void redisRunsAgain() throws Exception {
        if (!"running".equals(state)) {
            redis.stop();
            redis.restart();
            state = "running";
        }
    }

    /** {@code running}, or what a test did to Redis. */
    private String state = "running";

    private static String session() {
        return "sample|crm.example.com|s-" + UUID.randomUUID();
    }

    private static <T> T answer(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    /** Claims a session that must be free, answering the claim's owner. */
    private static String claimed(RedisSessionLogs replica, String session, Duration lease) {
        Claim claim = answer(replica.claim(session, lease));
        assertThat(claim).isInstanceOf(Claim.Claimed.class);
        return ((Claim.Claimed) claim).owner();
    }

    /** How the call failed, by the 2 s a client waits at most; {@code null} when it succeeded. */
    private static Throwable failureOf(Uni<?> uni) {
        return uni.onItemOrFailure().transform((item, failure) -> failure).await().atMost(Duration.ofSeconds(2));
    }

    @Test
    void theFirstClaimCreatesAndASecondWhileItRunsIsToldWhenToAskAgain() {
        String session = session();
        assertThat(answer(replicaA.claim(session, LEASE))).isInstanceOf(Claim.Claimed.class);
        Claim second = answer(replicaB.claim(session, LEASE));
        assertThat(second).isInstanceOf(Claim.Running.class);
        assertThat(((Claim.Running) second).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void aCompletedSessionAnswersItsLogOnEveryReplica() {
        String session = session();
        String owner = claimed(replicaA, session, LEASE);
        assertThat(answer(replicaA.complete(session, owner, new LoggedSession("5001", "1001", "person")))).isTrue();
        assertThat(answer(replicaB.claim(session, LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5001", "1001", "person")));
        assertThat(answer(replicaA.claim(session, LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5001", "1001", "person")));
    }

    @Test
    void aLogWithoutAContactTypeAndWithQuotesIsKeptAsItWas() {
        String session = session();
        LoggedSession log = new LoggedSession("id \"with\" quotes:pending:", "10:01", null);
        String owner = claimed(replicaA, session, LEASE);
        answer(replicaA.complete(session, owner, log));
        assertThat(answer(replicaB.claim(session, LEASE))).isEqualTo(new Claim.Done(log));
    }

    @Test
    void aReleasedClaimIsClaimedAgainByTheRetry() {
        String session = session();
        String owner = claimed(replicaA, session, LEASE);
        answer(replicaA.release(session, owner));
        assertThat(answer(replicaB.claim(session, LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void releasingNeverForgetsAWrittenLog() {
        String session = session();
        String owner = claimed(replicaA, session, LEASE);
        answer(replicaA.complete(session, owner, new LoggedSession("5002", "1001", null)));
        answer(replicaB.release(session, owner));
        assertThat(answer(replicaB.claim(session, LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5002", "1001", null)));
    }

    @Test
    void manyClaimsOfOneSessionAtOnceFromTwoReplicasGiveExactlyOneClaimed() {
        for (int round = 0; round < 20; round++) {
            String session = session();
            List<Uni<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add((i % 2 == 0 ? replicaA : replicaB).claim(session, LEASE));
            }
            List<Claim> answers = answer(Uni.join().all(claims).andFailFast());
            assertThat(answers).filteredOn(Claim.Claimed.class::isInstance).as("round %d", round).hasSize(1);
            assertThat(answers).filteredOn(Claim.Running.class::isInstance).hasSize(7);
        }
    }

    @Test
    void aClaimWhoseCreateNeverFinishedEndsWithItsLease() {
        String session = session();
        assertThat(answer(replicaA.claim(session, Duration.ofMillis(300)))).isInstanceOf(Claim.Claimed.class);
        assertThat(answer(replicaB.claim(session, LEASE))).isInstanceOf(Claim.Running.class);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> answer(replicaB.claim(session, LEASE)) instanceof Claim.Claimed);
    }

    @Test
    void twoClaimsOfASessionHaveDifferentOwners() {
        String first = session();
        String second = session();
        assertThat(claimed(replicaA, first, LEASE)).isNotEqualTo(claimed(replicaA, second, LEASE)).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void anotherOwnerCannotReleaseAClaim() {
        String session = session();
        claimed(replicaA, session, LEASE);
        answer(replicaB.release(session, "someone-else"));
        assertThat(answer(replicaB.claim(session, LEASE))).isInstanceOf(Claim.Running.class);
    }

    /** A create whose lease ended while it ran, and the retry's claim of the same session since. */
    private record Overtaken(String session, String staleOwner, String newOwner) {
    }

    private static Overtaken overtaken() {
        String session = session();
        String stale = claimed(replicaA, session, Duration.ofMillis(300));
        AtomicReference<String> newer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> answer(replicaB.claim(session, LEASE)) instanceof Claim.Claimed claim && newer.compareAndSet(null, claim.owner()));
        return new Overtaken(session, stale, newer.get());
    }

    @Test
    void aCreateWhoseLeaseEndedCannotReleaseTheNewerClaim() {
        Overtaken overtaken = overtaken();
        answer(replicaA.release(overtaken.session(), overtaken.staleOwner()));
        assertThat(answer(replicaA.claim(overtaken.session(), LEASE))).as("the newer claim still holds").isInstanceOf(Claim.Running.class);
    }

    @Test
    void aCreateWhoseLeaseEndedCannotOverwriteTheNewerClaimAndTheNewerCreateRecordsItsLog() {
        Overtaken overtaken = overtaken();
        assertThat(answer(replicaA.complete(overtaken.session(), overtaken.staleOwner(), new LoggedSession("stale", "1001", null)))).isFalse();
        assertThat(answer(replicaA.claim(overtaken.session(), LEASE))).isInstanceOf(Claim.Running.class);
        assertThat(answer(replicaB.complete(overtaken.session(), overtaken.newOwner(), new LoggedSession("5003", "1001", null)))).isTrue();
        assertThat(answer(replicaA.claim(overtaken.session(), LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5003", "1001", null)));
    }

    @Test
    void aCreateWhoseLeaseEndedRecordsItsLogWhenNobodyClaimedTheSessionSince() {
        String session = session();
        String stale = claimed(replicaA, session, Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !redis.holds(RedisSessionLogs.PREFIX + session));
        assertThat(answer(replicaA.complete(session, stale, new LoggedSession("5004", "1001", null)))).isTrue();
        assertThat(answer(replicaB.claim(session, LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5004", "1001", null)));
    }

    @Test
    void aWrittenLogIsNeverOverwrittenByAnotherComplete() {
        String session = session();
        String owner = claimed(replicaA, session, LEASE);
        answer(replicaA.complete(session, owner, new LoggedSession("5005", "1001", null)));
        assertThat(answer(replicaB.complete(session, owner, new LoggedSession("other", "1001", null)))).isFalse();
        assertThat(answer(replicaB.claim(session, LEASE))).isEqualTo(new Claim.Done(new LoggedSession("5005", "1001", null)));
    }

    @Test
    void aStoppedRedisFailsAClaimAndACompleteWithinTheTimeout() throws Exception {
        String session = session();
        answer(replicaA.claim(session, LEASE));
        state = "stopped";
        redis.stop();
        assertThat(failureOf(replicaA.claim(session(), LEASE))).isNotNull();
        assertThat(failureOf(replicaB.complete(session, "any-owner", new LoggedSession("1", "2", null)))).isNotNull();
    }

    @Test
    void aRedisThatHangsFailsAClaimWithinTheTimeout() throws Exception {
        state = "paused";
        redis.pause();
        assertThat(failureOf(replicaA.claim(session(), LEASE))).hasMessageContaining("Redis did not answer within 1000 ms");
    }

    @Test
    void aRedisStartedAgainIsUsedAgain() throws Exception {
        state = "stopped";
        redis.stop();
        assertThat(failureOf(replicaA.claim(session(), LEASE))).isNotNull();
        redis.restart();
        state = "running";
        String session = session();
        assertThat(answer(replicaA.claim(session, LEASE))).isInstanceOf(Claim.Claimed.class);
        assertThat(answer(replicaB.claim(session, LEASE))).isInstanceOf(Claim.Running.class);
    }

    @Test
    void aRedisThatCannotBeReachedFailsWithoutShowingTheUrlsPassword() throws Exception {
        RedisSessionLogs unreachable = new RedisSessionLogs(vertx, "redis://:s3cret-pw@127.0.0.1:" + RedisServer.freePort(), Duration.ofDays(7), TIMEOUT);
        try {
            Throwable failure = failureOf(unreachable.claim(session(), LEASE));
            assertThat(failure).isNotNull();
            assertThat(failure.toString() + failure.getCause()).doesNotContain("s3cret-pw");
        } finally {
            unreachable.close();
        }
    }
}
