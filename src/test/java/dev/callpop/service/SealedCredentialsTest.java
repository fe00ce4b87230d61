package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.SignInProfiles;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * With a sealing key, a sign-in answers sealed credentials: the raw Pipedrive tokens never reach the client,
 * the sealed value works in {@code X-CRM-Token} for its own callpop user only, and logout and refresh use the
 * tokens inside it.
 */
@QuarkusTest
@TestProfile(SignInProfiles.Sealed.class)
class SealedCredentialsTest {

    private static final String TOKEN = "/oauth/token";
    private static final String SEARCH = PipedriveFake.personsSearch("acme.pipedrive.com");
    private static final String REVOKE = "/oauth/revoke";
    private static final String NUMBER_CALL = "{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"+14155550100\"}}";

    @PipedriveFake.Server
    WireMockServer crm;

    @BeforeEach
    void pipedriveSignsInAndFindsAda() {
        crm.resetAll();
        crm.stubFor(WireMock.post(urlPathEqualTo(TOKEN)).willReturn(okJson("{\"access_token\": \"pd-access-9\", \"refresh_token\": \"pd-refresh-9\","
                + " \"expires_in\": 3599, \"api_domain\": \"https://acme.pipedrive.com\"}")));
        crm.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson("{\"success\": true, \"data\": {\"items\": [{\"result_score\": 1,"
                + " \"item\": {\"id\": 42, \"name\": \"Ada Lovelace\"}}]}}")));
        crm.stubFor(WireMock.post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
    }

    /** Signs agent-7 in to Pipedrive and answers the sign-in's answer. */
    private static ValidatableResponse signIn() {
        String state = SignInTest.start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + SignInTest.EXTENSION + "\"}");
        return SignInTest.post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-9\", \"state\": \"" + state + "\"}").statusCode(200);
    }

    private static ValidatableResponse callReceived(String bearer, String sealed) {
        return given().auth().oauth2(bearer).header("X-CRM-Token", sealed).contentType(ContentType.JSON).body(NUMBER_CALL)
                .when().post("/api/v1/crms/pipedrive/call-received").then();
    }

    @Test
    void theSignInAnswersASealedCredentialAndNoRawToken() {
        String answer = signIn().body("sealed", equalTo(true)).body("accessToken", nullValue())
                .body("hostname", equalTo("acme.pipedrive.com")).extract().asString();
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        assertThat(answer).doesNotContain("pd-access-9").doesNotContain("pd-refresh-9");
        assertThat(sealed.split("\\.")).hasSize(5);
        assertThat(signIn().extract().<String>path("refreshToken")).matches("[^.]+\\.[^.]*\\.[^.]+\\.[^.]+\\.[^.]+");
    }

    @Test
    void theSealedCredentialLooksTheCallerUpWithTheTokenInsideIt() {
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        callReceived(Tokens.client(), sealed).statusCode(200).body("matches[0].name", equalTo("Ada Lovelace"));
        List<LoggedRequest> searches = crm.findAll(getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(searches).isNotEmpty().allSatisfy(search -> assertThat(search.getHeader("Authorization")).isEqualTo("Bearer pd-access-9"));
    }

    @Test
    void aSealedCredentialPresentedWithAnotherUsersTokenIsRefused() {
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        crm.resetRequests();
        String otherUser = Tokens.sign(Tokens.claims("callpop").subject("agent-8"));
        callReceived(otherUser, sealed).statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
        crm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSealedCredentialForAnotherCrmIsRefused() {
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", sealed).contentType(ContentType.JSON)
                .body("{\"hostname\": \"cls21.bullhornstaffing.com\", \"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"+14155550100\"}}")
                .when().post("/api/v1/crms/bullhorn/call-received").then().statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
    }

    @Test
    void anAlteredSealedCredentialIsRefused() {
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        String[] parts = sealed.split("\\.");
        parts[3] = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);
        callReceived(Tokens.client(), String.join(".", parts)).statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
    }

    @Test
    void logoutRevokesTheTokensInsideTheSealedCredential() {
        String sealed = signIn().extract().path("headers.X-CRM-Token");
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", sealed).contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\"}")
                .when().post("/api/v1/crms/pipedrive/logout").then().statusCode(200)
                .body("steps.outcome", contains("done", "done"));
        List<LoggedRequest> revokes = crm.findAll(postRequestedFor(urlPathEqualTo(REVOKE)));
        assertThat(revokes).extracting(r -> r.formParameter("token").firstValue()).containsExactly("pd-refresh-9", "pd-access-9");
    }

    @Test
    void refreshTakesTheSealedCredentialAndAnswersANewOne() {
        String sealed = signIn().extract().path("refreshToken");
        crm.resetRequests();
        String fresh = SignInTest.post("pipedrive", "refresh", "{\"refreshToken\": \"" + sealed + "\"}").statusCode(200)
                .body("sealed", equalTo(true)).extract().path("headers.X-CRM-Token");
        LoggedRequest refresh = crm.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).get(0);
        assertThat(refresh.formParameter("refresh_token").firstValue()).isEqualTo("pd-refresh-9");
        callReceived(Tokens.client(), fresh).statusCode(200);
    }

    @Test
    void anotherUserCannotRefreshWithASealedCredential() {
        String sealed = signIn().extract().path("refreshToken");
        crm.resetRequests();
        SignInTest.post(Tokens.sign(Tokens.claims("callpop").subject("agent-8")), "pipedrive", "refresh", "{\"refreshToken\": \"" + sealed + "\"}")
                .statusCode(403).body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
        crm.verify(0, anyRequestedFor(anyUrl()));
    }
}
