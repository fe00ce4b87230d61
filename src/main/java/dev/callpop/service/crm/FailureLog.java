package dev.callpop.service.crm;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The log of a CRM's failed calls during an outage: one line per CRM at most every interval, counting
 * each outcome since the last line, instead of a line per request (metrics keep the per-request detail).
 * The first failure after a quiet interval is logged at once, so an outage shows up in the log straight away.
 */
final class FailureLog {

    private static final Logger LOG = Logger.getLogger(FailureLog.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** The failures of one CRM since its last line. */
    private static final class Window {
        final AtomicLong loggedAt;
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        Window(long loggedAt) {
            this.loggedAt = new AtomicLong(loggedAt);
        }
    }

    /**
     * @param interval the shortest time between two lines of one CRM
     * @param nanoTime the clock, as {@link System#nanoTime()}
     */
    FailureLog(Duration interval, LongSupplier nanoTime) {
        this(interval, nanoTime, FailureLog::warn);
    }

    /**
     * @param interval the shortest time between two lines of one CRM
     * @param nanoTime the clock, as {@link System#nanoTime()}
     * @param out      where the lines go
     */
    FailureLog(Duration interval, LongSupplier nanoTime, Consumer<String> out) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.out = out;
    }

    /** A warning about no request in particular: the request that happened to write it is left out of its context. */
    private static void warn(String line) {
        Map<String, Object> context = MDC.getMap();
        MDC.clear();
        try {
            LOG.warn(line);
        } finally {
            context.forEach(MDC::put);
        }
    }

    /**
     * Counts a failed call, and writes the CRM's line if its interval has passed.
     *
     * @param crm     the CRM id
     * @param outcome how the call failed ({@code timeout}, {@code breaker-open}, …)
     */
    void failed(String crm, String outcome) {
        long now = nanoTime.getAsLong();
        Window window = windows.computeIfAbsent(crm, id -> new Window(now - intervalNanos));
        window.counts.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        long last = window.loggedAt.get();
        if (now - last >= intervalNanos && window.loggedAt.compareAndSet(last, now)) {
            write(crm, window, Duration.ofNanos(Math.min(now - last, intervalNanos)));
        }
    }

    /**
     * Writes the CRM's line now if it counted anything since the last one (when its breaker changes state).
     *
     * @param crm the CRM id
     */
    void flush(String crm) {
        Window window = windows.get(crm);
        if (window != null) {
            long now = nanoTime.getAsLong();
            long last = window.loggedAt.getAndSet(now);
            write(crm, window, Duration.ofNanos(Math.min(now - last, intervalNanos)));
        }
    }

    private void write(String crm, Window window, Duration since) {
        Map<String, Long> counts = new TreeMap<>();
        window.counts.forEach((outcome, count) -> {
            long n = count.sumThenReset();
            if (n > 0) {
                counts.put(outcome, n);
            }
        });
        if (!counts.isEmpty()) {
            out.accept(String.format("CRM '%s' failed calls in the last %d s: %s; each was answered with its fallback", crm,
                    Math.max(1, since.toSeconds()), counts.entrySet().stream()
                            .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "))));
        }
    }
}
