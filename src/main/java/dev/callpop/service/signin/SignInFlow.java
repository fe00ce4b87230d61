package dev.callpop.service.signin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.service.api.CrmHeaders;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.CrmFailures;
import dev.callpop.service.crm.Hostnames;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.events.PageCheck;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SealedCredentials;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;
import dev.callpop.spi.WireWords;
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
    static final String REVOKE = "sign-in-revoke";

    private final CrmEvents events;
    private final CrmCalls guard;
    private final RedirectUris redirectUris;
    private final SignInStates states;
    private final SealedCredentials sealing;
    private final boolean enabled;
    private final List<URI> authorizationOrigins;

    SignInFlow(CrmEvents events, CrmCalls guard, RedirectUris redirectUris, SignInStates states, SealedCredentials sealing, SignInConfig config) {
        this.events = events;
        this.guard = guard;
        this.redirectUris = redirectUris;
        this.states = states;
        this.sealing = sealing;
        this.enabled = config.enabled();
        this.authorizationOrigins = config.authorizationOrigins().orElse(List.of()).stream().map(SignInFlow::origin).toList();
    }

    private static URI origin(String entry) {
        URI origin = URI.create(entry);
        if (origin.getScheme() == null || origin.getHost() == null || origin.getRawUserInfo() != null
                || !(origin.getRawPath() == null || origin.getRawPath().isEmpty()) || origin.getRawQuery() != null || origin.getRawFragment() != null) {
            throw new IllegalStateException("callpop.sign-in.authorization-origins: '" + entry + "' is not an origin (scheme://host[:port])");
        }
        return origin;
    }

    Uni<SignInStartAnswer> start(String crmId, SignInStartRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        URI redirectUri = redirectUris.checked(body.redirectUri());
        SignInRequest request = new SignInRequest(redirectUri, body.username(), CrmEvents.agentHostname(crm, body.hostname(), agent).orElse(null));
        return guarded(crm, START, arrivedAt, () -> signIn.start(request)).map(started -> {
            URI page = PageCheck.authorizationPage(crm, started.authorizationUrl(), authorizationOrigins);
            SignInStates.Issued issued = states.issue(agent.id(), crm.id(), request, started.remembered());
            UriBuilder authorization = UriBuilder.fromUri(page).queryParam("state", issued.state());
            if (signIn.usesPkce()) {
                authorization.queryParam("code_challenge", issued.codeChallenge()).queryParam("code_challenge_method", "S256");
            }
            return new SignInStartAnswer(crm.id(), authorization.build().toString(), issued.state());
        });
    }

    Uni<SignInAnswer> complete(String crmId, SignInCompleteRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        SignInStates.Started started = states.open(body.state(), agent.id(), crm.id());
        SignInRequest request = signIn.usesPkce() ? started.request()
                : new SignInRequest(started.request().redirectUri(), started.request().username(), started.request().hostname());
        return guarded(crm, COMPLETE, arrivedAt, () -> signIn.complete(body.code(), request, started.remembered()))
                .flatMap(signedIn -> answer(crm, signedIn, agent));
    }

    Uni<SignInAnswer> refresh(String crmId, RefreshRequest body, Agent agent, long arrivedAt) {
        RegisteredCrm crm = events.served(crmId);
        CrmSignIn signIn = signIn(crm);
        String hostname = CrmEvents.agentHostname(crm, body.hostname(), agent).orElse(null);
        SignInRequest request = new SignInRequest(null, body.username(), hostname);
        String refreshToken = body.refreshToken();
        Map<String, String> remembered = Map.of();
        if (sealing.isSealed(refreshToken)) {
            SealedCredentials.Opened opened = sealing.open(refreshToken, agent.id(), crm.id());
            if (hostname != null) {
                Agent.checkCredentialHost(opened.hostname(), hostname);
            }
            refreshToken = opened.tokens().refreshToken();
            remembered = opened.remembered();
            if (refreshToken == null) {
                throw new CrmAuthenticationException(crm.displayName() + " gave no refresh token at the sign-in.");
            }
        }
        String token = refreshToken;
        Map<String, String> known = remembered;
        return guarded(crm, REFRESH, arrivedAt, () -> signIn.refresh(token, request, known))
                .flatMap(signedIn -> answer(crm, signedIn, agent));
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
        return guard.call(crm, event, arrivedAt, call).onFailure(CrmFailures::isOutage)
                .transform(failure -> failure instanceof CrmUnavailableException ? failure
                        : new CrmUnavailableException(crm.displayName() + CrmFailures.outageReason(crm, failure), failure));
    }

    /**
     * The credentials for the client, once the host the CRM answered is one the agent may act on. When it is not,
     * the credentials the CRM just issued are revoked (the adapter's logout, under the guard) and the refusal says
     * whether that worked: they are never silently dropped.
     */
    private Uni<SignInAnswer> answer(RegisteredCrm crm, CrmSignedIn signedIn, Agent agent) {
        String hostname = signedIn.hostname() == null ? null : Hostnames.normalise(signedIn.hostname());
        if (hostname != null) {
            try {
                CrmEvents.checkAnsweredHost(crm, hostname, agent);
            } catch (ProblemException | CrmUnavailableException refused) {
                return revoked(crm, signedIn, crm.isOwnHost(hostname) ? hostname : crm.exampleHost())
                        .onItem().transformToUni(outcome -> Uni.createFrom().<SignInAnswer>failure(withOutcome(refused, outcome)));
            }
        }
        return Uni.createFrom().item(credentials(crm, signedIn, hostname, agent));
    }

    /** Revokes what a refused sign-in obtained, with a deadline of its own; answers what became of it, for the client. */
    private Uni<String> revoked(RegisteredCrm crm, CrmSignedIn signedIn, String hostname) {
        CrmContext context = new CrmContext(hostname, crm.canOpenLogPage(), signedIn.forEvents());
        CrmTokens issued = new CrmTokens(signedIn.accessToken(), signedIn.refreshToken());
        return guard.call(crm, REVOKE, System.nanoTime(), () -> crm.adapter().revokeCredentials(issued, context))
                .map(steps -> !steps.isEmpty() && steps.stream().allMatch(step -> step.outcome() == CleanupStep.Outcome.DONE)
                        ? " The credentials " + crm.displayName() + " issued were revoked."
                        : " callpop could not revoke every credential " + crm.displayName() + " issued (" + steps.stream()
                                .map(step -> step.name() + ": " + WireWords.of(step.outcome()) + (step.detail() == null ? "" : ", " + step.detail()))
                                .collect(Collectors.joining("; ")) + "): revoke the app's access in the CRM if they must not outlive this.")
                .onFailure().recoverWithItem(" callpop could not revoke the credentials " + crm.displayName() + " issued: revoke the app's access in the CRM.");
    }

    private static RuntimeException withOutcome(RuntimeException refused, String outcome) {
        if (refused instanceof ProblemException problem) {
            return new ProblemException(problem.kind(), problem.field(), problem.getMessage() + outcome);
        }
        return new CrmUnavailableException(refused.getMessage() + "; nothing was answered." + outcome, null);
    }

    private SignInAnswer credentials(RegisteredCrm crm, CrmSignedIn signedIn, String hostname, Agent agent) {
        String expiresAt = signedIn.expiresAt() == null ? null : signedIn.expiresAt().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (sealing.enabled()) {
            String sealed = sealing.seal(signedIn, agent.id(), crm.id());
            headers.put(CrmHeaders.TOKEN, sealed);
            return new SignInAnswer(crm.id(), true, null, sealed, expiresAt, hostname, headers);
        }
        putIfPresent(headers, CrmHeaders.TOKEN, signedIn.forEvents().token());
        putIfPresent(headers, CrmHeaders.API_URL, signedIn.forEvents().apiUrl());
        putIfPresent(headers, CrmHeaders.USER, signedIn.forEvents().user());
        return new SignInAnswer(crm.id(), false, signedIn.accessToken(), signedIn.refreshToken(), expiresAt, hostname, headers);
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
