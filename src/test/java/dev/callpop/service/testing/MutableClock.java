package dev.callpop.service.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move forward, for code that expires things, so that no test sleeps: stopped at a time, or
 * {@link #running() running} with the real time plus what tests added (for code whose waits run on real timers but
 * whose expiries read the clock).
 */
public final class MutableClock extends Clock {

    private volatile Instant now;
    private volatile Duration ahead = Duration.ZERO;

    /** @param start where the clock stands, or {@code null} for one that runs */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @return a clock starting at the real time now */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /** @return a clock that runs with the real time, plus what tests add */
    public static MutableClock running() {
        return new MutableClock(null);
    }

    /** @param time how far to move the clock forward */
    public void advance(Duration time) {
        if (now == null) {
            ahead = ahead.plus(time);
        } else {
            now = now.plus(time);
        }
    }

    @Override
    public Instant instant() {
        Instant stopped = now;
        return stopped != null ? stopped : Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
