package dev.callpop.service.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * callpop's own metrics, in the registry of the Quarkus Micrometer extension, which serves them with the
 * JVM, HTTP server and process metrics in the Prometheus format at {@code /q/metrics}. Labels only ever
 * take values callpop knows (CRM ids of its registry, its three events), so a hostile path cannot create
 * new series.
 *
 * <ul>
 *   <li>{@code callpop_events_total{crm,event,status}}: events answered, by HTTP status class</li>
 *   <li>{@code callpop_lookup_matches_total{crm,result}}: look-ups by result ({@code none}, {@code one}, {@code several})</li>
 *   <li>{@code callpop_lookup_cache_total{crm,result}}: look-up answers from the cache ({@code hit}) or the CRM ({@code miss})</li>
 *   <li>{@code callpop_crm_call_seconds{crm,event,outcome}}: time spent on the CRM per call that may reach it
 *       (a look-up, a logout), by outcome ({@code ok}, {@code timeout}, {@code breaker-open}, {@code unavailable},
 *       {@code refused})</li>
 *   <li>{@code callpop_circuit_breaker_state{crm}}: 0 closed, 1 half-open, 2 open</li>
 *   <li>{@code callpop_logout_steps_total{crm,outcome}}: logouts' server-side clean-up steps, by outcome
 *       ({@code done}, {@code not-needed}, {@code failed})</li>
 *   <li>{@code callpop_telephony_events_total{source,kind,outcome}}: telephony platforms' events taken ({@code kept}) or
 *       recognised as a delivery taken before ({@code duplicate})</li>
 *   <li>{@code callpop_telephony_dropped_total{kind}}: events dropped unpushed or unlogged when their wait ended
 *       ({@code pop}: a ringing or answered event whose agent had no stream in time; {@code ended}: a call whose agent
 *       did not connect within the retention)</li>
 *   <li>{@code callpop_telephony_pushes_total{event}}: events sent on agents' streams ({@code pop}, {@code call-log},
 *       {@code call-log-failed})</li>
 *   <li>{@code callpop_telephony_streams}: agents' streams open on this replica</li>
 * </ul>
 */
@Singleton
public class CallpopMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> breakerStates = new ConcurrentHashMap<>();

    /** @param registry where the meters live */
    public CallpopMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param crm    a served CRM's id, or {@code unknown}
     * @param event  the event
     * @param status the HTTP status answered
     */
    public void event(String crm, String event, int status) {
        Counter.builder("callpop.events").tag("crm", crm).tag("event", event).tag("status", (status / 100) + "xx")
                .description("Events answered").register(registry).increment();
    }

    /**
     * @param crm   the CRM
     * @param count how many contacts a look-up found
     */
    public void matches(String crm, int count) {
        Counter.builder("callpop.lookup.matches").tag("crm", crm).tag("result", count == 0 ? "none" : count == 1 ? "one" : "several")
                .description("Phone look-ups by result").register(registry).increment();
    }

    /**
     * @param crm the CRM
     * @param hit whether a look-up was answered from the cache
     */
    public void cache(String crm, boolean hit) {
        Counter.builder("callpop.lookup.cache").tag("crm", crm).tag("result", hit ? "hit" : "miss")
                .description("Look-up answers from the cache or the CRM").register(registry).increment();
    }

    /**
     * @param crm     the CRM
     * @param event   the event the call served
     * @param outcome how it ended
     * @param took    how long it took
     */
    public void crmCall(String crm, String event, String outcome, Duration took) {
        Timer.builder("callpop.crm.call").tag("crm", crm).tag("event", event).tag("outcome", outcome)
                .description("Time spent on the CRM per call that may reach it").register(registry).record(took);
    }

    /**
     * @param crm     the CRM
     * @param outcome a logout step's outcome, as the client reads it
     */
    public void logoutStep(String crm, String outcome) {
        Counter.builder("callpop.logout.steps").tag("crm", crm).tag("outcome", outcome)
                .description("Logouts' server-side clean-up steps by outcome").register(registry).increment();
    }

    /**
     * @param crm   the CRM
     * @param state its circuit breaker's state: 0 closed, 1 half-open, 2 open
     */
    public void breakerState(String crm, int state) {
        breakerStates.computeIfAbsent(crm, id -> registry.gauge("callpop.circuit.breaker.state", Tags.of("crm", id), new AtomicInteger()))
                .set(state);
    }

    /**
     * @param source  the telephony source (a configured name)
     * @param kind    the event's kind
     * @param outcome {@code kept} or {@code duplicate}
     */
    public void telephonyEvent(String source, String kind, String outcome) {
        Counter.builder("callpop.telephony.events").tag("source", source).tag("kind", kind).tag("outcome", outcome)
                .description("Telephony platforms' events taken, or recognised as duplicates").register(registry).increment();
    }

    /**
     * @param kind  {@code pop} or {@code ended}
     * @param count how many were dropped
     */
    public void telephonyDropped(String kind, long count) {
        Counter.builder("callpop.telephony.dropped").tag("kind", kind)
                .description("Telephony events dropped when their wait ended").register(registry).increment(count);
    }

    /** @param event the stream event sent: {@code pop}, {@code call-log} or {@code call-log-failed} */
    public void telephonyPush(String event) {
        Counter.builder("callpop.telephony.pushes").tag("event", event)
                .description("Events sent on agents' streams").register(registry).increment();
    }

    /** @param open a live count of the agents' streams open on this replica */
    public void telephonyStreams(AtomicInteger open) {
        registry.gauge("callpop.telephony.streams", open);
    }
}
