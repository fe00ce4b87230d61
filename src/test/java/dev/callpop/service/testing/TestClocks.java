package dev.callpop.service.testing;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock of the application's waiting telephony events in {@code @QuarkusTest}s: one tests can move. */
@Singleton
public class TestClocks {

    /** The clock the application under test reads. */
    public static final MutableClock CLOCK = MutableClock.running();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
