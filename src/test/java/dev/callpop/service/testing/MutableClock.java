package dev.callpop.service.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move forward, for code that expires things, so that no test sleeps. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** @param start where the clock starts */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @return a clock starting at the real time now */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /** @param time how far to move the clock forward */
    public void advance(Duration time) {
        now = now.plus(time);
    }

    @Override
    public Instant instant() {
        return now;
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
