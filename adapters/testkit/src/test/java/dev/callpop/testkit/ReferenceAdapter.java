package dev.callpop.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClearCookies;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
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
import dev.callpop.spi.RemoveStorage;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;

/**
 * An adapter that keeps the whole contract and uses every part of the SPI (contact types, log pages, a
 * look-up, search and new-contact pages, client clean-up and revocation, sign-in, call logs), so that each kit test has something
 * to check. {@link CrmAdapterContractTest} breaks it one rule at a time.
 */
class ReferenceAdapter implements CrmAdapter, CrmSignIn, CrmCallLogs {

    static final ContactType CANDIDATE = new ContactType("Candidate", "Candidate");
    static final ContactType CONTACT = new ContactType("ClientContact", "Contact");
    static final String HOSTNAME = "eu.kit-crm.test";

    @Override
    public String id() {
        return "kit-reference";
    }

    @Override
    public CrmDescription description() {
        return description(List.of("*.kit-crm.test", "app.kit-crm.example"), Optional.empty(), true, true);
    }

    static CrmDescription description(List<String> hosts, Optional<String> defaultHostname, boolean canOpenLogPage, boolean findsContactsByPhone) {
        return new CrmDescription("Kit Reference CRM", hosts, defaultHostname, canOpenLogPage, findsContactsByPhone, List.of(CANDIDATE, CONTACT));
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/open/{type}?id={id}&view=overview")
                .buildFromMap(Map.of("hostname", context.hostname(), "type", contact.type().value(), "id", contact.id())));
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/notes/{logId}")
                .buildFromMap(Map.of("hostname", context.hostname(), "logId", event.logId()))));
    }

    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        return phone.e164().equals("+14155550100") ? List.of(new ContactMatch("4711", "Ada Lovelace", CANDIDATE)) : List.of();
    }

    @Override
    public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/search?phone={phone}")
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.e164()))));
    }

    @Override
    public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/contacts/new?mobile={phone}")
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.national()))));
    }

    @Override
    public List<ClientAction> clientCleanup(CrmContext context) {
        return List.of(new RemoveStorage(List.of("kit.access-token")), new ClearCookies(".kit-crm.test"));
    }

    @Override
    public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
        return List.of(tokens.accessToken() == null
                ? new CleanupStep("revoke-access-token", CleanupStep.Outcome.NOT_NEEDED, "The client sent no access token.")
                : new CleanupStep("revoke-access-token", CleanupStep.Outcome.DONE, null));
    }

    @Override
    public SignInStart start(SignInRequest request) {
        return new SignInStart(UriBuilder.fromUri("https://login.kit-crm.test/authorize").queryParam("client_id", "kit")
                .queryParam("redirect_uri", request.redirectUri().toString()).build(), Map.of("region", "eu"));
    }

    @Override
    public CrmSignedIn complete(String code, SignInRequest request, Map<String, String> remembered) {
        return new CrmSignedIn("kit-access", "kit-refresh", null, new CrmCredentials("kit-access", null, null), HOSTNAME, remembered);
    }

    @Override
    public CrmSignedIn refresh(String refreshToken, SignInRequest request, Map<String, String> remembered) {
        return complete(refreshToken, request, remembered);
    }

    /** The reference CRM's call logs, by id, and each session's log. */
    private final Map<String, CallLogRecord> logs = new ConcurrentHashMap<>();
    private final Map<String, String> logOfSession = new ConcurrentHashMap<>();
    private final AtomicLong lastLogId = new AtomicLong(700);

    @Override
    public Optional<CallLogRecord> findLog(String sessionId, CrmContext context) {
        return Optional.ofNullable(logOfSession.get(sessionId)).map(logs::get);
    }

    @Override
    public CallLogRecord createLog(CallLog log, CrmContext context) {
        if (log.contact().id().equals("callpop-kit-nobody")) {
            throw new CrmInputException("contact-not-found", "contact.id", "The reference CRM has no such contact.");
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
        CallLogRecord log = logs.get(logId);
        if (log == null) {
            throw new CrmInputException("log-not-found", "logId", "The reference CRM has no such log.");
        }
        return log;
    }
}
