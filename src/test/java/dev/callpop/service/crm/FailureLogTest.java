package dev.callpop.service.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** An outage is a line per CRM per interval, not a line per failed call; the clock is the test's. */
class FailureLogTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final List<String> lines = new ArrayList<>();
    private final FailureLog log = new FailureLog(Duration.ofSeconds(10), nanos::get, lines::add);

    private void advance(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void theFirstFailureAfterAQuietSpellIsLoggedAtOnce() {
        log.failed("pipedrive", "timeout");
        assertThat(lines).containsExactly("CRM 'pipedrive' failed calls in the last 10 s: 1 timeout; each was answered with its fallback");
    }

    @Test
    void aThousandFailuresWithinTheIntervalAreOneLineWithTheirCountsByOutcome() {
        log.failed("pipedrive", "timeout");
        for (int i = 0; i < 600; i++) {
            log.failed("pipedrive", "bulkhead-full");
        }
        for (int i = 0; i < 400; i++) {
            log.failed("pipedrive", "timeout");
        }
        assertThat(lines).hasSize(1);

        advance(Duration.ofSeconds(10));
        log.failed("pipedrive", "breaker-open");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("600 bulkhead-full").contains("1 breaker-open").contains("400 timeout");
    }

    @Test
    void eachCrmHasItsOwnLine() {
        log.failed("pipedrive", "timeout");
        log.failed("bullhorn", "unavailable");
        assertThat(lines).hasSize(2).anyMatch(line -> line.startsWith("CRM 'bullhorn'"));
    }

    @Test
    void aBreakerChangeWritesWhatWasCountedSinceTheLastLine() {
        log.failed("pipedrive", "timeout");
        log.failed("pipedrive", "timeout");
        log.failed("pipedrive", "timeout");

        log.flush("pipedrive");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("2 timeout");
        log.flush("pipedrive");
        assertThat(lines).as("nothing new, nothing written").hasSize(2);
    }
}
