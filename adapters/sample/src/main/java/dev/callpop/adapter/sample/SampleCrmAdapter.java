package dev.callpop.adapter.sample;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;

/**
 * The sample CRM: the adapter to copy when you write one for your CRM.
 *
 * <p>It opens {@code https://{hostname}?contactId={id}} for a contact and
 * {@code https://{hostname}/activities/{logId}} for a call log, and needs no clean-up at logout. Its
 * phone look-up searches a small directory built into the adapter instead of a CRM API (see
 * {@link #DIRECTORY}), so callpop's look-up, match policy and caching can be tried with no CRM at all.
 * Users sign in to it through callpop ({@link CrmSignIn}) with a stand-in authorization page and a
 * built-in token exchange, so the whole sign-in flow can be tried with no CRM either.
 * Read it top to bottom; each step says why it is there.
 */
// Step 1: an adapter is an application-scoped CDI bean. callpop finds it on its build classpath through
// the Jandex index that this module's pom builds (jandex-maven-plugin); nothing else registers it.
@ApplicationScoped
public class SampleCrmAdapter implements CrmAdapter, CrmSignIn, CrmCallLogs {

    // Step 2: URL templates. Placeholders are filled by UriBuilder, which encodes each value for the part
    // of the URL it lands in. Never concatenate client input into a URL.
    private static final String CONTACT_PAGE = "https://{hostname}?contactId={contactId}";
    private static final String LOG_PAGE = "https://{hostname}/activities/{logId}";
    private static final String SEARCH_PAGE = "https://{hostname}/search?phone={phone}";
    private static final String NEW_CONTACT_PAGE = "https://{hostname}/contacts/new?phone={phone}";

    /**
     * The sample CRM's contacts by phone number (E.164). A real adapter asks its CRM's API instead (see the
     * Pipedrive adapter). Try it: {@code +14155550100} matches one contact, {@code +14155550123} two (with the dates
     * their records were created and last changed, which a call log's {@code oldest} and {@code most-recently-updated}
     * choose by), and any other number none.
     */
    static final Map<String, List<ContactMatch>> DIRECTORY = Map.of(
            "+14155550100", List.of(new ContactMatch("1001", "Ada Lovelace", null)),
            "+14155550123", List.of(
                    new ContactMatch("1002", "Grace Hopper", null, Instant.parse("2019-01-07T09:00:00Z"), Instant.parse("2022-02-01T10:00:00Z")),
                    new ContactMatch("1003", "Grace B. Hopper", null, Instant.parse("2021-03-01T09:00:00Z"), Instant.parse("2025-06-01T10:00:00Z"))));

    // Step 3: the description is read once at start-up. Keep it constant.
    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Sample CRM",
            // The CRM's own hosts. callpop refuses any other hostname from the client before calling us,
            // and refuses to pass on any URL we build that is not https on one of them.
            List.of("crm.example.com"),
            // Every user of the sample CRM shares one host, so clients may leave the hostname out.
            Optional.of("crm.example.com"),
            // The sample CRM has a page per call log.
            true,
            // It can look callers up by phone number (findContacts below).
            true,
            // One kind of contact, so no contact types.
            List.of());

    /**
     * The codes the stand-in authorization page issues ({@link #authorizationCode}): the PKCE code challenge it was
     * asked for, then a random part. A real CRM keeps the challenge on its server; the stand-in, which keeps nothing,
     * carries it in the code.
     */
    static final Pattern CODE = Pattern.compile("sample-code-([A-Za-z0-9_-]{43})[.][A-Za-z0-9-]{8,64}");
    /** What the refresh tokens the sample CRM issues look like. */
    static final Pattern REFRESH_TOKEN = Pattern.compile("sample-refresh-[A-Za-z0-9-]{8,64}");
    static final Pattern ACCESS_TOKEN = Pattern.compile("sample-access-[A-Za-z0-9-]{8,64}");
    /** How many revoked tokens the sample CRM remembers (the oldest are forgotten first). */
    static final int REVOKED_KEPT = 10_000;
    /** The sample CRM's contacts a call can be logged to: the directory's, and 42, the README's examples' contact. */
    static final Set<String> CONTACTS = Set.of("42", "1001", "1002", "1003");
    /** How many call logs the sample CRM keeps (the oldest are forgotten first). */
    static final int LOGS_KEPT = 10_000;

    /** How long the sample CRM's access tokens last. */
    static final long TOKEN_SECONDS = 3600;

    private final SampleConfig config;

    /**
     * The sample CRM's own record of the tokens revoked at logout, which it refuses from then on. It stands for
     * the CRM's token server, so it lives in this process: each replica has its own, and a restart forgets it.
     * A real adapter keeps no such state; its CRM does (see the Pipedrive adapter's revocation).
     */
    private final Set<String> revoked = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REVOKED_KEPT;
        }
    }));

    /**
     * The sample CRM's call logs, and which log each telephony session has: a stand-in for the CRM's activities, in
     * the process like its token server (each replica has its own, a restart forgets them). A real adapter keeps none.
     */
    private final Map<String, CallLogRecord> logs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallLogRecord> eldest) {
            return size() > LOGS_KEPT;
        }
    });
    private final Map<String, String> logOfSession = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > LOGS_KEPT;
        }
    });
    private final AtomicLong lastLogId = new AtomicLong(5000);

    SampleCrmAdapter(SampleConfig config) {
        this.config = config;
    }

    // Step 4: the id is the CRM's name in callpop's URLs and settings. Lowercase, and never changed.
    @Override
    public String id() {
        return "sample";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    // Step 5: the one page every adapter must open. callpop has already checked the hostname and the id.
    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        URI url = UriBuilder.fromUri(CONTACT_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "contactId", contact.id()));
        return OpenUrl.inTab(url);
    }

    // Step 6 (optional): the log page. Adapters without one leave this out; callpop then opens the
    // contact's page, when the client knows the contact, as RingCentral App Connect does.
    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        URI url = UriBuilder.fromUri(LOG_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "logId", event.logId()));
        return Optional.of(OpenUrl.inTab(url));
    }

    // Step 7 (optional): phone look-up. callpop calls this when the client knows the caller's number but
    // not their id. The number is already normalised (E.164 and other formats), callpop applies the time
    // limit, circuit breaker and cache, and turns the matches into pages by the operator's match policy.
    // A real adapter calls its CRM here with context.credentials(), the user's own CRM token.
    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        // The sample CRM answers without credentials too, so the demo works before anyone signs in; a token
        // it revoked is refused, as a real CRM refuses it (callpop then tells the client to sign in again).
        refuseRevoked(context);
        return DIRECTORY.getOrDefault(phone.e164(), List.of());
    }

    // Step 8 (optional): the pages a look-up may open when it is not one clear match.
    @Override
    public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(SEARCH_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.e164()))));
    }

    @Override
    public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(NEW_CONTACT_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.e164()))));
    }

    // Step 9 (optional): logout, in two parts. clientCleanup is what the client removes (pure: no I/O); the
    // sample CRM keeps nothing in the client, so it leaves the default (nothing). revokeCredentials is the
    // server-side clean-up, which may block (callpop runs it on the CRM's threads under its time limit): the
    // sample CRM revokes the tokens it issued at sign-in, one step each, as Pipedrive's adapter does at Pipedrive.
    // A client that sent no tokens gets no steps.
    @Override
    public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
        List<CleanupStep> steps = new ArrayList<>();
        if (tokens.refreshToken() != null) {
            steps.add(revoke("revoke-refresh-token", tokens.refreshToken(), REFRESH_TOKEN));
        }
        if (tokens.accessToken() != null) {
            steps.add(revoke("revoke-access-token", tokens.accessToken(), ACCESS_TOKEN));
        }
        return steps;
    }

    private CleanupStep revoke(String step, String token, Pattern issued) {
        if (!issued.matcher(token).matches()) {
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, "The sample CRM did not issue this token, so it cannot revoke it.");
        }
        revoked.add(token);
        return new CleanupStep(step, CleanupStep.Outcome.DONE, null);
    }

    // Step 10 (optional): sign-in. An adapter that also implements CrmSignIn lets callpop sign users in to
    // the CRM with OAuth, so the client never holds the app's client secret. callpop checks the redirect URI,
    // signs the state, and calls these three methods on the CRM's own threads under its time limit.
    // A real adapter calls the CRM's OAuth server here (see the Pipedrive adapter); the sample CRM has none,
    // so its "token server" is the two rules below: a code from its stand-in page, a refresh token it issued.

    @Override
    public SignInStart start(SignInRequest request) {
        // The CRM's authorization page, with the app's client id and the client's redirect URI. No state:
        // callpop adds its own. Nothing to remember until the code comes back.
        URI page = UriBuilder.fromUri(config.authorizationUrl())
                .queryParam("client_id", "callpop-sample")
                .queryParam("response_type", "code")
                .queryParam("redirect_uri", request.redirectUri().toString())
                .build();
        return new SignInStart(page, Map.of());
    }

    // PKCE (RFC 7636): callpop adds a code challenge to the authorization page and gives complete() the verifier,
    // so a code that leaked from the browser is useless to anybody else. Answer true only if your CRM supports it.
    @Override
    public boolean usesPkce() {
        return true;
    }

    @Override
    public CrmSignedIn complete(String code, SignInRequest request, Map<String, String> remembered) {
        Matcher issued = CODE.matcher(code);
        if (!issued.matches()) {
            // What a CRM's 400 invalid_grant becomes: the client starts the sign-in again.
            throw new CrmAuthenticationException("The sample CRM refused the authorization code.");
        }
        if (request.codeVerifier() == null || !codeChallenge(request.codeVerifier()).equals(issued.group(1))) {
            // A code redeemed with another sign-in's state: its verifier is not the one the code was issued for.
            throw new CrmAuthenticationException("The sample CRM refused the authorization code: it was issued to another sign-in (PKCE).");
        }
        return tokens();
    }

    /**
     * The code the sample CRM's stand-in authorization page issues for a sign-in.
     *
     * @param codeChallenge the sign-in's PKCE S256 code challenge (43 base64url characters)
     * @return a code only that sign-in's code verifier redeems
     * @throws IllegalArgumentException when the challenge is not an S256 code challenge
     */
    public static String authorizationCode(String codeChallenge) {
        String code = "sample-code-" + codeChallenge + "." + UUID.randomUUID();
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code_challenge is not an S256 code challenge (43 base64url characters)");
        }
        return code;
    }

    /** The S256 code challenge of a verifier: base64url(SHA-256(verifier)), as the CRM computes it. */
    static String codeChallenge(String codeVerifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public CrmSignedIn refresh(String refreshToken, SignInRequest request, Map<String, String> remembered) {
        if (!REFRESH_TOKEN.matcher(refreshToken).matches() || revoked.contains(refreshToken)) {
            throw new CrmAuthenticationException("The sample CRM refused the refresh token.");
        }
        return tokens();
    }

    /** Fresh tokens; the events send the access token in X-CRM-Token, and the hostname is the sample CRM's one host. */
    private static CrmSignedIn tokens() {
        String accessToken = "sample-access-" + UUID.randomUUID();
        return new CrmSignedIn(accessToken, "sample-refresh-" + UUID.randomUUID(), Instant.now().plusSeconds(TOKEN_SECONDS),
                new CrmCredentials(accessToken, null, null), "crm.example.com", Map.of());
    }

    // Step 11 (optional): call logs. An adapter that also implements CrmCallLogs lets callpop write the call into the
    // CRM. callpop has already picked the contact, checked every field, and keeps one log per telephony session; it asks
    // findLog first, so a CRM that can find a log by its session never gets a second. These methods may block (they
    // call the CRM): callpop runs them on the CRM's threads for writes, never on the threads that serve pops.
    // The sample CRM's "API" is the log store above; a real adapter calls its CRM (see the Pipedrive adapter).

    @Override
    public Optional<CallLogRecord> findLog(String sessionId, CrmContext context) {
        refuseRevoked(context);
        return Optional.ofNullable(logOfSession.get(sessionId)).map(logs::get);
    }

    @Override
    public CallLogRecord createLog(CallLog log, CrmContext context) {
        refuseRevoked(context);
        if (!CONTACTS.contains(log.contact().id())) {
            throw new CrmInputException("contact-not-found", "contact.id", "The sample CRM has no contact " + log.contact().id() + ".");
        }
        CallLogRecord written = log.writtenAs(Long.toString(lastLogId.incrementAndGet()));
        logs.put(written.logId(), written);
        logOfSession.put(log.sessionId(), written.logId());
        return written;
    }

    @Override
    public CallLogRecord updateLog(String logId, CallLogChange change, CrmContext context) {
        CallLogRecord after = readLog(logId, context).changedBy(change);
        logs.put(logId, after);
        return after;
    }

    @Override
    public CallLogRecord readLog(String logId, CrmContext context) {
        refuseRevoked(context);
        CallLogRecord log = logs.get(logId);
        if (log == null) {
            throw new CrmInputException("log-not-found", "logId", "The sample CRM has no call log " + logId + ".");
        }
        return log;
    }

    /** A token the sample CRM revoked at logout is refused here too, as a real CRM refuses it. */
    private void refuseRevoked(CrmContext context) {
        String token = context.credentials().token();
        if (token != null && revoked.contains(token)) {
            throw new CrmAuthenticationException("The sample CRM refused the access token: it was revoked at logout.");
        }
    }
}
