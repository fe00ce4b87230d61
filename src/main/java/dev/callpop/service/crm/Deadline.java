package dev.callpop.service.crm;

import java.time.Duration;

/**
 * When an event must be answered: its arrival plus its CRM's time limit, on the guard's clock. The limit
 * covers everything after arrival: waiting for a free slot, the CRM call and the answer.
 *
 * @param atNanos the moment, as the clock reads it
 * @param clock   the guard's clock
 */
record Deadline(long atNanos, GuardClock clock) {

    /**
     * @param arrivedAtNanos when the request arrived, as the clock ({@link System#nanoTime()} in callpop) read it
     * @param limit          how long it may take
     * @param clock          the guard's clock
     * @return the deadline
     */
    static Deadline after(long arrivedAtNanos, Duration limit, GuardClock clock) {
        return new Deadline(arrivedAtNanos + limit.toNanos(), clock);
    }

    /** @return the time left, zero or negative once the deadline passed */
    Duration remaining() {
        return Duration.ofNanos(atNanos - clock.nanoTime());
    }

    /**
     * @param action what to run when the deadline passes
     * @return what cancels it, once the call it guards has ended
     */
    Runnable whenPassed(Runnable action) {
        return clock.after(remaining(), action);
    }
}
