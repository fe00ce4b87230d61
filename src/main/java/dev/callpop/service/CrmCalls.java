package dev.callpop.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallReceived;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmUnavailableException;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Every call-received event goes through here. A look-up reaches the CRM under the CRM's time limit and
 * circuit breaker, on a worker thread, with answers cached briefly per user and an outage answered by the
 * CRM's search page or a reason rather than an error; everything else is answered on the I/O thread.
 */
@Singleton
@Startup // its circuit breakers' state is a metric from the first scrape on
class CrmCalls {

    private static final Logger LOG = Logger.getLogger(CrmCalls.class);

    private final Map<String, Guard> guards;
    private final Cache<LookupKey, CallPop> lookups;
    private final boolean cacheOn;

    private final CallpopMetrics metrics;

    CrmCalls(CrmRegistry registry, LookupConfig config, CallpopMetrics metrics) {
        this.metrics = metrics;
        this.guards = registry.all().stream().collect(Collectors.toUnmodifiableMap(RegisteredCrm::id, this::guard));
        this.cacheOn = !config.cacheTtl().isZero();
        this.lookups = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .expireAfterWrite(cacheOn ? config.cacheTtl() : Duration.ofMillis(1))
                .build();
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
     * Answers a call-received. Without a look-up the adapter only builds a page URL (the SPI's threading
     * rules), so it runs right here on the I/O thread, with no time limit to arm. A look-up is answered from
     * the cache when it can be, and otherwise runs on a worker thread under the CRM's guard.
     *
     * @param crm       the CRM
     * @param event     the event, with the normalised phone number
     * @param context   the request's context
     * @param principal who is asking (the token's issuer and subject), so cached answers stay theirs
     * @return the adapter's answer, a cached one, or the fallback when the CRM failed
     */
    Uni<CallPop> callReceived(RegisteredCrm crm, CallReceived event, CrmContext context, String principal) {
        boolean lookup = event.phone() != null && (event.contact() == null || event.contact().id() == null)
                && crm.description().findsContactsByPhone();
        if (!lookup) {
            try {
                return Uni.createFrom().item(translated(crm, () -> crm.adapter().callReceived(event, context)));
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        }
        LookupKey key = cacheOn
                ? new LookupKey(crm.id(), context.hostname(), event.phone().e164(), principal, fingerprint(context.credentials()))
                : null;
        CallPop cached = key == null ? null : lookups.getIfPresent(key);
        if (key != null) {
            metrics.cache(crm.id(), cached != null);
        }
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        // On the request's own Vert.x context, so its request id stays in the look-up's log lines.
        return VertxContextSupport.executeBlocking(() -> lookUp(crm, event, context, key));
    }

    /**
     * Looks the caller up in the CRM under the CRM's guard; blocks, so never on an I/O thread.
     *
     * @param key where to cache the answer, or {@code null} when the cache is off
     * @return the adapter's answer, or the fallback when the CRM failed
     */
    CallPop lookUp(RegisteredCrm crm, CallReceived event, CrmContext context, LookupKey key) {
        long start = System.nanoTime();
        try {
            CallPop answer = guards.get(crm.id()).call(() -> translated(crm, () -> crm.adapter().callReceived(event, context)), CallPop.class);
            metrics.crmCall(crm.id(), "ok", Duration.ofNanos(System.nanoTime() - start));
            metrics.matches(crm.id(), answer.matches().size());
            if (key != null) {
                lookups.put(key, answer);
            }
            return answer;
        } catch (Exception e) {
            metrics.crmCall(crm.id(), outcome(e), Duration.ofNanos(System.nanoTime() - start));
            return fallback(crm, event, context, e);
        }
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

    /** Outages become an answer; what the client must act on (credentials, rate limits, input) is rethrown. */
    private static CallPop fallback(RegisteredCrm crm, CallReceived event, CrmContext context, Exception e) {
        String why;
        if (e instanceof TimeoutException) {
            why = " did not answer within " + crm.settings().lookupTimeout().toMillis() + " ms";
        } else if (e instanceof CircuitBreakerOpenException) {
            why = " has been failing, so callpop is not asking it for a while";
        } else if (e instanceof CrmUnavailableException) {
            why = " is unavailable (" + e.getMessage() + ")";
        } else if (e instanceof RuntimeException runtime) {
            throw runtime;
        } else {
            throw new IllegalStateException(e);
        }
        LOG.warnf("CRM '%s'%s; answering with the fallback", crm.id(), why);
        String name = crm.description().displayName();
        if (event.phone() != null) {
            Optional<CallPop> search = crm.adapter().searchPage(event.phone(), context)
                    .map(page -> new CallPop(List.of(page), List.of(), name + why + "; opened its search page for the number instead."));
            if (search.isPresent()) {
                return search.get();
            }
        }
        return CallPop.nothing(name + why + "; nothing was opened.");
    }

    /**
     * Runs an adapter call, turning the REST Client's errors into the SPI's: the CRM's 401/403 means the
     * user must sign in to it again, 429 is passed on, anything else from the CRM is an outage.
     */
    static <T> T translated(RegisteredCrm crm, Callable<T> adapterCall) throws Exception {
        String name = crm.description().displayName();
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

    /** A one-way digest of the user's CRM credentials: the cache keys on who they are, never keeps what they are. */
    private static String fingerprint(CrmCredentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {credentials.token(), credentials.apiUrl(), credentials.user()}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whose look-up answer this is: one user's answers are never another's. */
    record LookupKey(String crm, String hostname, String phone, String principal, String credentials) {
    }
}
