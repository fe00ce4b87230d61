package dev.callpop.service.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.spi.Call;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.MatchPolicy;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * Every state of a CRM's lane and breaker, on a clock the test moves: a deadline passes when the test says so, and
 * the call's time-out runs then, on the test's thread. The CRM's threads are real; a hanging CRM is a call that
 * waits for the test to release it (or for the interruption). Only the breaker's half-open delay is SmallRye's own
 * timer, so that test has a 1 ms delay.
 */
class CrmGuardTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final String TIMED_OUT = "Test did not answer within 1000 ms";

    private final HandClock clock = new HandClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CrmGuard guard;
    private RegisteredCrm crm;

    /** The guard, with one CRM whose lane and breaker are these (a breaker failure ratio of 0.5). */
    private void lane(int maxConcurrent, int maxWaiting, int breakerVolume, Duration breakerDelay) {
        crm = CrmRegistry.of(List.of(new CrmRegistryTest.FirstAdapter("lane", List.of("crm.test"))),
                Map.of("lane", new LaneSettings(maxConcurrent, maxWaiting, breakerVolume, breakerDelay))).served().iterator().next();
        guard = new CrmGuard(List.of(crm), new CallpopMetrics(registry), Duration.ofSeconds(10), clock);
    }

    @AfterEach
    void stopTheLanes() {
        guard.stop();
    }

    @Test
    void anAdmittedCallIsAnswered() {
        lane(1, 1, 4, Duration.ofSeconds(60));

        call(() -> "Ada Lovelace").awaitItem().assertItem("Ada Lovelace");

        assertThat(calls("ok")).isEqualTo(1);
        awaitSlotsHeld(0);
    }

    @Test
    void aCallThatFindsEveryThreadBusyWaitsInTheQueueAndRunsWhenOneIsFree() {
        lane(1, 1, 4, Duration.ofSeconds(60));
        RunningCall first = runningCall();
        Recorded second = new Recorded("second answer");

        UniAssertSubscriber<String> waiting = call(second);

        assertThat(second.ran()).as("queued behind the busy thread").isFalse();
        waiting.assertNotTerminated();
        first.answer();
        first.caller().awaitItem().assertItem("answered");
        waiting.awaitItem().assertItem("second answer");
    }

    @Test
    void aCallThatFindsTheThreadsAndTheQueueFullFailsAtOnceAsBusy() {
        lane(1, 1, 4, Duration.ofSeconds(60));
        RunningCall first = runningCall();
        call(new HangingCrm());
        Recorded third = new Recorded("third answer");

        Throwable failure = call(third).assertFailed().getFailure();

        assertThat(failure).isInstanceOf(BulkheadException.class).hasMessage("Test has 1 calls running and 1 waiting");
        assertThat(CrmFailures.isOutage(failure)).isTrue();
        assertThat(CrmFailures.outageReason(crm, failure)).isEqualTo(" is busy with as many calls as callpop lets it have");
        assertThat(third.ran()).isFalse();
        assertThat(calls("bulkhead-full")).isEqualTo(1);
        first.answer();
    }

    @Test
    void aCallStillInTheQueueAtItsDeadlineTimesOutGivesBackItsSlotAndNeverRuns() {
        lane(1, 1, 4, Duration.ofSeconds(60));
        RunningCall first = runningCall();
        Recorded second = new Recorded("second answer");
        // Its request arrived half a limit earlier than the first's, so it is due first.
        UniAssertSubscriber<String> waiting = call(clock.nanoTime() - LIMIT.dividedBy(2).toNanos(), second);

        clock.advance(LIMIT.dividedBy(2));

        assertThat(waiting.assertFailed().getFailure()).isInstanceOf(TimeoutException.class).hasMessage(TIMED_OUT);
        assertThat(guard.slotsHeld("lane")).as("only the running call's").isEqualTo(1);
        first.caller().assertNotTerminated();
        first.answer();
        first.caller().awaitItem();
        awaitSlotsHeld(0);
        assertThat(second.ran()).isFalse();
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    void aRunningCallAtItsDeadlineTimesOutAndItsThreadIsInterrupted() {
        lane(1, 1, 4, Duration.ofSeconds(60));
        RunningCall hanging = runningCall();

        clock.advance(LIMIT.minusNanos(1));
        hanging.caller().assertNotTerminated();
        clock.advance(Duration.ofNanos(1));

        Throwable failure = hanging.caller().assertFailed().getFailure();
        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessage(TIMED_OUT);
        assertThat(CrmFailures.outageReason(crm, failure)).isEqualTo(" did not answer within 1000 ms");
        hanging.awaitInterrupted();
        awaitSlotsHeld(0);
        assertThat(calls("timeout")).isEqualTo(1);
    }

    @Test
    void timeOutsOpenTheBreakerAndLaterCallsFailAtOnceWithoutReachingTheCrm() {
        lane(4, 0, 4, Duration.ofSeconds(60));
        for (int i = 0; i < 4; i++) {
            UniAssertSubscriber<String> timedOut = call(new HangingCrm());
            clock.advance(LIMIT);
            timedOut.assertFailedWith(TimeoutException.class);
        }

        assertFailsAtOnceWithTheBreakerOpen();
    }

    @Test
    void anUnavailableCrmOpensTheBreakerAndLaterCallsFailAtOnceWithoutReachingTheCrm() {
        lane(1, 0, 4, Duration.ofSeconds(60));

        failUnreachable(4);

        assertFailsAtOnceWithTheBreakerOpen();
    }

    /** Calls a CRM that cannot be reached, one call after the other. */
    private void failUnreachable(int calls) {
        for (int i = 0; i < calls; i++) {
            Throwable failure = call(() -> {
                throw new ProcessingException("connection refused");
            }).awaitFailure().getFailure();
            assertThat(failure).isInstanceOf(CrmUnavailableException.class).hasMessage("Test could not be reached");
            awaitSlotsHeld(0);
        }
    }

    private void assertFailsAtOnceWithTheBreakerOpen() {
        assertThat(breakerState()).as("open").isEqualTo(2);
        Recorded later = new Recorded("later answer");

        Throwable failure = call(later).assertFailed().getFailure();

        assertThat(failure).isInstanceOf(CircuitBreakerOpenException.class).hasMessage("Test has been failing");
        assertThat(CrmFailures.outageReason(crm, failure)).isEqualTo(" has been failing, so callpop is not asking it for a while");
        assertThat(later.ran()).isFalse();
        assertThat(calls("breaker-open")).isEqualTo(1);
    }

    @Test
    void anOpenBreakerIsHalfOpenAfterItsDelayAndClosesAgainOnASuccess() {
        lane(1, 0, 4, Duration.ofMillis(1));
        failUnreachable(4);
        assertThat(breakerState()).as("open, or already half-open after its 1 ms").isIn(1, 2);

        clock.advance(Duration.ofMillis(1)); // the lane's own delay; SmallRye's breaker keeps its own on its timer
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> breakerState() == 1);
        RunningCall trial = runningCall();
        assertThat(breakerState()).as("half-open while the trial call runs").isEqualTo(1);
        trial.answer();
        trial.caller().awaitItem();

        assertThat(breakerState()).as("closed").isZero();
        awaitSlotsHeld(0);
        call(() -> "Ada Lovelace").awaitItem().assertItem("Ada Lovelace");
    }

    @Test
    void callersWhoLeaveWhileTheirCallWaitsEndItAsAbandonedAndNeverOpenTheBreaker() {
        lane(1, 1, 4, Duration.ofSeconds(60));
        RunningCall first = runningCall();
        List<Recorded> left = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // the breaker's request volume
            Recorded waiting = new Recorded("never");
            left.add(waiting);
            call(waiting).cancel();
            assertThat(guard.slotsHeld("lane")).as("its slot is given back at once").isEqualTo(1);
        }
        first.answer();
        first.caller().awaitItem();

        clock.advance(LIMIT); // a call left waiting would time out now

        assertThat(left).noneMatch(Recorded::ran);
        assertLeavingCallersKeptTheBreakerClosed();
    }

    @Test
    void callersWhoLeaveWhileTheirCallRunsInterruptItEndItAsAbandonedAndNeverOpenTheBreaker() {
        lane(1, 0, 4, Duration.ofSeconds(60));
        for (int i = 0; i < 4; i++) { // the breaker's request volume
            RunningCall hanging = runningCall();

            hanging.caller().cancel();

            hanging.awaitInterrupted();
            awaitSlotsHeld(0); // its thread returned: the breaker has seen how the call ended
        }

        clock.advance(LIMIT);

        assertLeavingCallersKeptTheBreakerClosed();
    }

    private void assertLeavingCallersKeptTheBreakerClosed() {
        assertThat(calls("abandoned")).isEqualTo(4);
        assertThat(calls("timeout") + calls("unavailable")).isZero();
        assertThat(breakerState()).as("closed").isZero();
        call(() -> "Ada Lovelace").awaitItem().assertItem("Ada Lovelace");
    }

    private <T> UniAssertSubscriber<T> call(Callable<T> crmCall) {
        return call(clock.nanoTime(), crmCall);
    }

    private <T> UniAssertSubscriber<T> call(long arrivedAt, Callable<T> crmCall) {
        return guard.call(crm, "call-received", arrivedAt, crmCall).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    /** Waits for the CRM's threads to return from calls that ended, as they do after an answer or an interruption. */
    private void awaitSlotsHeld(int held) {
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1)).until(() -> guard.slotsHeld("lane") == held);
    }

    private long calls(String outcome) {
        Timer timer = registry.find("callpop.crm.call").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private int breakerState() {
        return (int) registry.get("callpop.circuit.breaker.state").tag("crm", crm.id()).gauge().value(); // not its writes' breaker
    }

    /** @return a call that hangs on one of the CRM's threads, started */
    private RunningCall runningCall() {
        HangingCrm hanging = new HangingCrm();
        UniAssertSubscriber<String> caller = call(hanging);
        hanging.awaitStarted();
        return new RunningCall(hanging, caller);
    }

    /** A hanging CRM call that runs, and its caller. */
    private record RunningCall(HangingCrm crm, UniAssertSubscriber<String> caller) {
        void answer() {
            crm.answer();
        }

        void awaitInterrupted() {
            crm.awaitInterrupted();
        }
    }

    /** A CRM call that hangs until the test answers it or its thread is interrupted, which it reports as a read the REST Client lost. */
    private static final class HangingCrm implements Callable<String> {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch interrupted = new CountDownLatch(1);
        private final CountDownLatch answered = new CountDownLatch(1);

        @Override
        public String call() {
            started.countDown();
            try {
                answered.await();
                return "answered";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new ProcessingException("the read was interrupted", e);
            }
        }

        void answer() {
            answered.countDown();
        }

        void awaitStarted() {
            awaitOneSecond(started, "the call started on a CRM thread");
        }

        void awaitInterrupted() {
            awaitOneSecond(interrupted, "the call's thread was interrupted");
        }

        private static void awaitOneSecond(CountDownLatch latch, String what) {
            try {
                assertThat(latch.await(1, TimeUnit.SECONDS)).as(what).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A CRM call that answers at once and remembers whether it ran. */
    private static final class Recorded implements Callable<String> {
        private final String answer;
        private final AtomicBoolean ran = new AtomicBoolean();

        Recorded(String answer) {
            this.answer = answer;
        }

        @Override
        public String call() {
            ran.set(true);
            return answer;
        }

        boolean ran() {
            return ran.get();
        }
    }

    /** The guard's clock here: it moves only when the test moves it, and then runs the time-outs due, on the test's thread. */
    private static final class HandClock implements GuardClock {
        private record Scheduled(long dueAt, Runnable action, AtomicBoolean cancelled) {
        }

        private long now = 1_000_000_000_000L;
        private final List<Scheduled> scheduled = new ArrayList<>();

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized Runnable after(Duration delay, Runnable action) {
            Scheduled timer = new Scheduled(now + delay.toNanos(), action, new AtomicBoolean());
            scheduled.add(timer);
            return () -> timer.cancelled().set(true);
        }

        void advance(Duration time) {
            List<Scheduled> due = new ArrayList<>();
            synchronized (this) {
                now += time.toNanos();
                for (Iterator<Scheduled> it = scheduled.iterator(); it.hasNext();) {
                    Scheduled timer = it.next();
                    if (timer.dueAt() - now <= 0) {
                        due.add(timer);
                        it.remove();
                    }
                }
            }
            due.stream().filter(timer -> !timer.cancelled().get()).forEach(timer -> timer.action().run());
        }
    }

    /** The default settings with this lane and breaker. */
    private record LaneSettings(int maxConcurrentCalls, int maxWaitingCalls, int breakerVolume, Duration breakerDelay)
            implements CrmsConfig.CrmSettings {

        private static final CrmsConfig.CrmSettings DEFAULTS = TestCrmSettings.defaults();

        @Override
        public Duration lookupTimeout() {
            return LIMIT;
        }

        @Override
        public CrmsConfig.CircuitBreaker circuitBreaker() {
            return new CrmsConfig.CircuitBreaker() {
                public int requestVolume() {
                    return breakerVolume;
                }

                public double failureRatio() {
                    return 0.5;
                }

                public Duration delay() {
                    return breakerDelay;
                }
            };
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Optional<String> defaultHostname() {
            return DEFAULTS.defaultHostname();
        }

        @Override
        public Optional<Boolean> canOpenLogPage() {
            return DEFAULTS.canOpenLogPage();
        }

        @Override
        public Optional<List<String>> allowedHosts() {
            return DEFAULTS.allowedHosts();
        }

        @Override
        public CrmsConfig.PopOn popOn() {
            return DEFAULTS.popOn();
        }

        @Override
        public List<Call.Direction> popDirections() {
            return DEFAULTS.popDirections();
        }

        @Override
        public MatchPolicy.OnMultipleMatches onMultipleMatches() {
            return DEFAULTS.onMultipleMatches();
        }

        @Override
        public CrmsConfig.AllowedPreferences allowedPreferences() {
            return DEFAULTS.allowedPreferences();
        }

        @Override
        public MatchPolicy.OnNoMatch onNoMatch() {
            return DEFAULTS.onNoMatch();
        }

        @Override
        public Optional<String> noMatchUrl() {
            return DEFAULTS.noMatchUrl();
        }

        @Override
        public CrmsConfig.InvalidPhone invalidPhone() {
            return DEFAULTS.invalidPhone();
        }

        @Override
        public Duration logTimeout() {
            return DEFAULTS.logTimeout();
        }

        @Override
        public int maxConcurrentWrites() {
            return maxConcurrentCalls;
        }

        @Override
        public int maxWaitingWrites() {
            return maxWaitingCalls;
        }

        @Override
        public CrmsConfig.LogMatch logMatch() {
            return DEFAULTS.logMatch();
        }
    }
}
