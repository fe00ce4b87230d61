package dev.callpop.service.crm;

import java.time.Duration;
import java.util.concurrent.Callable;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmUnavailableException;

/**
 * What a failed CRM call means and how callpop words it: the REST Client's errors as the SPI's exceptions, the
 * guard's own failures (deadline, full lane, open breaker), which of them are the CRM's outage, and why an
 * outage gave no answer. Each event decides what an outage means for its answer; nothing here answers a client.
 */
public final class CrmFailures {

    private CrmFailures() {
    }

    /** How a guarded call ended, as the metrics name it ({@code ok}, {@code timeout}, {@code breaker-open}, …). */
    enum Outcome {
        OK, TIMEOUT, BREAKER_OPEN, BULKHEAD_FULL, UNAVAILABLE, REFUSED, ABANDONED;

        static Outcome of(Throwable failure) {
            if (failure == null) {
                return OK;
            }
            if (failure instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (failure instanceof CircuitBreakerOpenException) {
                return BREAKER_OPEN;
            }
            if (failure instanceof BulkheadException) {
                return BULKHEAD_FULL;
            }
            if (failure instanceof CallAbandoned) {
                return ABANDONED;
            }
            return failure instanceof CrmUnavailableException ? UNAVAILABLE : REFUSED;
        }

        /** The CRM's fault, as opposed to a success, something the client must act on, a caller who left, or a bug. */
        boolean isOutage() {
            return this != OK && this != REFUSED && this != ABANDONED;
        }
    }

    /**
     * @param failure what a guarded call failed with, or {@code null}
     * @return whether it is the CRM's outage (it failed, did not answer in time, its breaker is open, or its
     *         threads and queue are full), as opposed to something the client must act on (credentials, rate
     *         limit, input) or a bug
     */
    public static boolean isOutage(Throwable failure) {
        return Outcome.of(failure).isOutage();
    }

    /**
     * @param crm     the CRM
     * @param failure an outage ({@link #isOutage})
     * @return why the CRM gave no answer, to follow its name in a sentence
     */
    public static String outageReason(RegisteredCrm crm, Throwable failure) {
        return switch (Outcome.of(failure)) {
            case TIMEOUT -> notInTime(crm);
            case BREAKER_OPEN -> " has been failing, so callpop is not asking it for a while";
            case BULKHEAD_FULL -> " is busy with as many calls as callpop lets it have";
            default -> " is unavailable (" + failure.getMessage() + ")";
        };
    }

    /** @return the failure of a call whose deadline passed */
    static TimeoutException timeout(RegisteredCrm crm) {
        return new TimeoutException(crm.displayName() + notInTime(crm));
    }

    /** @return the failure of a call refused because the CRM's breaker is open */
    static CircuitBreakerOpenException breakerOpen(RegisteredCrm crm) {
        return new CircuitBreakerOpenException(crm.displayName() + " has been failing");
    }

    /** @return the failure of a call refused because the CRM's threads and queue are full */
    static BulkheadException laneFull(RegisteredCrm crm, int running, int waiting) {
        return new BulkheadException(crm.displayName() + " has " + running + " calls running and " + waiting + " waiting");
    }

    private static String notInTime(RegisteredCrm crm) {
        return " did not answer within " + crm.settings().lookupTimeout().toMillis() + " ms";
    }

    /**
     * Runs an adapter call, turning the REST Client's errors into the SPI's: the CRM's 401/403 means the
     * user must sign in to it again, 429 is passed on, anything else from the CRM is an outage.
     */
    static <T> T translated(RegisteredCrm crm, Callable<T> adapterCall) throws Exception {
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
