package dev.callpop.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.UriBuilder;

import org.junit.jupiter.api.Test;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactChoice;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;

/**
 * What opens for a call and a log, callpop's rule for every CRM (SPI 1.0: adapters find contacts and build pages),
 * shown with pages shaped like the sample CRM's.
 */
class CallPopsTest {

    private static final PhoneNumber NUMBER = new PhoneNumber("+14155550123", "+1 415-555-0123", "(415) 555-0123", "4155550123");
    private static final ContactMatch GRACE = new ContactMatch("1002", "Grace Hopper", null);
    private static final ContactMatch GRACE_B = new ContactMatch("1003", "Grace B. Hopper", null);
    private static final CrmContext SAMPLE = CrmContext.of("crm.example.com", true);

    /** The sample CRM's pages. */
    private static final CrmAdapter PAGES = new CrmAdapter() {
        @Override
        public String id() {
            return "sample";
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Sample CRM", List.of("crm.example.com"), Optional.of("crm.example.com"), true, true, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}?contactId={id}").build(context.hostname(), contact.id()));
        }

        @Override
        public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
            return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/activities/{id}").build(context.hostname(), event.logId())));
        }

        @Override
        public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
            return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/search").queryParam("phone", phone.e164()).build(context.hostname())));
        }

        @Override
        public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
            return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/contacts/new").queryParam("phone", phone.e164()).build(context.hostname())));
        }
    };

    private final RegisteredCrm crm = CrmRegistry.of(List.of(PAGES), Map.of("sample", TestCrmSettings.defaults())).find("sample").orElseThrow();

    private static OpenUrl tab(String url) {
        return OpenUrl.inTab(URI.create(url));
    }

    private static MatchPolicy policy(MatchPolicy.OnMultipleMatches multiple, MatchPolicy.OnNoMatch none) {
        return new MatchPolicy(multiple, none, Optional.empty());
    }

    @Test
    void aKnownContactOpensItsCallPopPage() {
        CallPop answer = CallPops.knownContact(crm, Contact.withId("42"), SAMPLE);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=42"));
        assertThat(answer.matches()).isEmpty();
    }

    @Test
    void oneMatchOpensItsPageAndIsListed() {
        CallPop answer = CallPops.matches(crm, List.of(GRACE), NUMBER, SAMPLE, MatchPolicy.DEFAULT);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=1002"));
        assertThat(answer.matches()).containsExactly(GRACE);
    }

    @Test
    void severalMatchesOpenEveryPageByDefault() {
        assertThat(CallPops.matches(crm, List.of(GRACE, GRACE_B), NUMBER, SAMPLE, MatchPolicy.DEFAULT).actions())
                .containsExactly(tab("https://crm.example.com?contactId=1002"), tab("https://crm.example.com?contactId=1003"));
    }

    @Test
    void severalMatchesOpenTheFirstWhenTheOperatorSaysSo() {
        assertThat(CallPops.matches(crm, List.of(GRACE, GRACE_B), NUMBER, SAMPLE,
                policy(MatchPolicy.OnMultipleMatches.FIRST, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE)).actions())
                .containsExactly(tab("https://crm.example.com?contactId=1002"));
    }

    @Test
    void severalMatchesOpenTheSearchPageWhenTheOperatorSaysSo() {
        CallPop answer = CallPops.matches(crm, List.of(GRACE, GRACE_B), NUMBER, SAMPLE,
                policy(MatchPolicy.OnMultipleMatches.SEARCH_PAGE, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE));
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com/search?phone=%2B14155550123"));
        assertThat(answer.matches()).hasSize(2);
        assertThat(answer.reason()).contains("2 contacts have this number");
    }

    @Test
    void withPromptSeveralMatchesOpenNothingAndOfferEachWithItsContactPage() {
        CallPop answer = CallPops.matches(crm, List.of(GRACE, GRACE_B), NUMBER, SAMPLE,
                policy(MatchPolicy.OnMultipleMatches.PROMPT, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE));
        assertThat(answer.actions()).isEmpty();
        assertThat(answer.matches()).containsExactly(GRACE, GRACE_B);
        assertThat(answer.choices()).extracting(choice -> choice.contact().id(), ContactChoice::page).containsExactly(
                tuple("1002", tab("https://crm.example.com?contactId=1002")), tuple("1003", tab("https://crm.example.com?contactId=1003")));
        assertThat(answer.reason()).contains("2 contacts have this number; the agent chooses");
    }

    @Test
    void withPromptOneMatchOpensItsPage() {
        CallPop answer = CallPops.matches(crm, List.of(GRACE), NUMBER, SAMPLE,
                policy(MatchPolicy.OnMultipleMatches.PROMPT, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE));
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=1002"));
        assertThat(answer.choices()).isEmpty();
    }

    @Test
    void noMatchOpensTheNewContactPageByDefault() {
        CallPop answer = CallPops.matches(crm, List.of(), NUMBER, SAMPLE, MatchPolicy.DEFAULT);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com/contacts/new?phone=%2B14155550123"));
        assertThat(answer.reason()).contains("No contact has this number");
    }

    @Test
    void noMatchOpensTheOperatorsFallbackPage() {
        MatchPolicy fallback = new MatchPolicy(MatchPolicy.OnMultipleMatches.OPEN_ALL, MatchPolicy.OnNoMatch.FALLBACK_URL,
                Optional.of(URI.create("https://crm.example.com/unknown?phone=%2B14155550123")));
        assertThat(CallPops.matches(crm, List.of(), NUMBER, SAMPLE, fallback).actions())
                .containsExactly(tab("https://crm.example.com/unknown?phone=%2B14155550123"));
    }

    @Test
    void noMatchOpensNothingWhenTheOperatorSaysSo() {
        CallPop answer = CallPops.matches(crm, List.of(), NUMBER, SAMPLE, policy(MatchPolicy.OnMultipleMatches.OPEN_ALL, MatchPolicy.OnNoMatch.NOTHING));
        assertThat(answer.actions()).isEmpty();
        assertThat(answer.reason()).contains("No contact has this number");
    }

    @Test
    void aLogOpensItsPageWhereLogPagesAreOn() {
        assertThat(CallPops.logPage(crm, new OpenLogPage("77", Contact.withId("42")), SAMPLE).actions())
                .containsExactly(tab("https://crm.example.com/activities/77"));
    }

    @Test
    void aLogOpensTheContactWhereLogPagesAreOff() {
        CallPop answer = CallPops.logPage(crm, new OpenLogPage("77", Contact.withId("42")), CrmContext.of("crm.example.com", false));
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=42"));
        assertThat(answer.reason()).contains("does not open log pages here");
    }

    @Test
    void aLogWithoutItsPageOrAContactIsRefused() {
        assertThatThrownBy(() -> CallPops.logPage(crm, new OpenLogPage("77", null), CrmContext.of("crm.example.com", false)))
                .isInstanceOfSatisfying(CrmInputException.class, e -> assertThat(e.kind()).isEqualTo("log-page-unavailable"));
    }
}
