package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.adapter.bullhorn.BullhornFake;
import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.SignInProfiles;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The ways around sign-in's promises that a review found, each written from the request that showed it, against
 * the fakes of Pipedrive's and Bullhorn's OAuth servers (credentials sealed, as in production).
 */
@QuarkusTest
@TestProfile(SignInProfiles.Sealed.class)
class SignInHolesTest {

    private static final String PD_TOKEN = PipedriveFake.TOKEN;
    private static final String PD_REVOKE = PipedriveFake.REVOKE;
    private static final String ACME_SEARCH = PipedriveFake.personsSearch("acme.pipedrive.com");
    private static final String BH_LOGIN_INFO = BullhornFake.LOGIN_INFO;
    private static final String START = "{\"redirectUri\": \"" + SignInTest.EXTENSION + "\"}";

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @BullhornFake.Server
    WireMockServer bullhorn;

    @BeforeEach
    void reset() {
        pipedrive.resetAll();
        bullhorn.resetAll();
        pipedrive.stubFor(WireMock.post(urlPathEqualTo(PD_REVOKE)).willReturn(aResponse().withStatus(200)));
        pipedrive.stubFor(get(urlPathMatching(PipedriveFake.ANY_PERSONS_SEARCH)).willReturn(okJson("{\"success\": true, \"data\": {\"items\": "
                + "[{\"result_score\": 1, \"item\": {\"id\": 42, \"name\": \"Ada Lovelace\"}}]}}")));
    }

    private static String tokenFor(List<String> crmHosts) {
        return Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", crmHosts));
    }

    private void pipedriveAnswersTokensFor(String apiDomain) {
        pipedrive.stubFor(WireMock.post(urlPathEqualTo(PD_TOKEN)).willReturn(okJson("{\"access_token\": \"pd-access-5\", \"refresh_token\": \"pd-refresh-5\","
                + " \"expires_in\": 3599, \"api_domain\": \"" + apiDomain + "\"}")));
    }

    private static ValidatableResponse complete(String bearer, String crmId, String code, String state) {
        return SignInTest.post(bearer, crmId, "sign-in/complete", "{\"code\": \"" + code + "\", \"state\": \"" + state + "\"}");
    }

    private static ValidatableResponse lookUp(String bearer, String crmToken, String hostname, String number) {
        return given().auth().oauth2(bearer).header("X-CRM-Token", crmToken).contentType(ContentType.JSON)
                .body("{\"hostname\": \"" + hostname + "\", \"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"" + number + "\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then();
    }

    private static void tenantForbidden(ValidatableResponse answer) {
        answer.statusCode(403).body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    // --- 1. the organisation's host limit on every path that names or receives a host --------------------------------

    @Test
    void aSignInStartNamingAnotherOrganisationsHostIsForbidden() {
        tenantForbidden(SignInTest.post(tokenFor(List.of("acme.pipedrive.com")), "pipedrive", "sign-in",
                "{\"redirectUri\": \"" + SignInTest.EXTENSION + "\", \"hostname\": \"other-org.pipedrive.com\"}"));
        pipedrive.verify(0, anyRequestedFor(WireMock.anyUrl()));
    }

    @Test
    void aTokenThatAllowsNoHostCannotStartASignIn() {
        tenantForbidden(SignInTest.post(tokenFor(List.of()), "pipedrive", "sign-in", START));
        tenantForbidden(SignInTest.post(tokenFor(List.of()), "sample", "sign-in", START));
    }

    @Test
    void aCompleteWhoseCrmAnswersAnotherOrganisationsHostIsForbiddenAndItsTokensAreRevoked() {
        String bearer = tokenFor(List.of("acme.pipedrive.com"));
        pipedriveAnswersTokensFor("https://other-org.pipedrive.com");
        String state = SignInTest.start(bearer, "pipedrive", START);
        String answer = complete(bearer, "pipedrive", "pd-code-5", state).statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"))
                .body("detail", containsString("were revoked")).extract().asString();
        assertThat(answer).doesNotContain("pd-access-5").doesNotContain("pd-refresh-5");
        assertThat(pipedrive.findAll(postRequestedFor(urlPathEqualTo(PD_REVOKE))))
                .extracting(revoke -> revoke.formParameter("token").firstValue()).containsExactly("pd-refresh-5", "pd-access-5");
    }

    @Test
    void aRefreshWhoseCrmAnswersAnotherOrganisationsHostIsForbidden() {
        pipedriveAnswersTokensFor("https://other-org.pipedrive.com");
        tenantForbidden(SignInTest.post(tokenFor(List.of("acme.pipedrive.com")), "pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-4\"}"));
        tenantForbidden(SignInTest.post(tokenFor(List.of("acme.pipedrive.com")), "pipedrive", "refresh",
                "{\"refreshToken\": \"pd-refresh-4\", \"hostname\": \"other-org.pipedrive.com\"}"));
    }

    @Test
    void aCredentialSealedForAnotherHostIsRefusedAndNeverReachesTheCrm() {
        pipedriveAnswersTokensFor("https://other-org.pipedrive.com");
        String state = SignInTest.start(Tokens.client(), "pipedrive", START);
        String sealed = complete(Tokens.client(), "pipedrive", "pd-code-6", state).statusCode(200)
                .body("hostname", equalTo("other-org.pipedrive.com")).extract().path("headers.X-CRM-Token");
        lookUp(Tokens.client(), sealed, "acme.pipedrive.com", "+14155550100").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-credential-host-mismatch"));
        pipedrive.verify(0, getRequestedFor(urlPathEqualTo(ACME_SEARCH)));
        lookUp(Tokens.client(), sealed, "other-org.pipedrive.com", "+14155550100").statusCode(200);
    }

    // --- 2. a token without a subject is nobody -------------------------------------------------------------------------

    @ParameterizedTest(name = "sub: {0}")
    @ValueSource(strings = {"absent", "", " "})
    void aTokenWithoutASubjectIsRefusedEverywhere(String subject) {
        var claims = Tokens.claims("callpop");
        String bearer = Tokens.sign("absent".equals(subject) ? claims.remove("sub") : claims.subject(subject));
        given().auth().oauth2(bearer).when().get("/api/v1/crms").then().statusCode(401)
                .body("type", equalTo("urn:callpop:problem:unauthenticated"));
        SignInTest.post(bearer, "sample", "sign-in", START).statusCode(401);
        lookUp(bearer, "t", "crm.example.com", "+14155550100").statusCode(401);
    }

    // --- 3. URLs in a CRM's answer are checked before they are used or answered --------------------------------------

    @ParameterizedTest(name = "oauthUrl {0}")
    @ValueSource(strings = {"http://127.0.0.1:9/attacker-oauth", "javascript:alert(1)//"})
    void aBullhornLoginInfoNamingAnotherOAuthServerIsRefusedAndNothingIsSentThere(String oauthUrl) {
        bullhorn.stubFor(get(urlPathEqualTo(BH_LOGIN_INFO)).willReturn(okJson("{\"oauthUrl\": \"" + oauthUrl + "\", \"restUrl\": \""
                + BullhornFake.loginUrl(bullhorn) + "\", \"atsUrl\": \"https://cls21.bullhornstaffing.com\"}")));
        SignInTest.post("bullhorn", "sign-in", "{\"redirectUri\": \"" + SignInTest.EXTENSION + "\", \"username\": \"ada\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"))
                .body("authorizationUrl", equalTo(null));
    }

    @Test
    void aMalformedHostInACrmsAnswerIsAnOutageNeverAServerError() {
        pipedriveAnswersTokensFor("https://exa mple");
        SignInTest.post("pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-4\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"));
        bullhorn.stubFor(get(urlPathEqualTo(BH_LOGIN_INFO)).willReturn(okJson("{\"oauthUrl\": \"" + BullhornFake.oauthUrl(bullhorn) + "\", \"restUrl\": \""
                + BullhornFake.loginUrl(bullhorn) + "\", \"atsUrl\": \"https://cls 21.bullhornstaffing.com\"}")));
        SignInTest.post("bullhorn", "sign-in", "{\"redirectUri\": \"" + SignInTest.EXTENSION + "\", \"username\": \"ada\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"));
    }

    @Test
    void pipedrivesCompanyHostIsLowercased() {
        pipedriveAnswersTokensFor("https://ACME.Pipedrive.com");
        String state = SignInTest.start(Tokens.client(), "pipedrive", START);
        String sealed = complete(Tokens.client(), "pipedrive", "pd-code-7", state).statusCode(200)
                .body("hostname", equalTo("acme.pipedrive.com")).extract().path("headers.X-CRM-Token");
        lookUp(Tokens.client(), sealed, "acme.pipedrive.com", "+14155550100").statusCode(200);
    }

    // --- 4. PKCE: a leaked code is useless with anybody else's state -----------------------------------------------------

    /** Starts a sample CRM sign-in for this bearer, has its stand-in page allow it, and answers the code and the state. */
    private static Map<String, String> sampleCodeAndState(String bearer) {
        String url = SignInTest.post(bearer, "sample", "sign-in", START).statusCode(200)
                .body("authorizationUrl", containsString("code_challenge_method=S256"))
                .body("authorizationUrl", containsString("code_challenge=")).extract().path("authorizationUrl");
        String page = given().urlEncodingEnabled(false).accept(ContentType.HTML).when().get(url).then().statusCode(200).extract().asString();
        URI allow = URI.create(page.replaceAll("(?s).*id=\"allow\" href=\"([^\"]*)\".*", "$1").replace("&amp;", "&"));
        Map<String, String> back = new HashMap<>();
        for (String pair : allow.getQuery().split("&")) {
            back.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return back;
    }

    @Test
    void aLeakedCodeRedeemedWithAnAttackersOwnStateIsRefused() {
        Map<String, String> victims = sampleCodeAndState(Tokens.client());
        String attacker = Tokens.sign(Tokens.claims("callpop").subject("mallory"));
        String attackersState = sampleCodeAndState(attacker).get("state");
        complete(attacker, "sample", victims.get("code"), attackersState).statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
        complete(Tokens.client(), "sample", victims.get("code"), victims.get("state")).statusCode(200);
    }

    @Test
    void theStandInPageRequiresAnS256Challenge() {
        given().when().get("/demo/sample-crm/authorize?redirect_uri=" + SignInTest.EXTENSION + "&state=x").then().statusCode(400)
                .body("errors[0].field", equalTo("code_challenge_method"));
        given().when().get("/demo/sample-crm/authorize?redirect_uri=" + SignInTest.EXTENSION + "&state=x&code_challenge=abc&code_challenge_method=S256")
                .then().statusCode(400).body("errors[0].field", equalTo("code_challenge"));
    }

    @Test
    void aCrmThatDoesNotDocumentPkceGetsNoChallenge() {
        SignInTest.post("pipedrive", "sign-in", START).statusCode(200).body("authorizationUrl", not(containsString("code_challenge")));
    }

    // --- 5 and 6. redirect URIs: encoded dots, and a refusal that does not publish the allow-list ------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://softphone.example.com/oauth/%2e%2e/evil", "https://softphone.example.com/oauth/.%2E/evil",
            "https://softphone.example.com/oauth/%2E%2E/evil", "https://softphone.example.com/oauth/%5c%5cevil.example.com",
            "https://softphone.example.com/oauth/..%2Fevil"})
    void aRedirectUriWithEncodedDotsOrSlashesIsRefusedAndTheAnswerKeepsTheAllowListToItself(String redirectUri) {
        String answer = SignInTest.post("pipedrive", "sign-in", "{\"redirectUri\": \"" + redirectUri + "\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:redirect-uri-not-allowed")).extract().asString();
        assertThat(answer).doesNotContain("abcdefghijklmnopabcdefghijklmnop").doesNotContain("softphone.example.com/oauth/,")
                .doesNotContain("[chrome-extension");
        pipedrive.verify(0, anyRequestedFor(WireMock.anyUrl()));
    }

    // --- 7. a logout makes what the credential found unusable at once ----------------------------------------------------

    @Test
    void afterALogoutTheRevokedCredentialFindsNothingFromTheCache() {
        pipedriveAnswersTokensFor("https://acme.pipedrive.com");
        String state = SignInTest.start(Tokens.client(), "pipedrive", START);
        String sealed = complete(Tokens.client(), "pipedrive", "pd-code-8", state).statusCode(200).extract().path("headers.X-CRM-Token");
        lookUp(Tokens.client(), sealed, "acme.pipedrive.com", "+14155550100").statusCode(200).body("matches[0].name", equalTo("Ada Lovelace"));
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", sealed).contentType(ContentType.JSON).body("{\"hostname\": \"acme.pipedrive.com\"}")
                .when().post("/api/v1/crms/pipedrive/logout").then().statusCode(200);
        // Pipedrive refuses the revoked token from now on.
        pipedrive.stubFor(get(urlPathEqualTo(ACME_SEARCH)).willReturn(aResponse().withStatus(401)));
        lookUp(Tokens.client(), sealed, "acme.pipedrive.com", "+14155550100").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
    }

    @Test
    void credentialsTheCrmRefusesFindNothingFromTheCacheEither() {
        String other = "+14155550177";
        lookUp(Tokens.client(), "pd-access-unsealed-1", "acme.pipedrive.com", other).statusCode(200);
        pipedrive.stubFor(get(urlPathEqualTo(ACME_SEARCH)).withQueryParam("term", WireMock.equalTo("+14155550188")).willReturn(aResponse().withStatus(401)));
        lookUp(Tokens.client(), "pd-access-unsealed-1", "acme.pipedrive.com", "+14155550188").statusCode(403);
        pipedrive.stubFor(get(urlPathEqualTo(ACME_SEARCH)).willReturn(aResponse().withStatus(401)));
        lookUp(Tokens.client(), "pd-access-unsealed-1", "acme.pipedrive.com", other).statusCode(403);
        // The second look-up of the first number asked Pipedrive again instead of answering from the cache.
        List<LoggedRequest> searches = pipedrive.findAll(getRequestedFor(urlPathEqualTo(ACME_SEARCH)).withQueryParam("term", WireMock.equalTo(other)));
        assertThat(searches).hasSize(2);
    }

    // --- 8. one answer for a state that is not callpop's and one that is someone else's ----------------------------------

    @Test
    void aStolenStateAndAForgedOneGetTheSameAnswer() {
        String state = SignInTest.start(Tokens.client(), "pipedrive", START);
        String stolen = complete(Tokens.sign(Tokens.claims("callpop").subject("mallory")), "pipedrive", "pd-code-9", state).statusCode(400)
                .extract().path("detail");
        String forged = complete(Tokens.client(), "pipedrive", "pd-code-9", state.substring(0, state.length() - 4) + "AAAA").statusCode(400)
                .extract().path("detail");
        assertThat(stolen).isEqualTo(forged);
        pipedrive.verify(0, postRequestedFor(urlPathEqualTo(PD_TOKEN)));
    }
}
