package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The adapter's look-up with its real REST Client against a fake of Bullhorn's REST search: what Bullhorn
 * is sent (one search per entity, a Lucene query over its phone fields, the BhRestToken header, at the
 * user's REST URL), what the adapter answers, and how Bullhorn's errors reach callpop (as the REST
 * Client's exceptions, which callpop maps).
 */
@QuarkusTest
@WithTestResource(BullhornFake.class)
class BullhornSearchTest {

    private static final String SEARCH = "/rest-services/corp1/search/";
    private static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");
    private static final String NOTHING = "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}";

    @BullhornFake.Server
    WireMockServer bullhorn;

    // Injected by its SPI type, as the service finds it.
    @Inject
    CrmAdapter adapter;

    @BeforeEach
    void nobodyHasANumberUntilATestSaysSo() {
        bullhorn.resetAll();
        bullhorn.stubFor(post(urlPathMatching(SEARCH + ".*")).willReturn(okJson(NOTHING)));
    }

    private CrmContext signedIn() {
        return new CrmContext("cls21.bullhornstaffing.com", true, new CrmCredentials("bh-rest-token-1", BullhornFake.restUrl(bullhorn), null));
    }

    private void records(String entity, String json) {
        bullhorn.stubFor(post(urlPathEqualTo(SEARCH + entity)).willReturn(okJson(json)));
    }

    private static String one(long id, String firstName, String lastName) {
        return "{\"total\": 1, \"start\": 0, \"count\": 1, \"data\": [{\"id\": %d, \"firstName\": %s, \"lastName\": %s, \"_score\": 1.0}]}"
                .formatted(id, firstName == null ? "null" : "\"" + firstName + "\"", lastName == null ? "null" : "\"" + lastName + "\"");
    }

    @Test
    void aCandidateMatchIsAnsweredWithItsTypeAndName() {
        records("Candidate", one(9876, "Ada", "Lovelace"));
        assertThat(adapter.findContacts(PHONE, signedIn())).containsExactly(new ContactMatch("9876", "Ada Lovelace", BullhornCrmAdapter.CANDIDATE));
    }

    @Test
    void candidatesContactsAndLeadsAreEachSearchedWithTheUsersToken() {
        adapter.findContacts(PHONE, signedIn());
        assertThat(bullhorn.findAll(postRequestedFor(urlPathMatching(SEARCH + ".*")))).extracting(request -> URI.create(request.getUrl()).getPath())
                .containsExactly(SEARCH + "Candidate", SEARCH + "ClientContact", SEARCH + "Lead");
        bullhorn.verify(3, postRequestedFor(urlPathMatching(SEARCH + ".*"))
                .withHeader("BhRestToken", equalTo("bh-rest-token-1"))
                .withQueryParam("fields", equalTo("id,firstName,lastName,dateAdded,dateLastModified"))
                .withQueryParam("count", equalTo("10")));
    }

    @Test
    void theQueryCoversEveryPhoneFieldOfTheEntityInEveryFormat() {
        adapter.findContacts(PHONE, signedIn());
        bullhorn.verify(postRequestedFor(urlPathEqualTo(SEARCH + "Candidate"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.query", containing("phone:\"+14155550100\"")))
                .withRequestBody(matchingJsonPath("$.query", containing("mobile:\"(415) 555-0100\"")))
                .withRequestBody(matchingJsonPath("$.query", containing("workPhone:\"4155550100\"")))
                .withRequestBody(matchingJsonPath("$.query", containing("phone3:\"+1 415-555-0100\""))));
        LoggedRequest contacts = bullhorn.findAll(postRequestedFor(urlPathEqualTo(SEARCH + "ClientContact"))).get(0);
        assertThat(contacts.getBodyAsString()).as("a ClientContact has no workPhone").contains("mobile:").doesNotContain("workPhone");
    }

    @Test
    void matchesAcrossEntitiesAreAnsweredCandidatesFirst() {
        records("Lead", one(12, "Grace", "Hopper"));
        records("ClientContact", one(11, "Grace", "Hopper"));
        assertThat(adapter.findContacts(PHONE, signedIn())).extracting(ContactMatch::id, match -> match.type().value())
                .containsExactly(tuple("11", "Contact"), tuple("12", "Lead"));
    }

    @Test
    void aNumberNobodyHasFindsNobody() {
        assertThat(adapter.findContacts(PHONE, signedIn())).isEmpty();
    }

    @Test
    void aRecordWithOnlyALastNameIsListedByIt() {
        records("Candidate", one(7, null, "Lovelace"));
        assertThat(adapter.findContacts(PHONE, signedIn())).extracting(ContactMatch::name).containsExactly("Lovelace");
    }

    @Test
    void aRecordFoundByNumberOpensInTheRecordWindowAsAPopup() {
        records("Candidate", one(9876, "Ada", "Lovelace"));
        List<ContactMatch> matches = adapter.findContacts(PHONE, signedIn());
        assertThat(adapter.contactPage(matches.get(0).asContact(PHONE), signedIn())).isEqualTo(OpenUrl.inPopup(URI.create(
                "https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Candidate&id=9876&view=Overview")));
    }

    @Test
    void aRestUrlOffBullhornIsRefusedAndNeverCalled() {
        CrmContext elsewhere = new CrmContext("cls21.bullhornstaffing.com", true,
                new CrmCredentials("bh-rest-token-1", "http://localhost:" + bullhorn.port() + "/elsewhere/corp1/", null));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> adapter.findContacts(PHONE, elsewhere));
        assertThat(refused.kind()).isEqualTo("crm-api-url-not-allowed");
        assertThat(refused.field()).isEqualTo("X-CRM-Api-Url");
        bullhorn.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void withoutTheRestUrlTheClientMustSignInAgainAndBullhornIsNotCalled() {
        CrmContext tokenOnly = new CrmContext("cls21.bullhornstaffing.com", true, new CrmCredentials("bh-rest-token-1", null, null));
        CrmAuthenticationException refused = catchThrowableOfType(CrmAuthenticationException.class, () -> adapter.findContacts(PHONE, tokenOnly));
        assertThat(refused).hasMessageContaining("X-CRM-Api-Url");
        bullhorn.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 500, 503})
    void bullhornsRefusalReachesCallpopWithItsStatus(int status) {
        bullhorn.stubFor(post(urlPathEqualTo(SEARCH + "Candidate")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"errorMessage\": \"refused\", \"errorCode\": " + status + "}")));
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, () -> adapter.findContacts(PHONE, signedIn()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        assertThat(refused).hasMessageNotContaining("bh-rest-token-1");
        bullhorn.verify(0, postRequestedFor(urlPathEqualTo(SEARCH + "ClientContact")));
    }

    @Test
    void bullhornsRateLimitReachesCallpopWithItsRetryAfter() {
        bullhorn.stubFor(post(urlPathEqualTo(SEARCH + "Candidate")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
        WebApplicationException limited = catchThrowableOfType(WebApplicationException.class, () -> adapter.findContacts(PHONE, signedIn()));
        assertThat(limited.getResponse().getStatus()).isEqualTo(429);
        assertThat(limited.getResponse().getHeaderString("Retry-After")).isEqualTo("12");
    }

    @Test
    void aBullhornThatDoesNotAnswerInTimeFailsTheLookUp() {
        bullhorn.stubFor(post(urlPathEqualTo(SEARCH + "Candidate")).willReturn(okJson(NOTHING).withFixedDelay(6_000)));
        assertThat(catchThrowableOfType(ProcessingException.class, () -> adapter.findContacts(PHONE, signedIn()))).isNotNull();
    }

    @Test
    void eachMatchCarriesItsRecordsDatesFromTheSearch() {
        records("Candidate", """
                {"total": 2, "start": 0, "count": 2, "data": [
                 {"id": 1, "firstName": "Ada", "lastName": "Lovelace", "dateAdded": 1577836800000, "dateLastModified": 1764547200000},
                 {"id": 2, "firstName": "Grace", "lastName": "Hopper"}]}""");
        List<ContactMatch> matches = adapter.findContacts(PHONE, signedIn());
        assertThat(matches).extracting(ContactMatch::id, ContactMatch::createdAt, ContactMatch::updatedAt).containsExactly(
                tuple("1", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2025-12-01T00:00:00Z")),
                tuple("2", null, null));
    }
}
