package dev.callpop.adapter.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The adapter's look-up with its real REST Client against a fake of Pipedrive's persons search (API v2):
 * what Pipedrive is sent, and what the adapter answers for each of Pipedrive's answers. Errors from
 * Pipedrive reach callpop as the REST Client's exceptions, which callpop maps (401/403: sign in again,
 * 429: rate limited, anything else: an outage).
 */
@QuarkusTest
@WithTestResource(PipedriveFake.class)
class PipedrivePersonsSearchTest {

    private static final String SEARCH = "/company/acme.pipedrive.com/api/v2/persons/search";
    private static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");
    private static final String NOBODY = "{\"success\": true, \"data\": {\"items\": []}, \"additional_data\": {\"next_cursor\": null}}";

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @Inject
    PipedriveCrmAdapter adapter;

    @BeforeEach
    void nobodyHasANumberUntilATestSaysSo() {
        pipedrive.resetAll();
        pipedrive.stubFor(get(urlPathMatching("/company/.*/api/v2/persons/search")).willReturn(okJson(NOBODY)));
    }

    private static CrmContext signedIn(String hostname, String token) {
        return new CrmContext(hostname, false, new CrmCredentials(token, null, null));
    }

    private void personsFor(String term, String json) {
        pipedrive.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("term", equalTo(term)).willReturn(okJson(json)));
    }

    @Test
    void aMatchIsAnsweredWithItsIdAndName() {
        personsFor("+14155550100", PipedriveFake.persons("42", "Ada Lovelace"));
        assertThat(adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1")))
                .containsExactly(new ContactMatch("42", "Ada Lovelace", null));
    }

    @Test
    void theSearchCarriesTheUsersTokenTheNumberAndTheLimit() {
        personsFor("+14155550100", PipedriveFake.persons("42", "Ada Lovelace"));
        adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1"));
        // Encoded, so that the + of the E.164 number reaches Pipedrive as a plus, not a space.
        assertThat(pipedrive.findAll(getRequestedFor(urlPathEqualTo(SEARCH))).get(0).getUrl()).contains("term=%2B14155550100");
        pipedrive.verify(1, getRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("Bearer pd-token-1"))
                .withQueryParam("term", equalTo("+14155550100"))
                .withQueryParam("fields", equalTo("phone"))
                .withQueryParam("limit", equalTo("7")));
    }

    @Test
    void theCompanysOwnHostIsSearched() {
        adapter.findContacts(PHONE, signedIn("globex.pipedrive.com", "pd-token-1"));
        pipedrive.verify(getRequestedFor(urlPathEqualTo("/company/globex.pipedrive.com/api/v2/persons/search")));
        pipedrive.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void severalMatchesAreAnsweredInPipedrivesOrder() {
        personsFor("+14155550100", PipedriveFake.persons("43", "Ada King", "42", "Ada Lovelace"));
        assertThat(adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1")))
                .extracting(ContactMatch::id).containsExactly("43", "42");
    }

    @Test
    void theNextFormatIsSearchedWhenOneFindsNobodyAndTheFirstMatchEndsTheSearch() {
        personsFor("(415) 555-0100", PipedriveFake.persons("44", "Charles Babbage"));
        assertThat(adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1")))
                .extracting(ContactMatch::name).containsExactly("Charles Babbage");
        assertThat(pipedrive.findAll(getRequestedFor(urlPathEqualTo(SEARCH))))
                .extracting(request -> request.queryParameter("term").firstValue())
                .containsExactly("+14155550100", "+1 415-555-0100", "(415) 555-0100");
    }

    @Test
    void aNumberNobodyHasIsSearchedInEveryFormatAndFindsNobody() {
        assertThat(adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1"))).isEmpty();
        assertThat(pipedrive.findAll(getRequestedFor(urlPathEqualTo(SEARCH))))
                .extracting(request -> request.queryParameter("term").firstValue())
                .containsExactlyElementsOf(PHONE.formats());
    }

    @Test
    void aPersonFoundByNumberOpensAtHisPage() {
        personsFor("+14155550100", PipedriveFake.persons("42", "Ada Lovelace"));
        CrmContext context = signedIn("acme.pipedrive.com", "pd-token-1");
        List<ContactMatch> matches = adapter.findContacts(PHONE, context);
        assertThat(matches).extracting(ContactMatch::name).containsExactly("Ada Lovelace");
        assertThat(adapter.contactPage(matches.get(0).asContact(PHONE), context))
                .isEqualTo(OpenUrl.inTab(URI.create("https://acme.pipedrive.com/person/42")));
    }

    @Test
    void withoutTheUsersTokenTheClientMustSignInAgainAndPipedriveIsNotCalled() {
        assertThatThrownBy(() -> adapter.findContacts(PHONE, CrmContext.of("acme.pipedrive.com", false)))
                .isInstanceOf(CrmAuthenticationException.class).hasMessageContaining("X-CRM-Token");
        pipedrive.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 500, 503})
    void pipedrivesRefusalReachesCallpopWithItsStatus(int status) {
        pipedrive.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"refused\"}")));
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class,
                () -> adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-refused")));
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        assertThat(refused).hasMessageNotContaining("pd-token-refused");
    }

    @Test
    void pipedrivesRateLimitReachesCallpopWithItsRetryAfter() {
        pipedrive.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"Too many requests\"}")));
        WebApplicationException limited = catchThrowableOfType(WebApplicationException.class,
                () -> adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1")));
        assertThat(limited.getResponse().getStatus()).isEqualTo(429);
        assertThat(limited.getResponse().getHeaderString("Retry-After")).isEqualTo("30");
    }

    @Test
    void aPipedriveThatDoesNotAnswerInTimeFailsTheLookUp() {
        pipedrive.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(NOBODY).withFixedDelay(6_000)));
        assertThatThrownBy(() -> adapter.findContacts(PHONE, signedIn("acme.pipedrive.com", "pd-token-1")))
                .isInstanceOf(ProcessingException.class);
    }
}
