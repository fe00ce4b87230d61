package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmId;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmRecordId;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;

/**
 * The contract every CRM adapter keeps. Extend it in your adapter's tests and implement
 * {@link #adapter()} and {@link #hostname()}:
 *
 * <pre>{@code
 * class AcmeCrmAdapterTest extends CrmAdapterContract {
 *     protected CrmAdapter adapter() { return new AcmeCrmAdapter(); }
 *     protected String hostname() { return "eu.acme-crm.com"; }
 * }
 * }</pre>
 *
 * It runs the adapter without any CRM or network and checks what callpop promises its users about every
 * adapter: the id is a CRM id; the description is complete; every page is https on the request's host;
 * the values callpop hands an adapter (record ids with every character callpop allows, the phone number in
 * each of its formats, the contact types, the hostname) arrive in the page exactly as sent, each as one
 * whole part of the URL; the log page and the look-up do what the description says; the same input gives the
 * same answer; the call-pop page is the CRM's and carries the contact; look-alike hosts are not the CRM's; the
 * client's clean-up is pure and the revocation never repeats a token nor claims one it was not given; a sign-in
 * starts at an https page with the redirect URI and leaves the state to callpop. What opens for several
 * matches, and whether a log or a contact page opens, is callpop's rule (SPI 1.0), not the adapter's: the kit
 * has nothing to check there. An adapter that calls its CRM's API should be built with fake API clients
 * (interfaces are lambdas).
 *
 * <p>Every test calls the adapter; the kit's own tests run each against an adapter broken to fail it.
 */
public abstract class CrmAdapterContract {

    /** A benign phone number in every format callpop sends. */
    protected static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");

    /** Another number of the same country, to show a page for a number has the same shape whatever the number. */
    private static final PhoneNumber OTHER_PHONE = new PhoneNumber("+12025550199", "+1 202-555-0199", "(202) 555-0199", "2025550199");

    /** Where a sign-in sends the browser back. */
    private static final URI REDIRECT_URI = URI.create("https://softphone.example.com/oauth/");

    /** The tokens logout is called with; no step may repeat them. */
    private static final CrmTokens TOKENS = new CrmTokens("access-token-1", "refresh-token-1");

    /** The label the kit puts in front of a wildcard host pattern's domain for a second hostname. */
    private static final String OTHER_LABEL = "callpop-kit-2";

    /** @return the adapter under test, built with fakes for anything it calls */
    protected abstract CrmAdapter adapter();

    /** @return a hostname of this CRM that a real user would have, for example {@code acme.pipedrive.com} */
    protected abstract String hostname();

    /** @return a contact id this CRM would accept */
    protected String contactId() {
        return "1001";
    }

    /** @return a contact id this CRM does not have, for the call-log checks; the kit's own by default */
    protected String missingContactId() {
        return "callpop-kit-nobody";
    }

    /** @return a log id this CRM would accept */
    protected String logId() {
        return "2002";
    }

    /** @return the context for a request: the hostname, log pages on, no credentials, default policy */
    protected CrmContext context() {
        return CrmContext.of(hostname(), true);
    }

    /**
     * Record ids with every kind of character callpop lets through ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}):
     * dots (also trailing and doubled), underscores, dashes, both cases, one character and 128.
     *
     * @return the ids
     */
    static Stream<String> recordIdsWithEveryAllowedCharacter() {
        return Stream.of("a.b_c-D9..", "Z", "9-_.", "AbC" + "-9._".repeat(31) + "z");
    }

    private CrmDescription description() {
        return adapter().description();
    }

    private List<HostPattern> hosts() {
        return description().hostPatterns().stream().map(HostPattern::parse).toList();
    }

    private Contact contact(String id) {
        List<ContactType> types = description().contactTypes();
        return new Contact(id, "Ada Lovelace", PHONE.e164(), types.isEmpty() ? null : types.get(0));
    }

    private CrmContext contextFor(String hostname, boolean canOpenLogPage) {
        CrmContext context = context();
        return new CrmContext(hostname, canOpenLogPage, context.credentials(), context.userSettings());
    }

    private void assertOnTheCrmsHosts(OpenUrl page) {
        URI url = page.url();
        assertThat(url.getScheme()).as("scheme of %s", url).isEqualTo("https");
        assertThat(url.getRawUserInfo()).as("user info of %s", url).isNull();
        assertThat(url.getPort()).as("port of %s", url).isEqualTo(-1);
        assertThat(url.getHost()).as("host of %s", url).isNotNull();
        assertThat(hosts()).as("the CRM's hosts, for %s", url).anyMatch(pattern -> pattern.matches(url.getHost()));
    }

    /**
     * Asserts that a value callpop sent arrives in a page as it was sent: decoded, one whole part of the
     * URL is the value, and the page has the same shape (path segments, query parameter names, fragment)
     * as the page for a benign value, so the value added or moved no part.
     */
    private static void assertOneWholePart(URI url, String value, URI benign) {
        assertThat(UrlParts.of(url).pieces()).as("the decoded parts of %s hold '%s' as one whole part", url, value).contains(value);
        assertThat(UrlParts.of(url).shape()).as("the shape of %s, like that of %s", url, benign).isEqualTo(UrlParts.of(benign).shape());
    }

    /**
     * Calls an adapter method that may refuse a value the SPI's way, with {@link CrmInputException} (a CRM
     * whose ids are numbers, say); any other exception fails the test.
     */
    private static <T> Optional<T> unlessRefused(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (CrmInputException refused) {
            return Optional.empty();
        }
    }

    @Test
    void theIdIsACrmId() {
        CrmAdapter adapter = adapter();
        assertThat(CrmId.isValid(adapter.id())).as("'%s' is %s", adapter.id(), CrmId.RULE).isTrue();
        assertThat(adapter.id()).as("the same on every call").isEqualTo(adapter.id());
    }

    @Test
    void theDescriptionIsComplete() {
        CrmDescription description = description();
        assertThat(description.displayName()).isNotBlank();
        assertThat(hosts()).as("the test's hostname is the CRM's").anyMatch(pattern -> pattern.matches(hostname()));
        description.defaultHostname().ifPresent(host -> assertThat(hosts()).as("the default hostname").anyMatch(pattern -> pattern.matches(host)));
        description.contactTypes().forEach(type -> {
            assertThat(type.value()).isNotBlank();
            assertThat(type.display()).isNotBlank();
        });
    }

    @Test
    void everyContactPageIsHttpsOnTheRequestsHost() {
        List<ContactType> types = new ArrayList<>(description().contactTypes());
        if (types.isEmpty()) {
            types.add(null);
        }
        for (ContactType type : types) {
            OpenUrl page = adapter().contactPage(new Contact(contactId(), "Ada", PHONE.e164(), type), context());
            assertOnTheCrmsHosts(page);
            assertThat(page.url().getHost()).as("host of %s", page.url()).isEqualTo(hostname());
            assertThat(UrlParts.of(page.url()).pieces()).as("the decoded parts of %s", page.url()).contains(contactId());
        }
    }

    @Test
    void theContactPageIsOnTheHostnameOfEachRequest() {
        for (HostPattern pattern : hosts()) {
            String host = pattern.domain().equals(pattern.pattern()) ? pattern.pattern() : OTHER_LABEL + "." + pattern.domain();
            OpenUrl page = adapter().contactPage(contact(contactId()), contextFor(host, true));
            assertThat(page.url().getHost()).as("host of the page for a request to %s", host).isEqualTo(host);
        }
    }

    @ParameterizedTest
    @MethodSource("recordIdsWithEveryAllowedCharacter")
    void aContactIdArrivesWholeInTheContactPage(String id) {
        URI benign = adapter().contactPage(contact(contactId()), context()).url();
        unlessRefused(() -> adapter().contactPage(contact(id), context())).ifPresent(page -> {
            assertOnTheCrmsHosts(page);
            assertOneWholePart(page.url(), id, benign);
        });
    }

    @ParameterizedTest
    @MethodSource("recordIdsWithEveryAllowedCharacter")
    void aLogIdArrivesWholeInTheLogPage(String id) {
        Optional<OpenUrl> benign = adapter().logPage(new OpenLogPage(logId(), contact(contactId())), context());
        benign.ifPresent(benignPage -> unlessRefused(() -> adapter().logPage(new OpenLogPage(id, contact(contactId())), context()))
                .ifPresent(page -> {
                    assertThat(page).as("a log page for one log id is a log page for every log id").isPresent();
                    assertOnTheCrmsHosts(page.get());
                    assertOneWholePart(page.get().url(), id, benignPage.url());
                }));
    }

    @Test
    void theLogPageMatchesWhatTheDescriptionSays() {
        Optional<OpenUrl> logPage = adapter().logPage(new OpenLogPage(logId(), contact(contactId())), context());
        if (description().canOpenLogPage()) {
            assertThat(logPage).as("a CRM that opens log pages by default has one").isPresent();
        }
        logPage.ifPresent(page -> {
            assertOnTheCrmsHosts(page);
            assertThat(UrlParts.of(page.url()).pieces()).as("the decoded parts of %s", page.url()).contains(logId());
        });
    }

    @Test
    void theLookUpMatchesWhatTheDescriptionSays() {
        Throwable thrown = catchThrowable(() -> adapter().findContacts(PHONE, context()));
        if (!description().findsContactsByPhone()) {
            assertThat(thrown).as("a CRM that does not look callers up says so").isInstanceOf(UnsupportedOperationException.class);
        } else if (thrown != null) {
            // With the kit's context the CRM may want credentials or be a fake that fails; it must say so the SPI's way.
            assertThat(thrown).as("a look-up fails only the SPI's ways").isInstanceOfAny(CrmAuthenticationException.class,
                    CrmInputException.class, CrmRateLimitedException.class, CrmUnavailableException.class);
        }
    }

    @Test
    void pagesForANumberCarryOneOfItsFormatsUnchanged() {
        List<Function<PhoneNumber, Optional<OpenUrl>>> pages = List.of(
                phone -> adapter().searchPage(phone, context()), phone -> adapter().newContactPage(phone, context()));
        for (Function<PhoneNumber, Optional<OpenUrl>> pageFor : pages) {
            pageFor.apply(PHONE).ifPresent(page -> {
                assertOnTheCrmsHosts(page);
                List<String> pieces = UrlParts.of(page.url()).pieces();
                assertThat(pieces).as("the decoded parts of %s hold one of %s as one whole part", page.url(), PHONE.formats())
                        .containsAnyElementsOf(PHONE.formats());
                OpenUrl other = pageFor.apply(OTHER_PHONE).orElseThrow();
                assertThat(UrlParts.of(page.url()).shape()).as("the shape of %s, like that of %s", page.url(), other.url())
                        .isEqualTo(UrlParts.of(other.url()).shape());
            });
        }
    }

    @Test
    void theCallPopPageOfAContactIsOnTheCrmsHostsAndCarriesItsId() {
        OpenUrl page = adapter().callPopPage(contact(contactId()), context());
        assertOnTheCrmsHosts(page);
        assertThat(page.url().getHost()).as("host of %s", page.url()).isEqualTo(hostname());
        assertThat(UrlParts.of(page.url()).pieces()).as("the decoded parts of %s", page.url()).contains(contactId());
    }

    @Test
    void theSameInputGivesTheSameAnswer() {
        // One instance serves every request, so ask the same instance twice.
        CrmAdapter adapter = adapter();
        Contact contact = contact(contactId());
        OpenLogPage log = new OpenLogPage(logId(), contact);
        assertThat(adapter.contactPage(contact, context())).isEqualTo(adapter.contactPage(contact, context()));
        assertThat(adapter.callPopPage(contact, context())).isEqualTo(adapter.callPopPage(contact, context()));
        assertThat(adapter.logPage(log, context())).isEqualTo(adapter.logPage(log, context()));
        assertThat(adapter.searchPage(PHONE, context())).isEqualTo(adapter.searchPage(PHONE, context()));
        assertThat(adapter.newContactPage(PHONE, context())).isEqualTo(adapter.newContactPage(PHONE, context()));
        assertThat(adapter.description()).isEqualTo(adapter.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example.com", "localhost", "127.0.0.1"})
    void foreignHostsAreNotTheCrms(String host) {
        assertThat(hosts()).noneMatch(pattern -> pattern.matches(host));
    }

    @Test
    void lookAlikesOfTheCrmsHostsAreNotTheCrms() {
        for (HostPattern pattern : hosts()) {
            String domain = pattern.domain();
            List<String> lookAlikes = new ArrayList<>(List.of(domain + ".evil.example.com", "evil" + domain, domain.toUpperCase(Locale.ROOT) + ".evil.com"));
            if (!pattern.isAnyDepth()) {
                lookAlikes.add("a.b." + domain);
            }
            for (String lookAlike : lookAlikes) {
                assertThat(hosts()).as(lookAlike).noneMatch(p -> p.matches(lookAlike));
            }
        }
    }

    @Test
    void theClientCleanUpIsTheSameEveryTimeAndStaysOnTheCrmsHosts() {
        CrmAdapter adapter = adapter();
        List<ClientAction> cleanup = adapter.clientCleanup(context());
        assertThat(adapter.clientCleanup(context())).as("a pure answer: the same every time, whatever the CRM did").isEqualTo(cleanup);
        for (ClientAction action : cleanup) {
            if (action instanceof OpenUrl page) {
                assertOnTheCrmsHosts(page);
            }
        }
    }

    @Test
    void revocationStepsAreNamedBySlugs() {
        adapter().revokeCredentials(TOKENS, context())
                .forEach(step -> assertThat(step.name()).as("a step's name").matches("[a-z][a-z0-9-]*"));
    }

    @Test
    void revocationNeverRepeatsTheTokens() {
        List<CleanupStep> steps = adapter().revokeCredentials(TOKENS, context());
        assertThat(String.valueOf(steps)).as("the revocation's steps")
                .doesNotContain(TOKENS.accessToken()).doesNotContain(TOKENS.refreshToken());
    }

    @Test
    void withoutTokensNothingIsRevoked() {
        assertThat(adapter().revokeCredentials(CrmTokens.NONE, context())).as("steps for a client that sent no tokens")
                .noneMatch(step -> step.outcome() == CleanupStep.Outcome.DONE);
    }

    /**
     * Where the adapter signs users in ({@link CrmSignIn}): the page it starts at is https, carries the redirect URI
     * and no {@code state} (callpop adds its own), and what it remembers is short. An adapter whose start asks its CRM
     * may fail the SPI's ways with the kit's request.
     */
    @Test
    void aSignInStartsAtAnHttpsPageWithTheRedirectUriAndNoState() {
        if (!(adapter() instanceof CrmSignIn signIn)) {
            return;
        }
        SignInStart start;
        try {
            start = signIn.start(new SignInRequest(REDIRECT_URI, "ada.lovelace", hostname()));
        } catch (CrmInputException | CrmUnavailableException e) {
            return;
        }
        URI page = start.authorizationUrl();
        assertThat(page.getScheme()).as("scheme of %s", page).isEqualTo("https");
        assertThat(page.getRawUserInfo()).as("user info of %s", page).isNull();
        assertThat(UrlParts.of(page).pieces()).as("the decoded parts of %s", page).contains(REDIRECT_URI.toString());
        assertThat(((List<?>) UrlParts.of(page).shape().get(4)).contains("state")).as("a state among the query parameters of %s", page).isFalse();
        assertThat(String.join("", start.remembered().keySet()) + String.join("", start.remembered().values()))
                .as("what the sign-in remembers travels in the state: a few hundred characters at most").hasSizeLessThanOrEqualTo(1000);
    }

    /** A call to log, to this CRM's contact with this id, with this note. */
    private CallLog callLog(String session, String contactId, String note) {
        return new CallLog(session, contact(contactId), Call.Direction.INBOUND, PHONE.e164(), null, Instant.parse("2026-12-03T14:05:00Z"),
                Duration.ofSeconds(185), CallResult.ANSWERED, "Inbound call from Ada Lovelace", note, null);
    }

    /**
     * Runs a call-log step for an adapter that writes logs; one whose CRM it cannot reach with the kit's context (no
     * credentials, no network) must say so the SPI's ways, and the check ends there.
     */
    private <T> Optional<T> logStep(Supplier<T> step) {
        try {
            return Optional.of(step.get());
        } catch (CrmAuthenticationException | CrmUnavailableException | CrmRateLimitedException e) {
            return Optional.empty();
        }
    }

    @Test
    void aCallLogIsWrittenReadBackUpdatedAndReadAgain() {
        if (!(adapter() instanceof CrmCallLogs logs)) {
            return;
        }
        Optional<CallLogRecord> written = logStep(() -> logs.createLog(callLog("kit-session-1", contactId(), "Wants a call back."), context()));
        written.ifPresent(log -> {
            assertThat(log.logId()).as("the log id").matches(CrmRecordId.PATTERN);
            logStep(() -> logs.readLog(log.logId(), context())).ifPresent(read -> {
                assertThat(read.logId()).isEqualTo(log.logId());
                assertThat(read.note()).as("the note read back").isEqualTo("Wants a call back.");
            });
            logStep(() -> logs.updateLog(log.logId(), new CallLogChange(Duration.ofSeconds(240), CallResult.VOICEMAIL, null, "Left a message.", null),
                    context()));
            logStep(() -> logs.readLog(log.logId(), context()))
                    .ifPresent(read -> assertThat(read.note()).as("the note read after the update").isEqualTo("Left a message."));
        });
    }

    @Test
    void aSessionsLogIsFoundAgainOrNotAtAllButNeverAnother() {
        if (!(adapter() instanceof CrmCallLogs logs)) {
            return;
        }
        logStep(() -> logs.createLog(callLog("kit-session-2", contactId(), "First."), context())).ifPresent(log ->
                logStep(() -> logs.findLog("kit-session-2", context())).ifPresent(found ->
                        found.ifPresent(again -> assertThat(again.logId()).as("the log found for the session").isEqualTo(log.logId()))));
        logStep(() -> logs.findLog("kit-session-never-logged", context()))
                .ifPresent(found -> assertThat(found).as("a log for a session never logged").isEmpty());
    }

    @Test
    void aNoteIsWrittenAsTextNeverAsMarkup() {
        if (!(adapter() instanceof CrmCallLogs logs)) {
            return;
        }
        String hostile = "<script>alert(1)</script> & \"quoted\" 'x'\n<b>bold</b>";
        logStep(() -> logs.createLog(callLog("kit-session-3", contactId(), hostile), context()))
                .flatMap(log -> logStep(() -> logs.readLog(log.logId(), context())))
                .ifPresent(read -> assertThat(read.note()).as("the note read back, exactly as typed").isEqualTo(hostile));
    }

    @Test
    void aContactTheCrmDoesNotHaveIsRefusedTheSpiWay() {
        if (!(adapter() instanceof CrmCallLogs logs)) {
            return;
        }
        Throwable thrown = catchThrowable(() -> logs.createLog(callLog("kit-session-4", missingContactId(), null), context()));
        assertThat(thrown).as("a log for a contact the CRM does not have").isNotNull();
        if (thrown instanceof CrmInputException refused) {
            assertThat(refused.kind()).isEqualTo("contact-not-found");
        } else {
            assertThat(thrown).as("without its CRM, the SPI's ways").isInstanceOfAny(CrmAuthenticationException.class,
                    CrmUnavailableException.class, CrmRateLimitedException.class);
        }
    }

    /**
     * A URL as the browser and the CRM read it.
     *
     * @param pieces every part read as one value, decoded: each path segment (a {@code +} is a plus there),
     *               each query parameter's name and value (form-decoded, so a raw {@code +} is a space) and
     *               each {@code /}-separated piece of a value; the fragment, and the same pieces of the path
     *               and query a single-page app's route carries in it ({@code #/contacts/42?tab=calls})
     * @param shape  what a value must not change: scheme, host, port, number of path segments, query
     *               parameter names in order, whether there is a fragment
     */
    record UrlParts(List<String> pieces, List<Object> shape) {

        static UrlParts of(URI url) {
            Set<String> pieces = new LinkedHashSet<>();
            List<String> segments = url.getRawPath() == null ? List.of() : List.of(url.getRawPath().split("/", -1));
            segments.forEach(segment -> pieces.add(percentDecoded(segment)));
            List<String> names = url.getRawQuery() == null ? List.of() : query(url.getRawQuery(), UrlParts::formDecoded, pieces);
            if (url.getRawFragment() != null) {
                String fragment = url.getRawFragment();
                pieces.add(percentDecoded(fragment));
                String[] route = fragment.split("\\?", 2);
                Stream.of(route[0].split("/", -1)).map(UrlParts::percentDecoded).forEach(pieces::add);
                if (route.length == 2) {
                    query(route[1], UrlParts::percentDecoded, pieces);
                }
            }
            return new UrlParts(List.copyOf(pieces), List.of(String.valueOf(url.getScheme()), String.valueOf(url.getHost()),
                    url.getPort(), segments.size(), names, url.getRawFragment() != null));
        }

        /** Adds a query's names, values and the values' {@code /}-separated pieces; answers the names in order. */
        private static List<String> query(String raw, Function<String, String> decoder, Set<String> pieces) {
            List<String> names = new ArrayList<>();
            for (String pair : raw.split("&", -1)) {
                String[] nameAndValue = pair.split("=", 2);
                names.add(decoder.apply(nameAndValue[0]));
                pieces.add(decoder.apply(nameAndValue[0]));
                if (nameAndValue.length == 2) {
                    String value = decoder.apply(nameAndValue[1]);
                    pieces.add(value);
                    pieces.addAll(List.of(value.split("/", -1)));
                }
            }
            return names;
        }

        private static String percentDecoded(String raw) {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static String formDecoded(String raw) {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
    }
}
