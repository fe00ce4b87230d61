package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.callpop.adapter.bullhorn.BullhornFake;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Finding the caller among Bullhorn's candidates, contacts and leads through callpop, against the Bullhorn module's
 * fake: callpop's answers and problem types. The query Bullhorn is sent (each entity, every phone field and format,
 * the fields asked for) is the module's {@code BullhornSearchTest}.
 */
@QuarkusTest
class BullhornLookupTest {

    @BullhornFake.Server
    WireMockServer bullhorn;

    @BeforeEach
    void reset() {
        bullhorn.resetAll();
        BullhornFake.findsNothing(bullhorn);
    }

    private ValidatableResponse ringing(String restUrl, String number) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "bh-rest-token-1").header("X-CRM-Api-Url", restUrl)
                .contentType(ContentType.JSON)
                .body("{\"hostname\": \"cls21.bullhornstaffing.com\", \"call\": {\"direction\": \"inbound\", \"from\": \"" + number + "\"}}")
                .when().post("/api/v1/crms/bullhorn/call-received").then();
    }

    /** The smoke test: a look-up end to end, from the client's number to the candidate's record window. */
    @Test
    void aCandidateMatchOpensItsRecordWindow() {
        BullhornFake.finds(bullhorn, "Candidate", BullhornFake.one(9876, "Ada", "Lovelace"));
        ringing(BullhornFake.restUrl(bullhorn), "+14155550100")
                .statusCode(200)
                .body("actions.url", contains("https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Candidate&id=9876&view=Overview"))
                .body("actions[0].target", equalTo("popup"))
                .body("matches[0].name", equalTo("Ada Lovelace"))
                .body("matches[0].type", equalTo("Candidate"));
        // the user's session, and the number in the formats callpop made of it
        bullhorn.verify(postRequestedFor(urlPathEqualTo(BullhornFake.SEARCH + "Candidate"))
                .withHeader("BhRestToken", WireMock.equalTo("bh-rest-token-1"))
                .withRequestBody(containing("phone:\\\"+14155550100\\\""))
                .withRequestBody(containing("mobile:\\\"(415) 555-0100\\\"")));
    }

    @Test
    void aRestUrlOffBullhornIsNeverCalled() {
        ringing("https://evil.example.com/rest-services/corp1/", "+14155550112")
                .statusCode(422)
                .body("type", equalTo("urn:callpop:problem:crm-api-url-not-allowed"))
                .body("errors.field", contains("X-CRM-Api-Url"));
        bullhorn.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void withoutTheRestUrlTheClientMustSignInAgain() {
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "bh-rest-token-1").contentType(ContentType.JSON)
                .body("{\"hostname\": \"cls21.bullhornstaffing.com\", \"call\": {\"from\": \"+14155550113\"}}")
                .when().post("/api/v1/crms/bullhorn/call-received").then()
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"))
                .body("detail", containsString("X-CRM-Api-Url"));
    }
}
