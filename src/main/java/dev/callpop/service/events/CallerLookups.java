package dev.callpop.service.events;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.CrmFailures;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.Fingerprints;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.WireWords;
import io.smallrye.mutiny.Uni;

/**
 * Looks the person on the phone up in the CRM, through the CRM's guard, with answers cached briefly per
 * agent, and an outage answered by the CRM's search page or a reason rather than an error.
 */
@Singleton
class CallerLookups {

    private static final String EVENT = WireWords.of(CrmEvent.CALL_RECEIVED);

    private final CrmCalls guard;
    private final CallpopMetrics metrics;
    private final Cache<LookupKey, List<ContactMatch>> answers;
    private final boolean cacheOn;

    @Inject
    CallerLookups(CrmCalls guard, CallpopMetrics metrics, LookupConfig config) {
        this(guard, metrics, config, Ticker.systemTicker());
    }

    CallerLookups(CrmCalls guard, CallpopMetrics metrics, LookupConfig config, Ticker ticker) {
        this.guard = guard;
        this.metrics = metrics;
        this.cacheOn = !config.cacheTtl().isZero();
        this.answers = Caffeine.newBuilder()
                .maximumSize(config.cacheMaxEntries())
                .expireAfterWrite(cacheOn ? config.cacheTtl() : Duration.ofMillis(1))
                .ticker(ticker)
                .build();
    }

    /**
     * @param crm     the CRM
     * @param phone   the caller's number, for a call that {@link dev.callpop.spi.CallReceived#needsLookUp needs a look-up}
     * @param context the request's context
     * @param policy  what the matches open ({@link CallPops#matches})
     * @param agent    who is asking, so cached answers stay theirs
     * @param arrivedAt when the request arrived ({@link System#nanoTime()})
     * @return the pages of the matches, or the fallback when the CRM failed or the deadline passed
     */
    Uni<CallPop> lookUp(RegisteredCrm crm, PhoneNumber phone, CrmContext context, MatchPolicy policy, Agent agent, long arrivedAt) {
        return matches(crm, phone, context, agent, arrivedAt)
                .map(matches -> CallPops.matches(crm, matches, phone, context, policy))
                .onFailure(CrmFailures::isOutage).recoverWithItem(failure -> fallback(crm, phone, context, failure));
    }

    /**
     * The contacts with this number, the CRM's answer or a cached one: the one look-up call-received and call logs share.
     *
     * @param crm     the CRM
     * @param phone   the caller's number
     * @param context the request's context
     * @param agent    who is asking, so cached answers stay theirs
     * @param arrivedAt when the request arrived ({@link System#nanoTime()})
     * @return the matches, best first, or a failure (the guard's: {@link CrmFailures#isOutage} tells outages apart)
     */
    Uni<List<ContactMatch>> matches(RegisteredCrm crm, PhoneNumber phone, CrmContext context, Agent agent, long arrivedAt) {
        LookupKey key = cacheOn
                ? new LookupKey(crm.id(), context.hostname(), phone.e164(), agent.id(), fingerprint(context.credentials()), context.userSettings())
                : null;
        List<ContactMatch> cached = key == null ? null : answers.getIfPresent(key);
        if (key != null) {
            metrics.cache(crm.id(), cached != null);
        }
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return guard.call(crm, EVENT, arrivedAt, () -> List.copyOf(crm.adapter().findContacts(phone, context)))
                .invoke(matches -> {
                    metrics.matches(crm.id(), matches.size());
                    if (key != null) {
                        answers.put(key, matches);
                    }
                })
                // The CRM refused these credentials: nothing they obtained earlier is answered any more either.
                .onFailure(CrmAuthenticationException.class).invoke(() -> {
                    String refused = fingerprint(context.credentials());
                    answers.asMap().keySet().removeIf(cachedKey -> cachedKey.crm().equals(crm.id()) && cachedKey.credentials().equals(refused));
                });
    }

    /**
     * Forgets every answer one agent got from one CRM: after a logout, what the revoked credentials found is not
     * answered again by this replica (another replica's cache keeps its own for at most {@code cache-ttl}).
     *
     * @param crm   the CRM id
     * @param agent the agent who logged out
     */
    void forget(String crm, Agent agent) {
        answers.asMap().keySet().removeIf(key -> key.crm().equals(crm) && key.agent().equals(agent.id()));
    }

    /** An outage becomes an answer (the guard logs a summary of them): the CRM's search page for the number where it has one, else a reason. */
    private CallPop fallback(RegisteredCrm crm, PhoneNumber phone, CrmContext context, Throwable failure) {
        String why = CrmFailures.outageReason(crm, failure);
        String name = crm.displayName();
        Optional<CallPop> search = guard.build(crm, () -> crm.adapter().searchPage(phone, context))
                .map(page -> new CallPop(List.of(page), List.of(), name + why + "; opened its search page for the number instead."));
        return search.orElseGet(() -> CallPop.nothing(name + why + "; nothing was opened."));
    }

    /** A one-way digest of the agent's CRM credentials: the cache keys on who they are, never keeps what they are. */
    private static String fingerprint(CrmCredentials credentials) {
        return HexFormat.of().formatHex(Fingerprints.of(credentials.token(), credentials.apiUrl(), credentials.user()));
    }

    /**
     * Whose matches these are, under which settings: one agent's matches are never another's, nor one user setting's
     * another's. The pages are built for each request from them, so every preference gets its own.
     */
    private record LookupKey(String crm, String hostname, String phone, String agent, String credentials, Map<String, String> userSettings) {
    }
}
