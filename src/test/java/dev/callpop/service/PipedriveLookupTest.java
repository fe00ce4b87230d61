package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Finding the caller in Pipedrive by phone number through callpop, against the Pipedrive module's fake: callpop's
 * answers (the page, the matches, the reason, problem types), when it does not ask Pipedrive, and its cache. What
 * Pipedrive is sent (query parameters, every format of the number) is the module's {@code PipedrivePersonsSearchTest}.
 */
@QuarkusTest
class PipedriveLookupTest {

    private static final String SEARCH = PipedriveFake.personsSearch("acme.pipedrive.com");

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @BeforeEach
    void reset() {
        pipedrive.resetAll();
        PipedriveFake.findsNobody(pipedrive);
    }

    static ValidatableResponse ringing(String crmToken, String callerNumber) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", crmToken).contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"" + callerNumber + "\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then();
    }

    /** The smoke test: a look-up end to end, from the client's number in a local format to the person's page. */
    @Test
    void oneMatchOpensThePersonAndListsIt() {
        PipedriveFake.finds(pipedrive, "acme.pipedrive.com", "+14155550100", "42", "Ada Lovelace");
        ringing("pd-token-one", "(415) 555-0100")
                .statusCode(200)
                .body("actions.url", contains("https://acme.pipedrive.com/person/42"))
                .body("matches[0].id", equalTo("42"))
                .body("matches[0].name", equalTo("Ada Lovelace"));
        pipedrive.verify(getRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", WireMock.equalTo("Bearer pd-token-one"))
                .withQueryParam("term", WireMock.equalTo("+14155550100")));
    }

    @Test
    void noMatchOpensNothingAndSaysWhy() {
        ringing("pd-token-four", "+14155550103")
                .statusCode(200)
                .body("actions", empty())
                .body("matches", org.hamcrest.Matchers.nullValue())
                .body("reason", containsString("No contact has this number"));
    }

    @Test
    void aKnownContactIdNeedsNoLookUp() {
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "pd-token-five").contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"7\", \"phone\": \"+14155550100\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then()
                .statusCode(200)
                .body("actions.url", contains("https://acme.pipedrive.com/person/7"));
        pipedrive.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void anExtensionIsNotSentToTheCrm() {
        ringing("pd-token-six", "101")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("call.from is not a phone number"));
        pipedrive.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void withoutTheUsersCrmTokenTheClientMustSignInAgain() {
        given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+14155550104\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"))
                .body("detail", containsString("X-CRM-Token"));
    }

    @Test
    void aTokenPipedriveRefusesMeansSignInAgain() {
        PipedriveFake.searchAnswers(pipedrive, 401);
        ringing("pd-token-expired", "+14155550105")
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
    }

    @Test
    void pipedrivesRateLimitIsPassedOnWithRetryAfter() {
        PipedriveFake.searchRateLimited(pipedrive, 30);
        ringing("pd-token-busy", "+14155550106")
                .statusCode(429)
                .header("Retry-After", "30")
                .body("type", equalTo("urn:callpop:problem:crm-rate-limited"));
    }

    @Test
    void aRepeatedLookUpIsAnsweredFromTheCacheForTheSameUserOnly() {
        PipedriveFake.finds(pipedrive, "acme.pipedrive.com", "+14155550107", "45", "Ada Lovelace");
        ringing("pd-token-cache", "+14155550107").statusCode(200).body("actions.url", contains("https://acme.pipedrive.com/person/45"));
        ringing("pd-token-cache", "+14155550107").statusCode(200).body("actions.url", contains("https://acme.pipedrive.com/person/45"));
        pipedrive.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("term", WireMock.equalTo("+14155550107")));
        given().when().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("callpop_lookup_cache_total{crm=\"pipedrive\",result=\"hit\"}"))
                .body(org.hamcrest.Matchers.containsString("callpop_crm_call_seconds_count{crm=\"pipedrive\",event=\"call-received\",outcome=\"ok\"}"))
                .body(org.hamcrest.Matchers.containsString("callpop_lookup_matches_total{crm=\"pipedrive\",result=\"one\"}"));

        ringing("pd-token-other-user", "+14155550107").statusCode(200);
        pipedrive.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("term", WireMock.equalTo("+14155550107")));

        given().auth().oauth2(Tokens.sign(Tokens.claims("callpop").subject("agent-8"))).header("X-CRM-Token", "pd-token-cache")
                .contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+14155550107\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then().statusCode(200);
        pipedrive.verify(3, getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("term", WireMock.equalTo("+14155550107")));
    }

    @Test
    void aMalformedCrmTokenHeaderIsRefused() {
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "two words").contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+14155550100\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then()
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:invalid-request"))
                .body("errors.field", contains("X-CRM-Token"));
    }
}
