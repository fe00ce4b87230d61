package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * Signing users in to Pipedrive, Bullhorn and the sample CRM through callpop, against the adapters' fakes of the CRMs'
 * OAuth servers and Bullhorn's loginInfo and REST login: the flow (the state, what callpop answers), and everything it
 * refuses. What each CRM is sent in each exchange (grants, codes, app credentials) is the modules'
 * {@code PipedriveSignInTest}, {@code PipedriveRefreshTest}, {@code BullhornSignInTest} and {@code BullhornRefreshTest}.
 */
@QuarkusTest
@TestProfile(SignInProfiles.Unsealed.class)
class SignInTest {

    static final String EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/oauth.html";
    private static final String PD_TOKEN = PipedriveFake.TOKEN;
    private static final String BH_LOGIN_INFO = BullhornFake.LOGIN_INFO;
    private static final String BH_TOKEN = BullhornFake.TOKEN;
    private static final String BH_LOGIN = BullhornFake.LOGIN;

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @BullhornFake.Server
    WireMockServer bullhorn;

    @BeforeEach
    void reset() {
        pipedrive.resetAll();
        bullhorn.resetAll();
    }

    static ValidatableResponse post(String token, String crmId, String step, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/crms/{crm}/" + step, crmId).then();
    }

    static ValidatableResponse post(String crmId, String step, String json) {
        return post(Tokens.client(), crmId, step, json);
    }

    /** Starts a sign-in and answers its state. */
    static String start(String token, String crmId, String json) {
        return post(token, crmId, "sign-in", json).statusCode(200).extract().path("state");
    }

    private static Map<String, List<String>> split(String query) {
        Map<String, List<String>> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return params;
    }

    private void stubPipedriveTokens(String grantField, String answer) {
        pipedrive.stubFor(WireMock.post(urlPathEqualTo(PD_TOKEN)).withRequestBody(WireMock.containing(grantField)).willReturn(okJson(answer)));
    }

    private static final String PD_TOKENS = PipedriveFake.tokens("pd-access-1", "pd-refresh-1", "https://acme.pipedrive.com");

    // --- Pipedrive ------------------------------------------------------------------------------------------------

    @Test
    void pipedriveStartAnswersItsAuthorizationPageWithTheAppsClientIdTheRedirectUriAndTheState() {
        ValidatableResponse answer = post("pipedrive", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(200)
                .body("crm", equalTo("pipedrive"))
                .body("authorizationUrl", startsWith(PipedriveFake.origin(pipedrive) + PipedriveFake.AUTHORIZE + "?"));
        String url = answer.extract().path("authorizationUrl");
        String state = answer.extract().path("state");
        Map<String, List<String>> query = split(URI.create(url).getQuery());
        assertThat(query.get("client_id")).containsExactly(PipedriveFake.CLIENT_ID);
        assertThat(query.get("redirect_uri")).containsExactly(EXTENSION);
        assertThat(query.get("state")).containsExactly(state);
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }

    /** The smoke test of Pipedrive's sign-in: start, then complete end to end against the fake's OAuth server. */
    @Test
    void pipedriveCompleteExchangesTheCodeAndAnswersTheCredentialsAndCompanyHost() {
        stubPipedriveTokens("grant_type=authorization_code", PD_TOKENS);
        String state = start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-1\", \"state\": \"" + state + "\"}").statusCode(200)
                .body("crm", equalTo("pipedrive"))
                .body("sealed", equalTo(false))
                .body("accessToken", equalTo("pd-access-1"))
                .body("refreshToken", equalTo("pd-refresh-1"))
                .body("expiresAt", notNullValue())
                .body("hostname", equalTo("acme.pipedrive.com"))
                .body("headers.X-CRM-Token", equalTo("pd-access-1"));
        // the code, and the redirect URI the state carried from the start
        LoggedRequest exchange = pipedrive.findAll(postRequestedFor(urlPathEqualTo(PD_TOKEN))).get(0);
        assertThat(exchange.formParameter("code").firstValue()).isEqualTo("pd-code-1");
        assertThat(exchange.formParameter("redirect_uri").firstValue()).isEqualTo(EXTENSION);
    }

    @Test
    void pipedriveRefreshTradesTheRefreshTokenForFreshCredentials() {
        stubPipedriveTokens("grant_type=refresh_token", PD_TOKENS.replace("pd-access-1", "pd-access-2"));
        post("pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-1\"}").statusCode(200)
                .body("accessToken", equalTo("pd-access-2"))
                .body("hostname", equalTo("acme.pipedrive.com"));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401})
    void aCodePipedriveRefusesAsksToSignInAgain(int status) {
        PipedriveFake.tokenAnswers(pipedrive, status);
        String state = start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-used\", \"state\": \"" + state + "\"}").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"))
                .body("detail", containsString("Pipedrive refused the authorization code"));
    }

    @Test
    void aRefreshTokenPipedriveRefusesAsksToSignInAgain() {
        PipedriveFake.tokenAnswers(pipedrive, 400);
        post("pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-revoked\"}").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
    }

    @Test
    void aPipedriveThatFailsIsAnOutage() {
        PipedriveFake.tokenAnswers(pipedrive, 502);
        post("pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-1\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"));
    }

    @Test
    void aPipedriveThatDoesNotAnswerIsAnOutageAnsweredWithinItsTimeLimit() {
        // The tests' Pipedrive OAuth read time-out (500 ms, CrmFakes) ends the call before the 1.5 s limit.
        pipedrive.stubFor(WireMock.post(urlPathEqualTo(PD_TOKEN)).willReturn(okJson(PD_TOKENS).withFixedDelay(4000)));
        String state = start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-2\", \"state\": \"" + state + "\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"))
                .body("detail", equalTo("Pipedrive could not be reached"));
    }

    // --- what every sign-in refuses ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.example.com/oauth/", "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/oauth.html",
            "https://softphone.example.com/other/", "https://softphone.example.com/oauth/../other/", "http://softphone.example.com/oauth/",
            "https://softphone.example.com:8443/oauth/", "https://user@softphone.example.com/oauth/", "/oauth/", "not a uri"})
    void aRedirectUriTheOperatorDidNotAllowIsRefusedBeforeAnyCrmIsContacted(String redirectUri) {
        post("bullhorn", "sign-in", "{\"redirectUri\": \"" + redirectUri + "\", \"username\": \"ada\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:redirect-uri-not-allowed"))
                .body("errors[0].field", equalTo("redirectUri"));
        bullhorn.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRedirectUriUnderAnAllowedPathIsAccepted() {
        post("pipedrive", "sign-in", "{\"redirectUri\": \"https://softphone.example.com/oauth/done?tab=2\"}").statusCode(200);
    }

    @Test
    void aTamperedStateIsRefusedAndTheCodeNeverReachesTheCrm() {
        String state = start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        String[] parts = state.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("abcdefghijklmnopabcdefghijklmnop", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-3\", \"state\": \"" + forged + "\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:sign-in-state-invalid"))
                .body("errors[0].field", equalTo("state"));
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-3\", \"state\": \"not-a-state\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:sign-in-state-invalid"));
        pipedrive.verify(0, postRequestedFor(urlPathEqualTo(PD_TOKEN)));
    }

    @Test
    void aStateStartedByAnotherUserIsRefused() {
        String state = start(Tokens.client(), "pipedrive", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        String otherUser = Tokens.sign(Tokens.claims("callpop").subject("agent-8"));
        post(otherUser, "pipedrive", "sign-in/complete", "{\"code\": \"pd-code-4\", \"state\": \"" + state + "\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:sign-in-state-invalid"))
                .body("detail", containsString("not one callpop issued to this user for this CRM"));
        pipedrive.verify(0, postRequestedFor(urlPathEqualTo(PD_TOKEN)));
    }

    @Test
    void aStateStartedForAnotherCrmIsRefused() {
        String state = start(Tokens.client(), "sample", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        post("pipedrive", "sign-in/complete", "{\"code\": \"pd-code-5\", \"state\": \"" + state + "\"}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:sign-in-state-invalid"));
    }

    @Test
    void aCrmWithoutSignInSaysSo() {
        post(SignInProfiles.Unsealed.WITHOUT_SIGN_IN, "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(404)
                .body("type", equalTo("urn:callpop:problem:sign-in-unsupported"))
                .body("detail", containsString("does not sign users in through callpop"));
        post("nosuchcrm", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(404)
                .body("type", equalTo("urn:callpop:problem:unknown-crm"));
    }

    @Test
    void signInNeedsTheClientRole() {
        given().contentType(ContentType.JSON).body("{\"redirectUri\": \"" + EXTENSION + "\"}")
                .when().post("/api/v1/crms/pipedrive/sign-in").then().statusCode(401);
        post(Tokens.sign(Tokens.claims("someone-else")), "pipedrive", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(403);
    }

    @Test
    void missingFieldsAreNamed() {
        post("pipedrive", "sign-in", "{}").statusCode(400).body("errors[0].field", equalTo("redirectUri"));
        post("pipedrive", "sign-in/complete", "{\"state\": \"x\"}").statusCode(400).body("errors[0].field", equalTo("code"));
        post("pipedrive", "refresh", "{}").statusCode(400).body("errors[0].field", equalTo("refreshToken"));
    }

    @Test
    void theAppsClientSecretsAppearInNoAnswerAndNoLogLine() throws IOException {
        PipedriveFake.tokenAnswers(pipedrive, 500);
        BullhornFake.tokenAnswers(bullhorn, 500);
        String body = post("pipedrive", "refresh", "{\"refreshToken\": \"pd-refresh-1\"}").statusCode(503).extract().asString();
        stubBullhornLoginInfo();
        String bullhornBody = post("bullhorn", "refresh", "{\"refreshToken\": \"bh-refresh-1\", \"username\": \"ada\"}").statusCode(503).extract().asString();
        String log = Files.readString(Path.of("target", "callpop-test.log"));
        for (String secret : List.of(PipedriveFake.CLIENT_SECRET, BullhornFake.CLIENT_SECRET,
                PipedriveFake.appCredentials().substring("Basic ".length()))) {
            assertThat(body).doesNotContain(secret);
            assertThat(bullhornBody).doesNotContain(secret);
            assertThat(log).doesNotContain(secret);
        }
    }

    // --- Bullhorn ---------------------------------------------------------------------------------------------------

    private void stubBullhornLoginInfo() {
        BullhornFake.knowsAda(bullhorn);
    }

    private void stubBullhornTokensAndLogin() {
        BullhornFake.issuesSession(bullhorn, "bh-rest-token-1");
    }

    @Test
    void bullhornStartFindsTheUsersDataCentreAndAnswersItsAuthorizationPage() {
        stubBullhornLoginInfo();
        ValidatableResponse answer = post("bullhorn", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\", \"username\": \"ada\"}").statusCode(200)
                .body("authorizationUrl", startsWith(BullhornFake.oauthUrl(bullhorn) + "/authorize?"));
        Map<String, List<String>> query = split(URI.create(answer.extract().<String>path("authorizationUrl")).getQuery());
        assertThat(query.get("client_id")).containsExactly(BullhornFake.CLIENT_ID);
        assertThat(query.get("redirect_uri")).containsExactly(EXTENSION);
        assertThat(query.get("state")).containsExactly(answer.extract().<String>path("state"));
    }

    /** The smoke test of Bullhorn's sign-in: loginInfo, the code exchange and the REST login, end to end against the fake. */
    @Test
    void bullhornCompleteExchangesTheCodeThenLogsInToRestForTheBhRestToken() {
        stubBullhornLoginInfo();
        stubBullhornTokensAndLogin();
        String state = start(Tokens.client(), "bullhorn", "{\"redirectUri\": \"" + EXTENSION + "\", \"username\": \"ada\"}");
        post("bullhorn", "sign-in/complete", "{\"code\": \"bh-code-1\", \"state\": \"" + state + "\"}").statusCode(200)
                .body("accessToken", equalTo("bh-access-1"))
                .body("refreshToken", equalTo("bh-refresh-2"))
                .body("hostname", equalTo("cls21.bullhornstaffing.com"))
                .body("headers.X-CRM-Token", equalTo("bh-rest-token-1"))
                .body("headers.X-CRM-Api-Url", equalTo(BullhornFake.restUrl(bullhorn)))
                .body("headers.X-CRM-User", equalTo("ada"));
        // the code, and the redirect URI the state carried from the start
        LoggedRequest exchange = bullhorn.findAll(postRequestedFor(urlPathEqualTo(BH_TOKEN))).get(0);
        assertThat(exchange.formParameter("code").firstValue()).isEqualTo("bh-code-1");
        assertThat(exchange.formParameter("redirect_uri").firstValue()).isEqualTo(EXTENSION);
        // the state carried the user's data centre: loginInfo was asked once, at the start
        bullhorn.verify(1, WireMock.getRequestedFor(urlPathEqualTo(BH_LOGIN_INFO)));
    }

    @Test
    void bullhornRefreshFindsTheDataCentreAgainFromTheUsername() {
        stubBullhornLoginInfo();
        stubBullhornTokensAndLogin();
        post("bullhorn", "refresh", "{\"refreshToken\": \"bh-refresh-1\", \"username\": \"ada\"}").statusCode(200)
                .body("headers.X-CRM-Token", equalTo("bh-rest-token-1"));
    }

    @Test
    void bullhornNeedsTheUsername() {
        post("bullhorn", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(422)
                .body("type", equalTo("urn:callpop:problem:crm-username-required"))
                .body("errors[0].field", equalTo("username"));
        bullhorn.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCodeBullhornRefusesAsksToSignInAgain() {
        stubBullhornLoginInfo();
        BullhornFake.tokenAnswers(bullhorn, 400);
        String state = start(Tokens.client(), "bullhorn", "{\"redirectUri\": \"" + EXTENSION + "\", \"username\": \"ada\"}");
        post("bullhorn", "sign-in/complete", "{\"code\": \"bh-code-used\", \"state\": \"" + state + "\"}").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"))
                .body("detail", containsString("Bullhorn refused the authorization code"));
        bullhorn.verify(0, postRequestedFor(urlPathEqualTo(BH_LOGIN)));
    }

    @Test
    void aBullhornThatIsDownIsAnOutage() {
        bullhorn.stubFor(get(urlPathEqualTo(BH_LOGIN_INFO)).willReturn(aResponse().withStatus(503)));
        post("bullhorn", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\", \"username\": \"ada\"}").statusCode(503)
                .body("type", equalTo("urn:callpop:problem:crm-unavailable"));
    }

    @Test
    void aBullhornThatDoesNotAnswerInTimeIsAnOutageAnsweredAtItsTimeLimit() {
        bullhorn.stubFor(get(urlPathEqualTo(BH_LOGIN_INFO)).willReturn(okJson("{}").withFixedDelay(4000)));
        post("bullhorn", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\", \"username\": \"ada\"}").statusCode(503)
                .body("detail", equalTo("Bullhorn did not answer within 1500 ms"));
    }

    // --- the sample CRM and its stand-in authorization page -----------------------------------------------------------

    @Test
    void theSampleCrmSignsInThroughItsStandInPageAndTheTokenServesALookUp() {
        String url = post("sample", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(200)
                .body("authorizationUrl", startsWith("/demo/sample-crm/authorize?")).extract().path("authorizationUrl");
        String page = given().urlEncodingEnabled(false).accept(ContentType.HTML).when().get(url).then().statusCode(200).extract().asString();
        String allow = page.replaceAll("(?s).*id=\"allow\" href=\"([^\"]*)\".*", "$1").replace("&amp;", "&");
        assertThat(allow).startsWith(EXTENSION + "?code=sample-code-");
        Map<String, List<String>> back = split(URI.create(allow).getQuery());
        // The code "Allow" sends back is on the page for whoever signs in by hand.
        assertThat(page.replaceAll("(?s).*<code id=\"code\">([^<]*)</code>.*", "$1")).isEqualTo(back.get("code").get(0));
        Map<String, Object> signedIn = post("sample", "sign-in/complete", "{\"code\": \"" + back.get("code").get(0) + "\", \"state\": \""
                + back.get("state").get(0) + "\"}").statusCode(200)
                .body("hostname", equalTo("crm.example.com"))
                .body("headers.X-CRM-Token", startsWith("sample-access-"))
                .extract().path("$");
        String token = (String) signedIn.get("accessToken");
        lookUp(token, "+1 415 555 0100").statusCode(200).body("matches[0].name", equalTo("Ada Lovelace"));

        // Logout revokes both tokens at the sample CRM, which refuses them from then on.
        given().auth().oauth2(Tokens.client()).header("X-CRM-Token", token).contentType(ContentType.JSON)
                .body("{\"tokens\": {\"accessToken\": \"" + token + "\", \"refreshToken\": \"" + signedIn.get("refreshToken") + "\"}}")
                .when().post("/api/v1/crms/sample/logout").then().statusCode(200)
                .body("steps.name", contains("revoke-refresh-token", "revoke-access-token"))
                .body("steps.outcome", contains("done", "done"));
        lookUp(token, "+1 415 555 0123").statusCode(403).body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
        post("sample", "refresh", "{\"refreshToken\": \"" + signedIn.get("refreshToken") + "\"}").statusCode(403);
    }

    private static ValidatableResponse lookUp(String crmToken, String number) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", crmToken).contentType(ContentType.JSON)
                .body("{\"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"" + number + "\"}}")
                .when().post("/api/v1/crms/sample/call-received").then();
    }

    @Test
    void theStandInPageAnswersTheCodeAndTheStateAsJsonToAClientThatAsks() {
        String url = post("sample", "sign-in", "{\"redirectUri\": \"" + EXTENSION + "\"}").statusCode(200).extract().path("authorizationUrl");
        Map<String, String> allowed = given().urlEncodingEnabled(false).accept(ContentType.JSON).when().get(url).then().statusCode(200)
                .body("code", startsWith("sample-code-")).body("redirectUri", equalTo(null)).extract().path("$");
        post("sample", "sign-in/complete", "{\"code\": \"" + allowed.get("code") + "\", \"state\": \"" + allowed.get("state") + "\"}")
                .statusCode(200).body("hostname", equalTo("crm.example.com"));
    }

    @Test
    void theStandInPageSendsTheBrowserNowhereButAnAllowedRedirectUri() {
        given().when().get("/demo/sample-crm/authorize?redirect_uri=https://evil.example.com/&state=x").then().statusCode(400)
                .body("type", equalTo("urn:callpop:problem:redirect-uri-not-allowed"));
    }

    @Test
    void aCodeTheSampleCrmDidNotIssueIsRefused() {
        String state = start(Tokens.client(), "sample", "{\"redirectUri\": \"" + EXTENSION + "\"}");
        post("sample", "sign-in/complete", "{\"code\": \"made-up\", \"state\": \"" + state + "\"}").statusCode(403)
                .body("type", equalTo("urn:callpop:problem:crm-reauthentication-required"));
        post("sample", "refresh", "{\"refreshToken\": \"made-up\"}").statusCode(403);
        post("sample", "refresh", "{\"refreshToken\": \"sample-refresh-0123456789\"}").statusCode(200)
                .body("accessToken", startsWith("sample-access-")).body("sealed", equalTo(false)).body("state", nullValue());
    }
}
