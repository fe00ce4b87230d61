package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.CrmFakes;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Finding the caller among Bullhorn's candidates, contacts and leads, against a fake of its REST search. */
@QuarkusTest
class BullhornLookupTest {

    private static final String SEARCH = "/bullhorn/rest-services/corp1/search/";
    private static final String NOTHING = "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}";

    @CrmFakes.Inject
    WireMockServer bullhorn;

    @BeforeEach
    void reset() {
        bullhorn.resetAll();
        bullhorn.stubFor(post(urlPathMatching(SEARCH + ".*")).willReturn(okJson(NOTHING)));
    }

    private void records(String entity, String json) {
        bullhorn.stubFor(post(urlPathEqualTo(SEARCH + entity)).willReturn(okJson(json)));
    }

    private ValidatableResponse ringing(String restUrl, String number) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "bh-rest-token-1").header("X-CRM-Api-Url", restUrl)
                .contentType(ContentType.JSON)
                .body("{\"hostname\": \"cls21.bullhornstaffing.com\", \"call\": {\"direction\": \"inbound\", \"from\": \"" + number + "\"}}")
                .when().post("/api/v1/crms/bullhorn/call-received").then();
    }

    @Test
    void aCandidateMatchOpensItsRecordWindow() {
        records("Candidate", "{\"total\": 1, \"start\": 0, \"count\": 1, \"data\": [{\"id\": 9876, \"firstName\": \"Ada\", \"lastName\": \"Lovelace\"}]}");
        ringing(CrmFakes.bullhornRestUrl(bullhorn), "+14155550100")
                .statusCode(200)
                .body("actions.url", contains("https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Candidate&id=9876&view=Overview"))
                .body("actions[0].target", equalTo("popup"))
                .body("matches[0].name", equalTo("Ada Lovelace"))
                .body("matches[0].type", equalTo("Candidate"));
        bullhorn.verify(postRequestedFor(urlPathEqualTo(SEARCH + "Candidate"))
                .withHeader("BhRestToken", WireMock.equalTo("bh-rest-token-1"))
                .withQueryParam("fields", WireMock.equalTo("id,firstName,lastName"))
                .withRequestBody(containing("phone:\\\"+14155550100\\\""))
                .withRequestBody(containing("mobile:\\\"(415) 555-0100\\\"")));
        bullhorn.verify(postRequestedFor(urlPathEqualTo(SEARCH + "ClientContact")));
        bullhorn.verify(postRequestedFor(urlPathEqualTo(SEARCH + "Lead")));
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
