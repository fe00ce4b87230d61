package dev.callpop.service.crm;

import java.time.Duration;

/**
 * When an event must be answered: its arrival plus its CRM's time limit, on the {@link System#nanoTime()}
 * scale. The limit covers everything after arrival: waiting for a free slot, the CRM call and the answer.
 *
 * @param atNanos the moment, as {@link System#nanoTime()} reads it
 */
record Deadline(long atNanos) {

    /**
     * @param arrivedAtNanos when the request arrived, as {@link System#nanoTime()} read it
     * @param limit          how long it may take
     * @return the deadline
     */
    static Deadline after(long arrivedAtNanos, Duration limit) {
        return new Deadline(arrivedAtNanos + limit.toNanos());
    }

    /** @return the time left, zero or negative once the deadline passed */
    Duration remaining() {
        return Duration.ofNanos(atNanos - System.nanoTime());
    }
}
