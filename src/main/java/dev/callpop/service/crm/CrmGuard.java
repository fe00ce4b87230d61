package dev.callpop.service.crm;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmUnavailableException;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The one path from callpop to a CRM adapter. Every adapter call goes through here, so a new event or
 * adapter method gets the CRM's protections by construction; the adapter SPI's threading rules decide
 * which of the two doors it takes:
 * <ul>
 * <li>{@link #call}: a call that may reach the CRM ({@code findContacts}, {@code logout}, a call-received
 * that looks the caller up). It runs on a worker thread, on the request's own Vert.x context (so its log
 * lines keep the request id), under the CRM's time limit and circuit breaker; its failures are translated
 * to the SPI's exceptions and its time and outcome are metrics.</li>
 * <li>{@link #build}: a call that only builds a page URL from what it was given. It runs right here on the
 * I/O thread, with nothing to time out, and its failures are translated the same way.</li>
 * </ul>
 * Callers decide what an outage means for their event ({@link #isOutage}); nothing here answers a client.
 */
@Singleton
@Startup // its circuit breakers' state is a metric from the first scrape on
public class CrmGuard {

    private static final Logger LOG = Logger.getLogger(CrmGuard.class);

    /** Runs a blocking task off the I/O thread. */
    @FunctionalInterface
    public interface Worker {
        /**
         * @param task the task
         * @param <T>  what it answers
         * @return the task's answer, once a worker ran it
         */
        <T> Uni<T> run(Callable<T> task);
    }

    private final Map<String, Guard> guards;
    private final CallpopMetrics metrics;
    private final Worker worker;

    @Inject
    CrmGuard(CrmRegistry registry, CallpopMetrics metrics) {
        this(registry, metrics, VertxContextSupport::executeBlocking);
    }

    private CrmGuard(CrmRegistry registry, CallpopMetrics metrics, Worker worker) {
        this.metrics = metrics;
        this.worker = worker;
        this.guards = registry.served().stream().collect(Collectors.toUnmodifiableMap(RegisteredCrm::id, this::guard));
    }

    /**
     * A guard whose CRM calls run on the calling thread, for tests that use no Vert.x.
     *
     * @param registry the CRMs
     * @param metrics  where calls are counted
     * @return the guard
     */
    public static CrmGuard onCallingThread(CrmRegistry registry, CallpopMetrics metrics) {
        return new CrmGuard(registry, metrics, new Worker() {
            @Override
            public <T> Uni<T> run(Callable<T> task) {
                try {
                    return Uni.createFrom().item(task.call());
                } catch (Exception e) {
                    return Uni.createFrom().failure(e);
                }
            }
        });
    }

    private Guard guard(RegisteredCrm crm) {
        metrics.breakerState(crm.id(), 0);
        CrmsConfig.CrmSettings settings = crm.settings();
        return Guard.create()
                .withDescription("CRM " + crm.id())
                .withTimeout().duration(settings.lookupTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.circuitBreaker().requestVolume())
                .failureRatio(settings.circuitBreaker().failureRatio())
                .delay(settings.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                .failOn(List.of(CrmUnavailableException.class, TimeoutException.class))
                .onStateChange(state -> {
                    LOG.infof("Circuit breaker of CRM '%s' is now %s", crm.id(), state);
                    metrics.breakerState(crm.id(), switch (state) {
                        case CLOSED -> 0;
                        case HALF_OPEN -> 1;
                        case OPEN -> 2;
                    });
                })
                .done()
                .build();
    }

    /**
     * Calls the adapter in a way that may reach the CRM: on a worker thread, under the CRM's time limit and
     * circuit breaker. Fails with the SPI's exceptions, {@link TimeoutException} or
     * {@link CircuitBreakerOpenException}; {@link #isOutage} tells which of them are the CRM's fault.
     *
     * @param crm     the CRM
     * @param event   the event the call serves, for metrics ({@code call-received}, {@code logout})
     * @param crmCall the adapter call
     * @param <T>     what the adapter answers
     * @return the adapter's answer
     */
    public <T> Uni<T> call(RegisteredCrm crm, String event, Callable<T> crmCall) {
        return worker.run(() -> guarded(crm, event, crmCall));
    }

    @SuppressWarnings("unchecked")
    private <T> T guarded(RegisteredCrm crm, String event, Callable<T> crmCall) throws Exception {
        long start = System.nanoTime();
        try {
            T answer = guards.get(crm.id()).call(() -> translated(crm, crmCall), (Class<T>) Object.class);
            metrics.crmCall(crm.id(), event, "ok", Duration.ofNanos(System.nanoTime() - start));
            return answer;
        } catch (Exception e) {
            metrics.crmCall(crm.id(), event, outcome(e), Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    /**
     * Calls the adapter to build a page, on this thread: the SPI's page methods never reach the CRM.
     *
     * @param crm       the CRM
     * @param pageCall  the adapter call
     * @param <T>       what the adapter answers
     * @return the adapter's answer
     */
    public <T> T build(RegisteredCrm crm, Callable<T> pageCall) {
        try {
            return translated(crm, pageCall);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("CRM adapter " + crm.definedBy() + " threw a checked exception", e);
        }
    }

    /**
     * @param failure what a guarded call failed with
     * @return whether it is the CRM's outage (it failed, did not answer in time, or its breaker is open),
     *         as opposed to something the client must act on (credentials, rate limit, input) or a bug
     */
    public static boolean isOutage(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof CircuitBreakerOpenException
                || failure instanceof CrmUnavailableException;
    }

    /**
     * @param crm     the CRM
     * @param failure an outage ({@link #isOutage})
     * @return why the CRM gave no answer, to follow its name in a sentence
     */
    public static String outageReason(RegisteredCrm crm, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return " did not answer within " + crm.settings().lookupTimeout().toMillis() + " ms";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return " has been failing, so callpop is not asking it for a while";
        }
        return " is unavailable (" + failure.getMessage() + ")";
    }

    private static String outcome(Exception e) {
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof CircuitBreakerOpenException) {
            return "breaker-open";
        }
        return e instanceof CrmUnavailableException ? "unavailable" : "refused";
    }

    /**
     * Runs an adapter call, turning the REST Client's errors into the SPI's: the CRM's 401/403 means the
     * user must sign in to it again, 429 is passed on, anything else from the CRM is an outage.
     */
    private static <T> T translated(RegisteredCrm crm, Callable<T> adapterCall) throws Exception {
        String name = crm.displayName();
        try {
            return adapterCall.call();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new CrmAuthenticationException(name + " refused the user's CRM credentials (HTTP " + status + ").");
            }
            if (status == 429) {
                throw new CrmRateLimitedException(name + " is limiting requests (HTTP 429).",
                        retryAfter(e.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER)));
            }
            throw new CrmUnavailableException(name + " answered HTTP " + status, e);
        } catch (ProcessingException e) {
            throw new CrmUnavailableException(name + " could not be reached", e);
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
