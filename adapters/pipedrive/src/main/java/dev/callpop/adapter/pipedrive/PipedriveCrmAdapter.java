package dev.callpop.adapter.pipedrive;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.RemoveStorage;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;

/**
 * Pipedrive: persons at {@code https://{company}.pipedrive.com/person/{id}}, activities at
 * {@code /activities/{id}}. Log pages are off by default, as in RingCentral App Connect's Pipedrive
 * manifest, so opening a log opens the person instead unless the operator turns them on. Callers are
 * found with the persons search of API v2, with the user's OAuth access token; logout revokes the
 * user's refresh token, then access token. Users sign in with Pipedrive's OAuth (authorization code grant,
 * HTTP Basic with callpop's app credentials); the token answer's {@code api_domain} is the company's host.
 * Calls are logged as activities of the company's call type ({@link PipedriveCallLogs}); Pipedrive activities have
 * no external-id field, so a log cannot be found by its session ({@link #findLog} keeps the default).
 */
@ApplicationScoped
public class PipedriveCrmAdapter implements CrmAdapter, CrmSignIn, CrmCallLogs {

    private static final Logger LOG = Logger.getLogger(PipedriveCrmAdapter.class);
    private static final String PERSON_PAGE = "https://{hostname}/person/{contactId}";
    private static final String ACTIVITY_PAGE = "https://{hostname}/activities/{logId}";

    /** The keys under which a telephony client keeps the user's Pipedrive OAuth tokens. */
    static final List<String> CLIENT_TOKEN_KEYS = List.of("callpop.pipedrive.access-token", "callpop.pipedrive.refresh-token");

    private static final String NO_APP = "callpop has no Pipedrive OAuth app credentials (callpop.pipedrive.client-id and client-secret)";
    private static final String COMPANY_HOST_PATTERN = "*.pipedrive.com";
    private static final HostPattern COMPANY_HOSTS = HostPattern.parse(COMPANY_HOST_PATTERN);

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Pipedrive", List.of(COMPANY_HOST_PATTERN), Optional.empty(), false, true, List.of());

    private final PipedriveConfig config;
    private final PipedrivePersonsApi persons;
    private final PipedriveOAuthApi oauth;
    private final PipedriveTokenApi tokens;
    private final PipedriveCallLogs callLogs;
    /** {@code Basic base64(clientId:clientSecret)} when both are configured: never logged. */
    private final Optional<String> appCredentials;

    PipedriveCrmAdapter(PipedriveConfig config, @RestClient PipedrivePersonsApi persons, @RestClient PipedriveOAuthApi oauth,
                        @RestClient PipedriveTokenApi tokens, @RestClient PipedriveActivitiesApi activities) {
        this.config = config;
        this.persons = persons;
        this.oauth = oauth;
        this.tokens = tokens;
        this.callLogs = new PipedriveCallLogs(config, activities);
        this.appCredentials = config.clientId().flatMap(id -> config.clientSecret().map(secret ->
                "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public String id() {
        return "pipedrive";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return OpenUrl.inTab(UriBuilder.fromUri(PERSON_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "contactId", contact.id())));
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(ACTIVITY_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "logId", event.logId()))));
    }

    /**
     * Searches the persons' phone fields for the number's formats in turn (E.164, international, national,
     * digits only), since Pipedrive keeps numbers as users typed them, and answers with the first format
     * that matches anybody.
     */
    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        String authorization = bearer(context, "Looking a caller up in Pipedrive");
        String baseUrl = companyApi(config, context.hostname());
        for (String term : phone.formats()) {
            PipedrivePersonsApi.SearchResponse response = persons.search(baseUrl, authorization, term, "phone", config.searchLimit());
            List<ContactMatch> matches = new ArrayList<>();
            if (response != null && response.data() != null && response.data().items() != null) {
                for (PipedrivePersonsApi.Item item : response.data().items()) {
                    if (item.item() != null) {
                        matches.add(new ContactMatch(Long.toString(item.item().id()), item.item().name(), null));
                    }
                }
            }
            if (!matches.isEmpty()) {
                return matches;
            }
        }
        return List.of();
    }

    /**
     * {@code Bearer <the user's access token>}, the credentials of every call to the company's API.
     *
     * @param what what needs the token, for the message
     * @throws CrmAuthenticationException when the client sent no token
     */
    static String bearer(CrmContext context, String what) {
        String token = context.credentials().token();
        if (token == null) {
            throw new CrmAuthenticationException(what + " needs the user's Pipedrive OAuth access token in the X-CRM-Token header.");
        }
        return "Bearer " + token;
    }

    /** The company's API base URL: {@code callpop.pipedrive.api-url} for its host. */
    static String companyApi(PipedriveConfig config, String hostname) {
        return UriBuilder.fromUri(config.apiUrl()).buildFromMap(Map.of("hostname", hostname)).toString();
    }

    /** An activity of the company's call type, with the person as primary participant and the person's organization. */
    @Override
    public CallLogRecord createLog(CallLog log, CrmContext context) {
        return callLogs.create(log, context);
    }

    /** The persons search answers no dates: one {@code GET /api/v2/persons?ids=…} for all the matches gives them. */
    @Override
    public List<ContactMatch> datedMatches(List<ContactMatch> matches, CrmContext context) {
        return callLogs.dated(matches, context);
    }

    @Override
    public CallLogRecord updateLog(String logId, CallLogChange change, CrmContext context) {
        return callLogs.update(logId, change, context);
    }

    @Override
    public CallLogRecord readLog(String logId, CrmContext context) {
        return callLogs.read(logId, context);
    }

    /** The client forgets the tokens. */
    @Override
    public List<ClientAction> clientCleanup(CrmContext context) {
        return List.of(new RemoveStorage(CLIENT_TOKEN_KEYS));
    }

    /** callpop revokes the refresh token, then the access token, at Pipedrive. */
    @Override
    public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
        return revocations(tokens);
    }

    /** The refresh token first, so that no new access token can be made from it, then the access token. */
    private List<CleanupStep> revocations(CrmTokens tokens) {
        return List.of(
                revoke("revoke-refresh-token", tokens.refreshToken(), "refresh_token"),
                revoke("revoke-access-token", tokens.accessToken(), "access_token"));
    }

    private CleanupStep revoke(String step, String token, String hint) {
        if (token == null) {
            return new CleanupStep(step, CleanupStep.Outcome.NOT_NEEDED, "The client sent no " + hint.replace('_', ' ') + ".");
        }
        if (appCredentials.isEmpty()) {
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, NO_APP + ", so it cannot revoke tokens.");
        }
        try {
            oauth.revoke(appCredentials.get(), token, hint);
            return new CleanupStep(step, CleanupStep.Outcome.DONE, null);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            // The client sees the failed step and callpop counts it (callpop_logout_steps_total): no line per logout.
            LOG.debugf("Pipedrive refused to revoke a %s: HTTP %d", hint, status);
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, "Pipedrive answered HTTP " + status + ".");
        } catch (RuntimeException e) {
            LOG.debugf("Pipedrive could not be reached to revoke a %s: %s", hint, e.getClass().getSimpleName());
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, "Pipedrive could not be reached in time.");
        }
    }

    /** The app's credentials for a sign-in, which cannot complete without them. */
    private String signInCredentials() {
        return appCredentials.orElseThrow(() -> new CrmUnavailableException(NO_APP + ", so it cannot sign users in to Pipedrive.", null));
    }

    /** Pipedrive's authorization page for callpop's app; nothing to remember. */
    @Override
    public SignInStart start(SignInRequest request) {
        signInCredentials(); // no sign-in can complete without the app's credentials: say so before the user signs in
        URI page = UriBuilder.fromUri(config.authorizationUrl())
                .queryParam("client_id", config.clientId().get())
                .queryParam("redirect_uri", request.redirectUri().toString())
                .build();
        return new SignInStart(page, Map.of());
    }

    @Override
    public CrmSignedIn complete(String code, SignInRequest request, Map<String, String> remembered) {
        return signedIn("authorization code", () -> tokens.exchangeCode(signInCredentials(), "authorization_code", code, request.redirectUri().toString()));
    }

    @Override
    public CrmSignedIn refresh(String refreshToken, SignInRequest request, Map<String, String> remembered) {
        return signedIn("refresh token", () -> tokens.refresh(signInCredentials(), "refresh_token", refreshToken));
    }

    /** Pipedrive answers 400 (invalid_grant) or 401 for a code or refresh token it does not accept. */
    private CrmSignedIn signedIn(String what, Supplier<PipedriveTokenApi.TokenAnswer> exchange) {
        PipedriveTokenApi.TokenAnswer answer;
        try {
            answer = exchange.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 || status == 401) {
                throw new CrmAuthenticationException("Pipedrive refused the " + what + " (HTTP " + status + ").");
            }
            throw e;
        }
        if (answer == null || answer.accessToken() == null) {
            throw unusable("Pipedrive's token answer has no access token", answer);
        }
        String host = companyHost(answer.apiDomain());
        if (host == null) {
            throw unusable("Pipedrive's token answer has no https company host on " + COMPANY_HOST_PATTERN + " in api_domain", answer);
        }
        Instant expiresAt = answer.expiresIn() == null ? null : Instant.now().plusSeconds(answer.expiresIn());
        return new CrmSignedIn(answer.accessToken(), answer.refreshToken(), expiresAt,
                new CrmCredentials(answer.accessToken(), null, null), host, Map.of());
    }

    /**
     * The company's host from {@code api_domain} ({@code https://acme.pipedrive.com}), lowercase, if it is an
     * https URL on one of Pipedrive's company hosts.
     *
     * @return the host, or {@code null} for anything else, a malformed URL included
     */
    private static String companyHost(String apiDomain) {
        if (apiDomain == null) {
            return null;
        }
        try {
            URI uri = new URI(apiDomain);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean pipedrives = "https".equalsIgnoreCase(uri.getScheme()) && HostPattern.isHostName(host) && COMPANY_HOSTS.matches(host);
            return pipedrives ? host : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * A token answer callpop cannot use: the tokens it carries would stay live with nobody holding them, so
     * they are revoked as at logout, and the message says whether that worked.
     */
    private CrmUnavailableException unusable(String reason, PipedriveTokenApi.TokenAnswer answer) {
        if (answer == null || (answer.accessToken() == null && answer.refreshToken() == null)) {
            return new CrmUnavailableException(reason, null);
        }
        boolean revoked = revocations(new CrmTokens(answer.accessToken(), answer.refreshToken())).stream()
                .noneMatch(step -> step.outcome() == CleanupStep.Outcome.FAILED);
        return new CrmUnavailableException(reason + (revoked ? "; the tokens it issued were revoked." : "; the tokens it issued could not be revoked."), null);
    }
}
