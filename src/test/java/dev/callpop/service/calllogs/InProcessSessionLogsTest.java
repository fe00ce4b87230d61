package dev.callpop.service.calllogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.callpop.service.calllogs.SessionLogs.Claim;
import dev.callpop.service.calllogs.SessionLogs.LoggedSession;
import io.smallrye.mutiny.Uni;

/**
 * One replica's record of written logs, on a clock the test moves: one claim of a session wins, its log answers every
 * later claim, a failed create gives its claim back, a lease ends, and a create that outlived its lease neither frees
 * nor overwrites the newer claim of its session.
 */
class InProcessSessionLogsTest {

    private static final String SESSION = "sample|crm.example.com|s-1";
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final LoggedSession LOG = new LoggedSession("5001", "1001", null);

    private final AtomicLong nanos = new AtomicLong();
    private final InProcessSessionLogs sessions = new InProcessSessionLogs(Duration.ofDays(7), 1000, nanos::get);

    private static <T> T answer(Uni<T> uni) {
        return uni.await().indefinitely();
    }

    private String claimed() {
        Claim claim = answer(sessions.claim(SESSION, LEASE));
        assertThat(claim).isInstanceOf(Claim.Claimed.class);
        return ((Claim.Claimed) claim).owner();
    }

    private void leaseEnds() {
        nanos.addAndGet(LEASE.plusSeconds(1).toNanos());
    }

    @Test
    void theFirstClaimCreatesAndASecondWhileItRunsIsToldWhenToAskAgain() {
        claimed();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isInstanceOf(Claim.Running.class);
    }

    @Test
    void aCompletedSessionAnswersItsLog() {
        String owner = claimed();
        assertThat(answer(sessions.complete(SESSION, owner, LOG))).isTrue();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isEqualTo(new Claim.Done(LOG));
    }

    @Test
    void aReleasedClaimIsClaimedAgainWithAnotherOwner() {
        String owner = claimed();
        answer(sessions.release(SESSION, owner));
        assertThat(claimed()).isNotEqualTo(owner);
    }

    @Test
    void anotherOwnerCannotReleaseAClaim() {
        claimed();
        answer(sessions.release(SESSION, "someone-else"));
        assertThat(answer(sessions.claim(SESSION, LEASE))).isInstanceOf(Claim.Running.class);
    }

    @Test
    void aClaimEndsWithItsLease() {
        claimed();
        leaseEnds();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isInstanceOf(Claim.Claimed.class);
    }

    @Test
    void aCreateWhoseLeaseEndedCannotReleaseTheNewerClaim() {
        String stale = claimed();
        leaseEnds();
        claimed();
        answer(sessions.release(SESSION, stale));
        assertThat(answer(sessions.claim(SESSION, LEASE))).as("the newer claim still holds").isInstanceOf(Claim.Running.class);
    }

    @Test
    void aCreateWhoseLeaseEndedCannotOverwriteTheNewerClaimAndTheNewerCreateRecordsItsLog() {
        String stale = claimed();
        leaseEnds();
        String newer = claimed();
        assertThat(answer(sessions.complete(SESSION, stale, new LoggedSession("stale", "1001", null)))).isFalse();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isInstanceOf(Claim.Running.class);
        assertThat(answer(sessions.complete(SESSION, newer, LOG))).isTrue();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isEqualTo(new Claim.Done(LOG));
    }

    @Test
    void aCreateWhoseLeaseEndedRecordsItsLogWhenNobodyClaimedTheSessionSince() {
        String stale = claimed();
        leaseEnds();
        assertThat(answer(sessions.complete(SESSION, stale, LOG))).isTrue();
        assertThat(answer(sessions.claim(SESSION, LEASE))).isEqualTo(new Claim.Done(LOG));
    }

    @Test
    void aWrittenLogIsNeverOverwrittenNorReleased() {
        String owner = claimed();
        answer(sessions.complete(SESSION, owner, LOG));
        assertThat(answer(sessions.complete(SESSION, owner, new LoggedSession("other", "1001", null)))).isFalse();
        answer(sessions.release(SESSION, owner));
        assertThat(answer(sessions.claim(SESSION, LEASE))).isEqualTo(new Claim.Done(LOG));
    }
}
