package dev.callpop.service.crm;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The guard's time: what it reads to start deadlines, measure calls and keep breakers open, and what runs a
 * call's time-out when its deadline passes. callpop's is {@link #SYSTEM}; a test moves its own by hand, so
 * that no guard test waits for real time.
 */
interface GuardClock {

    /** {@link System#nanoTime()}; time-outs run on Mutiny's default worker pool, where Mutiny's own {@code ifNoItem} runs them. */
    GuardClock SYSTEM = new GuardClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Runnable after(Duration delay, Runnable action) {
            ScheduledFuture<?> timer = Infrastructure.getDefaultWorkerPool().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> timer.cancel(false);
        }
    };

    /** @return now, in nanoseconds from an arbitrary origin, on the scale of {@link System#nanoTime()} */
    long nanoTime();

    /**
     * Runs an action once, when a time has passed, on a thread of the clock's.
     *
     * @param delay  how long from now
     * @param action what to run then
     * @return what cancels the action if it has not run yet
     */
    Runnable after(Duration delay, Runnable action);
}
