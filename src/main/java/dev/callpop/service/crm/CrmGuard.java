package dev.callpop.service.crm;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.callpop.service.crm.CrmFailures.Outcome;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.WireWords;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The one path from callpop to a CRM adapter. Every adapter call goes through here, so a new event or
 * adapter method gets the CRM's protections by construction; the adapter SPI's threading rules decide
 * which of the two doors it takes:
 * <ul>
 * <li>{@link #call}: a call that may reach the CRM ({@code findContacts}, {@code logout}, a call-received
 * that looks the caller up). Each CRM has its own threads and queue (a bulkhead:
 * {@code max-concurrent-calls}, {@code max-waiting-calls}), so a CRM that hangs holds its own threads and
 * nobody else's; a call that finds them all busy and the queue full fails at once. The call must answer
 * by the event's {@link Deadline} (arrival plus the CRM's {@code lookup-timeout}), queueing included; past
 * it the call is interrupted and fails. The CRM's circuit breaker sees every outcome and, once open, fails
 * calls before they take a thread. Errors are translated to the SPI's exceptions; each call's time and
 * outcome are metrics, and outages are logged as a summary per CRM ({@link FailureLog}).</li>
 * <li>{@link #build}: a call that only builds a page URL from what it was given. It runs right here on the
 * I/O thread, with nothing to time out, and its failures are translated the same way.</li>
 * </ul>
 * What a failure means and how it is worded is {@link CrmFailures}'s; time, deadlines' time-outs included, is
 * read from a {@link GuardClock}, so tests drive every state of a lane without waiting.
 */
@Singleton
@Startup // its circuit breakers' state is a metric from the first scrape on
public class CrmGuard implements CrmCalls {

    private static final Logger LOG = Logger.getLogger(CrmGuard.class);

    /**
     * One CRM's breaker, threads and slots. A slot is taken before a call enters the breaker (so a full
     * bulkhead is no failure of the CRM's in the breaker's eyes) and given back when the call's thread is
     * free again, not when its caller stopped waiting: a CRM that hangs holds its slots until its calls
     * return from their interruption.
     */
    private record Lane(Guard breaker, AtomicLong openUntil, ThreadPoolExecutor threads, Semaphore slots, int maxConcurrent, int maxWaiting,
                        GuardClock clock) {

        /** @return whether the breaker is open and its delay has not passed: then a call fails before it takes a slot */
        boolean open() {
            return clock.nanoTime() - openUntil.get() < 0;
        }
    }

    private final Map<String, Lane> lanes;
    /** Each CRM's lane for writes: its own threads, slots and breaker, so writes never take a pop's thread. */
    private final Map<String, Lane> writeLanes;
    private final CallpopMetrics metrics;
    private final FailureLog failures;
    private final GuardClock clock;

    @Inject
    CrmGuard(CrmRegistry registry, CallpopMetrics metrics, CrmsConfig config) {
        this(registry.served(), metrics, config.crmFailureLogInterval(), GuardClock.SYSTEM);
    }

    /**
     * @param crms               the CRMs served, each with a lane
     * @param metrics            where calls and breaker states are counted
     * @param failureLogInterval the shortest time between two outage lines of one CRM
     * @param clock              the guard's time
     */
    CrmGuard(Collection<RegisteredCrm> crms, CallpopMetrics metrics, Duration failureLogInterval, GuardClock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.failures = new FailureLog(failureLogInterval, clock::nanoTime);
        this.lanes = crms.stream().collect(Collectors.toUnmodifiableMap(RegisteredCrm::id,
                crm -> lane(crm, crm.id(), crm.settings().maxConcurrentCalls(), crm.settings().maxWaitingCalls())));
        this.writeLanes = crms.stream().collect(Collectors.toUnmodifiableMap(RegisteredCrm::id,
                crm -> lane(crm, crm.id() + WRITES, crm.settings().maxConcurrentWrites(), crm.settings().maxWaitingWrites())));
    }

    /** What names a CRM's lane for writes, after its id: in thread names, breaker logs and the breaker-state metric. */
    static final String WRITES = "-writes";

    private Lane lane(RegisteredCrm crm, String name, int concurrent, int waiting) {
        metrics.breakerState(name, 0);
        CrmsConfig.CrmSettings settings = crm.settings();
        AtomicLong openUntil = new AtomicLong(clock.nanoTime());
        Guard breaker = Guard.create()
                .withDescription("CRM " + name)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.circuitBreaker().requestVolume())
                .failureRatio(settings.circuitBreaker().failureRatio())
                .delay(settings.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                .failOn(List.of(CrmUnavailableException.class, TimeoutException.class))
                .skipOn(List.of(CallAbandoned.class))
                .onStateChange(state -> {
                    long now = clock.nanoTime();
                    openUntil.set(state == CircuitBreakerState.OPEN ? now + settings.circuitBreaker().delay().toNanos() : now);
                    failures.flush(crm.id());
                    LOG.infof("Circuit breaker of CRM '%s' is now %s", name, state);
                    metrics.breakerState(name, switch (state) {
                        case CLOSED -> 0;
                        case HALF_OPEN -> 1;
                        case OPEN -> 2;
                    });
                })
                .done()
                .withThreadOffload(false) // the call below picks its own thread: the CRM's
                .build();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, "callpop-crm-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // The slots bound the queue: it never holds more than max-waiting-calls tasks.
        ThreadPoolExecutor threads = new ThreadPoolExecutor(concurrent, concurrent, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named);
        threads.allowCoreThreadTimeOut(true); // an idle CRM keeps no threads
        return new Lane(breaker, openUntil, threads, new Semaphore(concurrent + waiting), concurrent, waiting, clock);
    }

    @PreDestroy
    void stop() {
        lanes.values().forEach(lane -> lane.threads().shutdownNow());
        writeLanes.values().forEach(lane -> lane.threads().shutdown()); // writes already running end: none is cut off half-done
    }

    /**
     * @param crm a served CRM's id
     * @return how many of its lane's slots are held: calls running or waiting, and calls whose caller stopped waiting
     *         but whose thread has not yet returned from the CRM
     */
    int slotsHeld(String crm) {
        Lane lane = lanes.get(crm);
        return lane.maxConcurrent() + lane.maxWaiting() - lane.slots().availablePermits();
    }

    /**
     * Calls the adapter in a way that may reach the CRM, on one of the CRM's threads, by the deadline and
     * under its circuit breaker. Fails with the SPI's exceptions, {@link TimeoutException} (the deadline
     * passed), {@link BulkheadException} (the CRM's threads and queue are full) or
     * {@link CircuitBreakerOpenException}; {@link CrmFailures#isOutage} tells which of them are the CRM's fault.
     *
     * @param crm      the CRM
     * @param event    the event the call serves, for metrics ({@code call-received}, {@code logout})
     * @param arrivedAt when the event's request arrived (the clock's {@link GuardClock#nanoTime()}); plus the CRM's
     *                  {@code lookup-timeout}, the deadline
     * @param crmCall  the adapter call
     * @param <T>      what the adapter answers
     * @return the adapter's answer
     */
    @Override
    public <T> Uni<T> call(RegisteredCrm crm, String event, long arrivedAt, Callable<T> crmCall) {
        Deadline deadline = Deadline.after(arrivedAt, crm.settings().lookupTimeout(), clock);
        long start = clock.nanoTime();
        return counted(crm, event, start, admitted(crm, lanes.get(crm.id()), lane -> {
            Slot slot = new Slot(lane);
            return lane.breaker().get(() -> slot.run(crm, deadline, crmCall), new TypeLiteral<Uni<T>>() {
            }).onTermination().invoke(slot::leave);
        }, lane -> lane.slots().release())).onCancellation().invoke(() -> metrics.crmCall(crm.id(), event, WireWords.of(Outcome.ABANDONED),
                Duration.ofNanos(clock.nanoTime() - start)));
    }

    @Override
    public <T> Uni<T> write(RegisteredCrm crm, String event, Callable<T> write) {
        long start = clock.nanoTime();
        // The slot is given back once: by the write's thread when it ran, else when the breaker refused it or its caller left first.
        AtomicBoolean ran = new AtomicBoolean();
        return counted(crm, event, start, admitted(crm, writeLanes.get(crm.id()), lane -> {
            Map<String, Object> logContext = MDC.getMap();
            return lane.breaker().get(() -> Uni.createFrom().<T> emitter(emitter -> lane.threads().execute(() -> {
                boolean slotIsMine = ran.compareAndSet(false, true);
                logContext.forEach(MDC::put);
                try {
                    emitter.complete(CrmFailures.translated(crm, write));
                } catch (Throwable failure) {
                    emitter.fail(failure);
                } finally {
                    MDC.clear();
                    if (slotIsMine) {
                        lane.slots().release();
                    }
                }
            })), new TypeLiteral<Uni<T>>() {
            }).onTermination().invoke(() -> {
                if (ran.compareAndSet(false, true)) {
                    lane.slots().release();
                }
            });
        }, lane -> {
            if (ran.compareAndSet(false, true)) {
                lane.slots().release();
            }
        }));
    }

    /**
     * A call admitted to its lane: refused at once when the lane's breaker is open or its slots are all taken, else
     * run (with a slot taken) under the lane's breaker.
     *
     * @param crm     the CRM
     * @param lane    the lane
     * @param run     runs the call with its slot
     * @param unrun   gives the slot back when {@code run} itself failed before the call was handed on
     * @param <T>     what the adapter answers
     * @return the call's answer or its refusal
     */
    private <T> Uni<T> admitted(RegisteredCrm crm, Lane lane, Function<Lane, Uni<T>> run, Consumer<Lane> unrun) {
        if (lane.open()) {
            return Uni.createFrom().failure(CrmFailures.breakerOpen(crm));
        }
        if (!lane.slots().tryAcquire()) {
            return Uni.createFrom().failure(CrmFailures.laneFull(crm, lane.maxConcurrent(), lane.maxWaiting()));
        }
        try {
            return run.apply(lane);
        } catch (RuntimeException e) {
            unrun.accept(lane);
            return Uni.createFrom().failure(e);
        }
    }

    /** Every call's outcome is a metric, and an outage goes to the CRM's outage summary. */
    private <T> Uni<T> counted(RegisteredCrm crm, String event, long start, Uni<T> answer) {
        return answer.onItemOrFailure().invoke((item, failure) -> {
            Outcome outcome = Outcome.of(failure);
            metrics.crmCall(crm.id(), event, WireWords.of(outcome), Duration.ofNanos(clock.nanoTime() - start));
            if (outcome.isOutage()) {
                failures.failed(crm.id(), WireWords.of(outcome));
            }
        });
    }

    /**
     * One call's slot in its CRM's lane: given back exactly once, when no thread of the CRM's works on the
     * call any more, and the one place that interrupts the call's thread, only while it runs this call.
     */
    private static final class Slot {
        private enum State { NEW, WAITING, RUNNING, DONE, ABANDONED }

        private final Lane lane;
        private final AtomicBoolean given = new AtomicBoolean();
        private State state = State.NEW;
        private Thread runner;
        private Runnable task;
        private UniEmitter<?> emitter;
        /** The caller left while the call ran: whatever it fails with now is the interruption, not the CRM. */
        private boolean callerLeft;
        /** The emitter has answered, failed or been cancelled: nothing more is sent to it (Mutiny would log it as dropped). */
        private boolean emitterDone;

        Slot(Lane lane) {
            this.lane = lane;
        }

        /** The adapter call on one of the CRM's threads, with the request's log context, failing at the deadline. */
        <T> Uni<T> run(RegisteredCrm crm, Deadline deadline, Callable<T> crmCall) {
            Duration left = deadline.remaining();
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(CrmFailures.timeout(crm));
            }
            Map<String, Object> logContext = MDC.getMap();
            return Uni.createFrom().<T> emitter(emitter -> {
                Runnable call = () -> {
                    if (!start()) {
                        return;
                    }
                    logContext.forEach(MDC::put);
                    try {
                        T answer = CrmFailures.translated(crm, crmCall);
                        if (!emitterDone()) {
                            emitter.complete(answer);
                        }
                    } catch (Throwable failure) {
                        if (!emitterDone()) {
                            emitter.fail(abandoned() ? new CallAbandoned() : failure);
                        }
                    } finally {
                        MDC.clear();
                        finish();
                    }
                };
                synchronized (this) {
                    task = call;
                    this.emitter = emitter;
                    state = State.WAITING;
                }
                Runnable stopTimer = deadline.whenPassed(() -> emitter.fail(CrmFailures.timeout(crm)));
                emitter.onTermination(() -> {
                    stopTimer.run();
                    markEmitterDone();
                });
                lane.threads().execute(call);
            });
        }

        private synchronized boolean abandoned() {
            return callerLeft;
        }

        private synchronized boolean emitterDone() {
            return emitterDone;
        }

        private synchronized void markEmitterDone() {
            emitterDone = true;
        }

        private synchronized boolean start() {
            if (state != State.WAITING) {
                giveBack(); // abandoned while it waited
                return false;
            }
            state = State.RUNNING;
            runner = Thread.currentThread();
            return true;
        }

        private void finish() {
            synchronized (this) {
                state = State.DONE;
                runner = null;
            }
            Thread.interrupted(); // an interruption meant for this call does not reach the thread's next one
            giveBack();
        }

        /** The caller stopped waiting (answer, failure, deadline, cancellation): stop the call if it still waits or runs. */
        synchronized void leave() {
            switch (state) {
                case NEW -> giveBack(); // the breaker refused it, or its deadline had passed: it never took a thread
                case WAITING -> {
                    state = State.ABANDONED;
                    if (lane.threads().remove(task)) {
                        giveBack(); // no thread will ever run it
                    }
                    if (!emitterDone) {
                        emitter.fail(new CallAbandoned()); // ends it for the breaker now, not at its deadline as a time-out
                    }
                }
                case RUNNING -> {
                    if (runner != Thread.currentThread()) { // not when its own answer got here first
                        callerLeft = true;
                        runner.interrupt();
                    }
                }
                default -> {
                }
            }
        }

        private void giveBack() {
            if (given.compareAndSet(false, true)) {
                lane.slots().release();
            }
        }
    }

    /**
     * Calls the adapter to build a page, on this thread: the SPI's page methods never reach the CRM.
     *
     * @param crm      the CRM
     * @param pageCall the adapter call
     * @param <T>      what the adapter answers
     * @return the adapter's answer
     */
    @Override
    public <T> T build(RegisteredCrm crm, Callable<T> pageCall) {
        try {
            return CrmFailures.translated(crm, pageCall);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("CRM adapter " + crm.definedBy() + " threw a checked exception", e);
        }
    }
}
