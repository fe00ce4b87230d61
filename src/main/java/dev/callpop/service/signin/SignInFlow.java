package dev.callpop.service.signin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.service.api.CrmHeaders;
import dev.callpop.service.api.problem.ProblemException;
import dev.callpop.service.api.problem.ProblemKind;
import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.CrmGuard;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SealedCredentials;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;
import io.smallrye.mutiny.Uni;

/**
 * Signing a user in to a CRM: start, complete, refresh. Everything is checked before the CRM is contacted
 * (the CRM signs users in, the redirect URI is allowed, the state is callpop's and this user's), and every
 * adapter call goes through the CRM's guard, under its time limit, like a look-up.
 */
@Singleton
class SignInFlow {

    /** The guarded calls' event names, for the CRM call metrics. */
    static final String START = "sign-in";
    static final String COMPLETE = "sign-in-complete";
    static final String REFRESH = "refresh";

    private final CrmEvents events;
    private final CrmCalls guard;
    private final RedirectUris redirectUris;
    private final SignInStates states;
    private final SealedCredentials sealing;
    private final boolean enabled;

    SignInFlow(CrmEvents events, CrmCalls guard, RedirectUris redirectUris, SignInStates states, SealedCredentials sealing, SignInConfig config) {
        this.events = events;
        this.guard = guard;
        this.redirectUris = redirectUris;
        this.states = states;
        this.sealing = sealing;
        this.enabled = config.enabled();
    }

    Uni<SignInStartAnswer> start(String crmId, SignInStartRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        SignInRequest request = new SignInRequest(redirectUris.checked(body.redirectUri()), body.username(), CrmEvents.clientHostname(crm, body.hostname()).orElse(null));
        return guarded(crm, START, arrivedAt, () -> signIn.start(request)).map(started -> {
            String state = states.issue(agent.id(), crm.id(), request, started.remembered());
            URI page = UriBuilder.fromUri(started.authorizationUrl()).queryParam("state", state).build();
            return new SignInStartAnswer(crm.id(), page.toString(), state);
        });
    }

    Uni<SignInAnswer> complete(String crmId, SignInCompleteRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        SignInStates.Started started = states.open(body.state(), agent.id(), crm.id());
        return guarded(crm, COMPLETE, arrivedAt, () -> signIn.complete(body.code(), started.request(), started.remembered()))
                .map(signedIn -> answer(crm, signedIn, agent));
    }

    Uni<SignInAnswer> refresh(String crmId, RefreshRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        SignInRequest request = new SignInRequest(null, body.username(), CrmEvents.clientHostname(crm, body.hostname()).orElse(null));
        String refreshToken = body.refreshToken();
        Map<String, String> remembered = Map.of();
        if (sealing.isSealed(refreshToken)) {
            SealedCredentials.Opened opened = sealing.open(refreshToken, agent.id(), crm.id());
            refreshToken = opened.tokens().refreshToken();
            remembered = opened.remembered();
            if (refreshToken == null) {
                throw new CrmAuthenticationException(crm.displayName() + " gave no refresh token at the sign-in.");
            }
        }
        String token = refreshToken;
        Map<String, String> known = remembered;
        return guarded(crm, REFRESH, arrivedAt, () -> signIn.refresh(token, request, known))
                .map(signedIn -> answer(crm, signedIn, agent));
    }

    private CrmSignIn signIn(RegisteredCrm crm) {
        if (!enabled) {
            throw new ProblemException(ProblemKind.SIGN_IN_UNSUPPORTED, null, "Signing in to CRMs through callpop is switched off here (callpop.sign-in.enabled).");
        }
        if (crm.adapter() instanceof CrmSignIn signIn) {
            return signIn;
        }
        throw new ProblemException(ProblemKind.SIGN_IN_UNSUPPORTED, null, crm.displayName()
                + " does not sign users in through callpop: the client signs the user in to it and sends the credentials in the X-CRM-* headers.");
    }

    /** The adapter call on the CRM's lane by the request's deadline; an outage is a 503 that says why. */
    private <T> Uni<T> guarded(RegisteredCrm crm, String event, long arrivedAt, Callable<T> call) {
        return guard.call(crm, event, arrivedAt, call).onFailure(CrmGuard::isOutage)
                .transform(failure -> failure instanceof CrmUnavailableException ? failure
                        : new CrmUnavailableException(crm.displayName() + CrmGuard.outageReason(crm, failure), failure));
    }

    private SignInAnswer answer(RegisteredCrm crm, CrmSignedIn signedIn, Agent agent) {
        String expiresAt = signedIn.expiresAt() == null ? null : signedIn.expiresAt().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (sealing.enabled()) {
            String sealed = sealing.seal(signedIn, agent.id(), crm.id());
            headers.put(CrmHeaders.TOKEN, sealed);
            return new SignInAnswer(crm.id(), true, null, sealed, expiresAt, signedIn.hostname(), headers);
        }
        putIfPresent(headers, CrmHeaders.TOKEN, signedIn.forEvents().token());
        putIfPresent(headers, CrmHeaders.API_URL, signedIn.forEvents().apiUrl());
        putIfPresent(headers, CrmHeaders.USER, signedIn.forEvents().user());
        return new SignInAnswer(crm.id(), false, signedIn.accessToken(), signedIn.refreshToken(), expiresAt, signedIn.hostname(), headers);
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
