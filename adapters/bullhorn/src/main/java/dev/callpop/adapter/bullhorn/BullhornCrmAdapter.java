package dev.callpop.adapter.bullhorn;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmInputException;
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
 * Bullhorn: candidates, contacts and leads open in Bullhorn's record window
 * ({@code {atsUrl}/BullhornStaffing/OpenWindow.cfm?Entity={Candidate|Contact|Lead}&id=…&view=Overview}) as a
 * popup, exactly as RingCentral App Connect's client opens them. Log pages are off by default, as in App
 * Connect's Bullhorn manifest ({@code canOpenLogPage: false}); an operator who turns them on gets the call
 * log, which Bullhorn keeps as a Note, in the same window. The hostname is the user's ATS host
 * (from Bullhorn's {@code loginInfo}: {@code atsUrl}), which the client sends.
 *
 * <p>Callers are found with {@code POST {restUrl}search/{Entity}} for Candidate, ClientContact and Lead, a
 * Lucene query over each entity's phone fields, with the user's BhRestToken ({@code X-CRM-Token}) at the
 * user's session {@code restUrl} ({@code X-CRM-Api-Url}) — both come from Bullhorn's REST login, which the
 * client performs. callpop does not call {@code loginInfo}: the {@code restUrl} it returns has no session
 * in it, and the client already holds the one that goes with its token.
 *
 * <p>Users sign in through callpop ({@link CrmSignIn}): {@code loginInfo} with the user's username gives the
 * user's OAuth, REST and ATS URLs; the user authorizes at {@code {oauthUrl}/authorize}; callpop exchanges the
 * code at {@code {oauthUrl}/token} with the app's client id and secret, then logs in to REST
 * ({@code {restUrl}login?version=2.0}) for the BhRestToken and the session's {@code restUrl}.
 *
 * <p>Call logs ({@link CrmCallLogs}) are Notes on the candidate, contact or lead, written with the same token at the
 * same checked {@code restUrl}: {@code PUT entity/Note} with the session id as the Note's {@code externalID}, by
 * which {@code query/Note} finds it again; {@code POST entity/Note/{id}} for what changed after hang-up;
 * {@code GET entity/Note/{id}} to read one. The Note's text is plain lines ({@link NoteComments}).
 */
@ApplicationScoped
public class BullhornCrmAdapter implements CrmAdapter, CrmSignIn, CrmCallLogs {

    private static final String RECORD_WINDOW =
            "https://{hostname}/BullhornStaffing/OpenWindow.cfm?Entity={entity}&id={id}&view=Overview";

    /** The contact types as Bullhorn's record window (and App Connect) name them. */
    static final ContactType CANDIDATE = new ContactType("Candidate", "Candidate");
    static final ContactType CONTACT = new ContactType("Contact", "Contact");
    static final ContactType LEAD = new ContactType("Lead", "Lead");

    /** The REST API's entity for each type, for search only: a "Contact" is a {@code ClientContact} there. */
    private static final Map<ContactType, String> SEARCH_ENTITY = Map.of(CANDIDATE, "Candidate", CONTACT, "ClientContact", LEAD, "Lead");

    /** What a telephony client caches for Bullhorn: the user's name and the per-user URLs from loginInfo. */
    static final List<String> CLIENT_CACHE_KEYS = List.of("callpop.bullhorn.username", "callpop.bullhorn.user-urls");

    private static final String HOST_PATTERN = "*.bullhornstaffing.com";
    private static final HostPattern HOSTS = HostPattern.parse(HOST_PATTERN);

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Bullhorn", List.of(HOST_PATTERN), Optional.empty(), false, true, List.of(CANDIDATE, CONTACT, LEAD));

    /**
     * What a search asks of each person: the name, and the record's dates (epoch milliseconds), by which the call-log
     * policies {@code oldest} and {@code most-recently-updated} choose among several matches at no extra request.
     */
    static final String SEARCH_FIELDS = "id,firstName,lastName,dateAdded,dateLastModified";

    /** Each entity searched, with its phone fields. */
    private static final Map<ContactType, List<String>> PHONE_FIELDS = Map.of(
            CANDIDATE, List.of("phone", "phone2", "phone3", "mobile", "workPhone"),
            CONTACT, List.of("phone", "phone2", "phone3", "mobile"),
            LEAD, List.of("phone", "phone2", "phone3", "mobile", "workPhone"));

    /** What a sign-in remembers of {@code loginInfo}'s answer, for the code exchange and for refreshes. */
    private static final String OAUTH_URL = "oauthUrl";
    private static final String LOGIN_URL = "restUrl";
    private static final String ATS_HOST = "atsHost";

    /** Bullhorn has no call that revokes tokens: what a failed sign-in says of those it already issued. */
    private static final String TOKENS_LAPSE = "; the tokens Bullhorn issued were not used and lapse by themselves.";

    /** A call Note's fields as callpop reads them; reading one by id also asks for its {@code externalID}. */
    private static final String NOTE_FIELDS = "id,comments,action,minutesSpent,personReference";
    private static final String NOTE_FIELDS_BY_ID = NOTE_FIELDS + ",externalID";

    private final BullhornRestApi rest;
    private final BullhornNotesApi notes;
    private final BullhornSignInApi signIn;
    private final BullhornConfig config;
    private final Pattern restUrlPattern;
    private final Pattern signInUrlPattern;
    private final int searchLimit;
    private final String noteAction;

    BullhornCrmAdapter(@RestClient BullhornRestApi rest, @RestClient BullhornNotesApi notes, @RestClient BullhornSignInApi signIn,
                       BullhornConfig config) {
        this.rest = rest;
        this.notes = notes;
        this.signIn = signIn;
        this.config = config;
        this.restUrlPattern = Pattern.compile(config.restUrlPattern());
        this.signInUrlPattern = Pattern.compile(config.signInUrlPattern());
        this.searchLimit = config.searchLimit();
        this.noteAction = config.noteAction();
    }

    @Override
    public String id() {
        return "bullhorn";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return recordWindow(context, contact.type().value(), contact.id());
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.of(recordWindow(context, "Note", event.logId()));
    }

    /** Candidates first, then contacts, then leads; each entity's best matches first. */
    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        UserSession session = userSession(context, "Looking a caller up");
        List<ContactMatch> matches = new ArrayList<>();
        for (ContactType type : List.of(CANDIDATE, CONTACT, LEAD)) {
            BullhornRestApi.SearchResult result = rest.search(session.restUrl(), session.token(), SEARCH_ENTITY.get(type), SEARCH_FIELDS,
                    searchLimit, new BullhornRestApi.Query(query(PHONE_FIELDS.get(type), phone)));
            if (result != null && result.data() != null) {
                for (BullhornRestApi.Record record : result.data()) {
                    matches.add(new ContactMatch(Long.toString(record.id()), name(record.firstName(), record.lastName()), type,
                            instant(record.dateAdded()), instant(record.dateLastModified())));
                }
            }
        }
        return matches;
    }

    /** Bullhorn's epoch milliseconds as an instant; {@code null} when it gave none. */
    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    /**
     * The user's Bullhorn session from the client's credentials: the BhRestToken ({@code X-CRM-Token}) and the
     * session REST URL ({@code X-CRM-Api-Url}), which must match {@code callpop.bullhorn.rest-url-pattern}.
     *
     * @param context the request's context
     * @param doing   what needs the session, for the message ("Looking a caller up")
     * @return the session
     * @throws CrmAuthenticationException when either is missing: the client must sign in again
     * @throws CrmInputException          {@code crm-api-url-not-allowed} when the REST URL is not Bullhorn's
     */
    private UserSession userSession(CrmContext context, String doing) {
        String token = context.credentials().token();
        String restUrl = context.credentials().apiUrl();
        if (token == null || restUrl == null) {
            throw new CrmAuthenticationException(
                    doing + " in Bullhorn needs the user's BhRestToken (X-CRM-Token) and REST URL (X-CRM-Api-Url) from Bullhorn's REST login.");
        }
        if (!isUserRestUrl(restUrl)) {
            throw new CrmInputException("crm-api-url-not-allowed", "X-CRM-Api-Url",
                    "X-CRM-Api-Url is not a Bullhorn REST URL (https://rest….bullhornstaffing.com/rest-services/<corp>/).");
        }
        return new UserSession(restUrl, token);
    }

    /** A user's checked REST URL and the BhRestToken that goes with it. Never logged. */
    private record UserSession(String restUrl, String token) {

        @Override
        public String toString() {
            return "UserSession[***]";
        }
    }

    /** Whether a user's session REST URL matches {@code callpop.bullhorn.rest-url-pattern}: callpop sends a user's token to no other. */
    private boolean isUserRestUrl(String restUrl) {
        return restUrlPattern.matcher(restUrl).matches();
    }

    /** {@code phone:"+14155550100" OR phone:"(415) 555-0100" OR mobile:…}: every field, every format. */
    static String query(List<String> fields, PhoneNumber phone) {
        return fields.stream()
                .flatMap(field -> phone.formats().stream().map(format -> field + ":\"" + format.replace("\\", "\\\\").replace("\"", "\\\"") + "\""))
                .collect(Collectors.joining(" OR "));
    }

    private static String name(String firstName, String lastName) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? null : name;
    }

    /** The Note whose {@code externalID} is the session id; the first, should there be several. */
    @Override
    public Optional<CallLogRecord> findLog(String sessionId, CrmContext context) {
        UserSession session = userSession(context, "Writing a call log");
        BullhornRestApi.NoteList found = notes.queryNotes(session.restUrl(), session.token(), "externalID=" + quoted(sessionId), NOTE_FIELDS);
        return found == null || found.data() == null ? Optional.empty() : found.data().stream().findFirst().map(BullhornCrmAdapter::logRecord);
    }

    /** A string literal of Bullhorn's where clause: in single quotes, each single quote doubled. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A Note on the contact, its action {@code callpop.bullhorn.note-action}, its {@code externalID} the session id. */
    @Override
    public CallLogRecord createLog(CallLog log, CrmContext context) {
        UserSession session = userSession(context, "Writing a call log");
        long personId = bullhornId(log.contact().id(), BullhornCrmAdapter::contactNotFound);
        NoteComments comments = new NoteComments(log.subject(), log.note(), log.result(), log.recordingUrl());
        Long minutes = minutesSpent(log.duration());
        BullhornRestApi.Change created;
        try {
            created = notes.createNote(session.restUrl(), session.token(), new BullhornRestApi.NoteFields(comments.text(),
                    new BullhornRestApi.PersonId(personId), noteAction, minutes, log.startedAt().toEpochMilli(), log.sessionId()));
        } catch (WebApplicationException e) {
            if (namesThePerson(e)) {
                throw contactNotFound();
            }
            throw e;
        }
        if (created == null || created.changedEntityId() == null) {
            throw new CrmUnavailableException("Bullhorn's answer to a new Note has no changedEntityId.", null);
        }
        return new CallLogRecord(Long.toString(created.changedEntityId()), log.contact(), comments.subject(), comments.note(), comments.result(),
                minutes == null ? null : Duration.ofMinutes(minutes));
    }

    /**
     * Reads the Note first (its comments hold the subject, note, result and recording together, so changing one
     * rewrites them all), then posts only the fields that change: {@code comments}, {@code minutesSpent}.
     */
    @Override
    public CallLogRecord updateLog(String logId, CallLogChange change, CrmContext context) {
        UserSession session = userSession(context, "Writing a call log");
        long noteId = bullhornId(logId, BullhornCrmAdapter::logNotFound);
        BullhornRestApi.Note current = note(session, noteId);
        NoteComments comments = NoteComments.parse(current.comments()).with(change);
        String changedComments = NoteComments.changedBy(change) ? comments.text() : null;
        Long minutes = minutesSpent(change.duration());
        if (changedComments != null || minutes != null) {
            try {
                notes.updateNote(session.restUrl(), session.token(), noteId,
                        new BullhornRestApi.NoteFields(changedComments, null, null, minutes, null, null));
            } catch (WebApplicationException e) {
                throw e.getResponse().getStatus() == 404 ? logNotFound() : e;
            }
        }
        Long minutesNow = minutes != null ? minutes : current.minutesSpent();
        return new CallLogRecord(logId, contact(current.personReference()), comments.subject(), comments.note(), comments.result(),
                minutesNow == null ? null : Duration.ofMinutes(minutesNow));
    }

    @Override
    public CallLogRecord readLog(String logId, CrmContext context) {
        UserSession session = userSession(context, "Reading a call log");
        return logRecord(note(session, bullhornId(logId, BullhornCrmAdapter::logNotFound)));
    }

    /** {@code GET entity/Note/{id}}; Bullhorn's 404 is {@code log-not-found}. */
    private BullhornRestApi.Note note(UserSession session, long noteId) {
        BullhornRestApi.OneNote answer;
        try {
            answer = notes.note(session.restUrl(), session.token(), noteId, NOTE_FIELDS_BY_ID);
        } catch (WebApplicationException e) {
            throw e.getResponse().getStatus() == 404 ? logNotFound() : e;
        }
        if (answer == null || answer.data() == null) {
            throw logNotFound();
        }
        return answer.data();
    }

    private static CallLogRecord logRecord(BullhornRestApi.Note note) {
        NoteComments comments = NoteComments.parse(note.comments());
        return new CallLogRecord(Long.toString(note.id()), contact(note.personReference()), comments.subject(), comments.note(), comments.result(),
                note.minutesSpent() == null ? null : Duration.ofMinutes(note.minutesSpent()));
    }

    /** The Note's person as a contact, typed where it is a candidate, contact or lead. */
    private static Contact contact(BullhornRestApi.Person person) {
        if (person == null) {
            return null;
        }
        ContactType type = SEARCH_ENTITY.entrySet().stream().filter(entry -> entry.getValue().equals(person.subtype()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        return new Contact(Long.toString(person.id()), name(person.firstName(), person.lastName()), null, type);
    }

    /** Bullhorn keeps whole minutes: a call of 61 seconds took 2. */
    static Long minutesSpent(Duration duration) {
        if (duration == null) {
            return null;
        }
        long minutes = duration.toMinutes();
        return duration.compareTo(Duration.ofMinutes(minutes)) > 0 ? minutes + 1 : minutes;
    }

    /** Bullhorn's record ids are numbers: any other id names no record of Bullhorn's. */
    private static long bullhornId(String id, Supplier<CrmInputException> notFound) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound.get();
        }
    }

    /** Whether Bullhorn refused a Note for its person: a 400 or 404 whose answer names {@code personReference}. */
    private static boolean namesThePerson(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status != 400 && status != 404) {
            return false;
        }
        BullhornRestApi.Failure failure;
        try {
            failure = e.getResponse().readEntity(BullhornRestApi.Failure.class);
        } catch (RuntimeException unreadable) {
            return false;
        }
        if (failure == null) {
            return false;
        }
        boolean inMessage = failure.errorMessage() != null && failure.errorMessage().contains("personReference");
        return inMessage || failure.errors() != null && failure.errors().stream().anyMatch(field -> "personReference".equals(field.propertyName()));
    }

    private static CrmInputException contactNotFound() {
        return new CrmInputException("contact-not-found", "contact.id", "Bullhorn has no candidate, contact or lead with this contact.id.");
    }

    private static CrmInputException logNotFound() {
        return new CrmInputException("log-not-found", "logId", "Bullhorn has no Note with this logId.");
    }

    /** The client forgets the cached username and user URLs. */
    @Override
    public List<ClientAction> clientCleanup(CrmContext context) {
        return List.of(new RemoveStorage(CLIENT_CACHE_KEYS));
    }

    /**
     * Bullhorn's REST API has no call that ends a session: a BhRestToken lapses by itself after a few minutes
     * without use, so no server step runs.
     */
    @Override
    public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
        return List.of(new CleanupStep("end-rest-session", CleanupStep.Outcome.NOT_NEEDED,
                "Bullhorn REST sessions end by themselves when unused; the client forgets its BhRestToken."));
    }

    private static OpenUrl recordWindow(CrmContext context, String entity, String id) {
        return OpenUrl.inPopup(UriBuilder.fromUri(RECORD_WINDOW)
                .buildFromMap(Map.of("hostname", context.hostname(), "entity", entity, "id", id)));
    }

    /** The user's data centre from {@code loginInfo}, then Bullhorn's authorization page there. */
    @Override
    public SignInStart start(SignInRequest request) {
        String clientId = app().clientId(); // no sign-in can complete without both: say so before the user signs in
        UserUrls userUrls = userUrls(request);
        URI page = UriBuilder.fromUri(userUrls.oauthUrl()).path("authorize")
                .queryParam("client_id", clientId)
                .queryParam("response_type", "code")
                .queryParam("redirect_uri", request.redirectUri().toString())
                .queryParam("username", request.username())
                .build();
        return new SignInStart(page, userUrls.remembered());
    }

    @Override
    public CrmSignedIn complete(String code, SignInRequest request, Map<String, String> remembered) {
        UserUrls userUrls = rememberedUrls(remembered);
        BullhornSignInApi.TokenAnswer tokens = refused("authorization code", () -> {
            App app = app();
            return signIn.exchangeCode(userUrls.oauthUrl(), "authorization_code", code, app.clientId(), app.clientSecret(),
                    request.redirectUri().toString());
        });
        return restSession(tokens, request, userUrls);
    }

    /** With sealed credentials callpop gives back the remembered URLs; otherwise {@code loginInfo} is asked again. */
    @Override
    public CrmSignedIn refresh(String refreshToken, SignInRequest request, Map<String, String> remembered) {
        UserUrls userUrls = remembered.containsKey(OAUTH_URL) ? rememberedUrls(remembered) : userUrls(request);
        BullhornSignInApi.TokenAnswer tokens = refused("refresh token", () -> {
            App app = app();
            return signIn.refresh(userUrls.oauthUrl(), "refresh_token", refreshToken, app.clientId(), app.clientSecret());
        });
        return restSession(tokens, request, userUrls);
    }

    private UserUrls userUrls(SignInRequest request) {
        if (request.username() == null || request.username().isBlank()) {
            throw new CrmInputException("crm-username-required", "username",
                    "Bullhorn needs the user's Bullhorn username to find their data centre: send username.");
        }
        BullhornSignInApi.LoginInfo info = signIn.loginInfo(request.username());
        if (info == null || info.oauthUrl() == null || info.restUrl() == null || info.atsUrl() == null) {
            throw new CrmInputException("crm-username-unknown", "username", "Bullhorn does not know this username.");
        }
        return new UserUrls(signInUrl(OAUTH_URL, info.oauthUrl()), signInUrl(LOGIN_URL, info.restUrl()), atsHost(atsHostOf(info.atsUrl())));
    }

    private UserUrls rememberedUrls(Map<String, String> remembered) {
        return new UserUrls(signInUrl(OAUTH_URL, remembered.get(OAUTH_URL)), signInUrl(LOGIN_URL, remembered.get(LOGIN_URL)),
                atsHost(remembered.get(ATS_HOST)));
    }

    /**
     * The user's URLs from {@code loginInfo}, each checked before callpop sends anything there, and again when
     * they come back remembered (a state or sealed credential made before the operator narrowed the pattern).
     *
     * @param oauthUrl the OAuth server, where the app's client secret goes
     * @param loginUrl the REST URL before login, where the access token goes
     * @param atsHost  the ATS host, where the agent's pages open
     */
    private record UserUrls(String oauthUrl, String loginUrl, String atsHost) {

        Map<String, String> remembered() {
            return Map.of(OAUTH_URL, oauthUrl, LOGIN_URL, loginUrl, ATS_HOST, atsHost);
        }
    }

    /**
     * An {@code oauthUrl} or pre-login {@code restUrl} from {@code loginInfo}, if it matches
     * {@code callpop.bullhorn.sign-in-url-pattern} and is a well-formed absolute URL.
     *
     * @param field the field of {@code loginInfo}'s answer, for the message
     * @param url   its value
     * @return the URL
     * @throws CrmUnavailableException naming the field, when it is refused
     */
    String signInUrl(String field, String url) {
        if (url == null || !signInUrlPattern.matcher(url).matches()) {
            throw loginInfoRefused(field, "does not match callpop.bullhorn.sign-in-url-pattern");
        }
        try {
            if (new URI(url).getHost() == null) {
                throw loginInfoRefused(field, "has no host");
            }
        } catch (URISyntaxException e) {
            throw loginInfoRefused(field, "is not a well-formed URL");
        }
        return url;
    }

    /** The host of {@code loginInfo}'s {@code atsUrl}, if it is an https URL with no user or port; else {@code null}. */
    private static String atsHostOf(String atsUrl) {
        try {
            URI uri = new URI(atsUrl);
            boolean plainHttps = "https".equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null && uri.getPort() == -1;
            return plainHttps ? uri.getHost() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The ATS host, lowercase, if it is one of the adapter's own hosts ({@value #HOST_PATTERN}), which the agent's pages open at. */
    private static String atsHost(String host) {
        String lower = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (!HostPattern.isHostName(lower) || !HOSTS.matches(lower)) {
            throw loginInfoRefused("atsUrl", "is not an https URL on " + HOST_PATTERN);
        }
        return lower;
    }

    /** Never the refused URL itself: the field names it for the operator, and the answer may be hostile. */
    private static CrmUnavailableException loginInfoRefused(String field, String why) {
        return new CrmUnavailableException("Bullhorn's loginInfo answer was refused: its " + field + " " + why + ".", null);
    }

    /**
     * Logs in to REST with the access token: the BhRestToken and session {@code restUrl} are what the events need.
     * Bullhorn has no revocation endpoint, so when this step fails the tokens just issued are left to lapse, and
     * the message says so.
     */
    private CrmSignedIn restSession(BullhornSignInApi.TokenAnswer tokens, SignInRequest request, UserUrls userUrls) {
        if (tokens == null || tokens.accessToken() == null) {
            throw new CrmUnavailableException("Bullhorn's token answer has no access token", null);
        }
        BullhornSignInApi.LoginAnswer session;
        try {
            session = signIn.login(userUrls.loginUrl(), "2.0", tokens.accessToken());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw new CrmAuthenticationException("Bullhorn's REST login refused the access token (HTTP " + status + ")" + TOKENS_LAPSE);
            }
            throw new CrmUnavailableException("Bullhorn's REST login answered HTTP " + status + TOKENS_LAPSE, null);
        } catch (ProcessingException e) {
            // no cause: the failed request's URL carries the access token
            throw new CrmUnavailableException("Bullhorn's REST login could not be reached" + TOKENS_LAPSE, null);
        }
        if (session == null || session.bhRestToken() == null || session.restUrl() == null) {
            throw new CrmUnavailableException("Bullhorn's REST login answered no BhRestToken or restUrl" + TOKENS_LAPSE, null);
        }
        if (!isUserRestUrl(session.restUrl())) {
            throw new CrmUnavailableException("Bullhorn's REST login answer was refused: its restUrl does not match callpop.bullhorn.rest-url-pattern"
                    + TOKENS_LAPSE, null);
        }
        Instant expiresAt = tokens.expiresIn() == null ? null : Instant.now().plusSeconds(tokens.expiresIn());
        return new CrmSignedIn(tokens.accessToken(), tokens.refreshToken(), expiresAt,
                new CrmCredentials(session.bhRestToken(), session.restUrl(), request.username()), userUrls.atsHost(), userUrls.remembered());
    }

    /** Bullhorn's OAuth server answers 400 (invalid_grant) or 401 for a code or refresh token it does not accept. */
    private static <T> T refused(String what, Supplier<T> exchange) {
        try {
            return exchange.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 || status == 401) {
                throw new CrmAuthenticationException("Bullhorn refused the " + what + " (HTTP " + status + ").");
            }
            throw e;
        }
    }

    /** callpop's OAuth app at Bullhorn. */
    private record App(String clientId, String clientSecret) {
    }

    /** @return both app credentials, or the reason no sign-in can complete without them */
    private App app() {
        return new App(appCredential(config.clientId(), "client-id"), appCredential(config.clientSecret(), "client-secret"));
    }

    private static String appCredential(Optional<String> value, String key) {
        return value.orElseThrow(() -> new CrmUnavailableException("callpop has no Bullhorn OAuth app credentials (callpop.bullhorn."
                + key + "), so it cannot sign users in to Bullhorn.", null));
    }
}
