package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallReceived;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.HostPattern;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;

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
 * It checks, without any CRM or network: the id is a lowercase slug; the description is complete and
 * consistent with what the adapter does; every page is https on the CRM's own hosts; hostile ids stay
 * inside their part of the URL; hostile hostnames are not the CRM's; the same input gives the same answer;
 * logout always returns its client actions. An adapter that calls its CRM's API in {@code logout} should be
 * built with a fake API client that fails, to show a failed server step never hides the client actions.
 */
public abstract class CrmAdapterContract {

    /** A benign phone number in every format callpop sends. */
    protected static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");

    /** @return the adapter under test, built with fakes for anything it calls */
    protected abstract CrmAdapter adapter();

    /** @return a hostname of this CRM that a real user would have, for example {@code acme.pipedrive.com} */
    protected abstract String hostname();

    /** @return a contact id this CRM would accept */
    protected String contactId() {
        return "1001";
    }

    /** @return a log id this CRM would accept */
    protected String logId() {
        return "2002";
    }

    /** @return the context for a request: the hostname, log pages on, no credentials, default policy */
    protected CrmContext context() {
        return CrmContext.of(hostname(), true);
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

    private void assertOnTheCrmsHosts(OpenUrl page) {
        URI url = page.url();
        assertThat(url.getScheme()).as("scheme of %s", url).isEqualTo("https");
        assertThat(url.getRawUserInfo()).as("user info of %s", url).isNull();
        assertThat(url.getPort()).as("port of %s", url).isEqualTo(-1);
        assertThat(url.getHost()).as("host of %s", url).isNotNull();
        assertThat(hosts()).as("the CRM's hosts, for %s", url).anyMatch(pattern -> pattern.matches(url.getHost()));
    }

    @Test
    void theIdIsALowercaseSlug() {
        assertThat(adapter().id()).matches("[a-z][a-z0-9-]{0,31}");
        assertThat(adapter().id()).as("the same on every call").isEqualTo(adapter().id());
    }

    @Test
    void theDescriptionIsComplete() {
        CrmDescription description = description();
        assertThat(description.displayName()).isNotBlank();
        assertThat(hosts()).isNotEmpty();
        assertThat(hosts()).as("the test's hostname is the CRM's").anyMatch(pattern -> pattern.matches(hostname()));
        description.defaultHostname().ifPresent(host -> assertThat(hosts()).anyMatch(pattern -> pattern.matches(host)));
        description.contactTypes().forEach(type -> {
            assertThat(type.value()).isNotBlank();
            assertThat(type.display()).isNotBlank();
        });
    }

    @Test
    void everyContactPageIsHttpsOnTheCrmsHost() {
        List<ContactType> types = new ArrayList<>(description().contactTypes());
        if (types.isEmpty()) {
            types.add(null);
        }
        for (ContactType type : types) {
            OpenUrl page = adapter().contactPage(new Contact(contactId(), "Ada", PHONE.e164(), type), context());
            assertOnTheCrmsHosts(page);
            assertThat(page.url().getHost()).isEqualTo(hostname());
            assertThat(page.url().toString()).contains(contactId());
        }
    }

    @Test
    void theLogPageMatchesWhatTheDescriptionSays() {
        var logPage = adapter().logPage(new OpenLogPage(logId(), contact(contactId())), context());
        if (description().canOpenLogPage()) {
            assertThat(logPage).as("a CRM that opens log pages by default has one").isPresent();
        }
        logPage.ifPresent(page -> {
            assertOnTheCrmsHosts(page);
            assertThat(page.url().toString()).contains(logId());
        });
    }

    @Test
    void openLogPageOpensTheLogOrTheContact() {
        CallPop answer = adapter().openLogPage(new OpenLogPage(logId(), contact(contactId())), context());
        assertThat(answer.actions()).hasSize(1);
        assertOnTheCrmsHosts(answer.actions().get(0));
    }

    @Test
    void theLookUpMatchesWhatTheDescriptionSays() {
        if (!description().findsContactsByPhone()) {
            assertThatThrownBy(() -> adapter().findContacts(PHONE, context())).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void pagesForANumberAreHttpsOnTheCrmsHost() {
        adapter().searchPage(PHONE, context()).ifPresent(this::assertOnTheCrmsHosts);
        adapter().newContactPage(PHONE, context()).ifPresent(this::assertOnTheCrmsHosts);
    }

    @Test
    void aCallWithAKnownIdOpensTheContactPage() {
        Contact contact = contact(contactId());
        CallPop answer = adapter().callReceived(new CallReceived(contact, new Call("c-1", Call.Direction.INBOUND, PHONE.e164(), null, Call.Phase.RINGING), null), context());
        assertThat(answer.actions()).containsExactly(adapter().contactPage(contact, context()));
    }

    @Test
    void theSameInputGivesTheSameAnswer() {
        Contact contact = contact(contactId());
        assertThat(adapter().contactPage(contact, context())).isEqualTo(adapter().contactPage(contact, context()));
        assertThat(adapter().logPage(new OpenLogPage(logId(), contact), context()))
                .isEqualTo(adapter().logPage(new OpenLogPage(logId(), contact), context()));
        assertThat(adapter().description()).isEqualTo(adapter().description());
    }

    /** Ids an attacker would send to move a URL elsewhere (callpop refuses them first; an adapter must not rely on it). */
    static Stream<String> hostileIds() {
        return Stream.of("../admin", "..", "1?next=https://evil.example.com", "a/b", "a#b", "%2e%2e%2fadmin",
                "1\r\nSet-Cookie: a=b", "javascript:alert(1)", "//evil.example.com", "@evil.example.com", "1 2", "1&x=y");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void aHostileIdStaysInsideItsPartOfTheUrl(String id) {
        OpenUrl benign = adapter().contactPage(contact(contactId()), context());
        Throwable refused = catchThrowable(() -> adapter().contactPage(contact(id), context()));
        if (refused != null) {
            assertThat(refused).isInstanceOfAny(CrmInputException.class, IllegalArgumentException.class);
            return;
        }
        URI url = adapter().contactPage(contact(id), context()).url();
        assertThat(url.getHost()).as("host of %s", url).isEqualTo(hostname());
        assertThat(url.getScheme()).isEqualTo("https");
        for (String segment : url.getRawPath().split("/")) {
            assertThat(segment.toLowerCase(Locale.ROOT).replace("%2e", ".")).as("a path segment of %s", url).isNotIn(".", "..");
        }
        assertThat(url.getRawFragment()).as("fragment of %s", url).isEqualTo(benign.url().getRawFragment());
        assertThat(queryNames(url)).as("query parameters of %s", url).isEqualTo(queryNames(benign.url()));
        assertThat(url.toString()).doesNotContain("\r").doesNotContain("\n");
    }

    private static List<String> queryNames(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return List.of();
        }
        return Stream.of(query.split("&")).map(pair -> pair.split("=", 2)[0]).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example.com", "localhost", "127.0.0.1"})
    void foreignHostsAreNotTheCrms(String host) {
        assertThat(hosts()).noneMatch(pattern -> pattern.matches(host));
    }

    @Test
    void lookAlikesOfTheCrmsHostsAreNotTheCrms() {
        for (HostPattern pattern : hosts()) {
            String domain = pattern.pattern().startsWith("*.") ? pattern.pattern().substring(2) : pattern.pattern();
            for (String lookAlike : List.of(domain + ".evil.example.com", "evil" + domain, "a.b." + domain, domain.toUpperCase(Locale.ROOT) + ".evil.com")) {
                assertThat(hosts()).as(lookAlike).noneMatch(p -> p.matches(lookAlike));
            }
            if (pattern.pattern().startsWith("*.")) {
                assertThat(pattern.matches(domain)).as("the bare domain of %s", pattern).isFalse();
            }
        }
    }

    @Test
    void logoutAlwaysReturnsItsClientActions() {
        LogoutResult withoutTokens = adapter().logout(new Logout(CrmTokens.NONE), context());
        LogoutResult withTokens = adapter().logout(new Logout(new CrmTokens("access-token-1", "refresh-token-1")), context());
        assertThat(withTokens.clientActions()).as("client clean-up does not depend on the server steps")
                .isEqualTo(withoutTokens.clientActions());
        for (ClientAction action : withTokens.clientActions()) {
            if (action instanceof OpenUrl page) {
                assertOnTheCrmsHosts(page);
            }
        }
        withTokens.serverSteps().forEach(step -> {
            assertThat(step.name()).matches("[a-z][a-z0-9-]*");
            assertThat(String.valueOf(step.detail())).doesNotContain("access-token-1").doesNotContain("refresh-token-1");
        });
    }
}
