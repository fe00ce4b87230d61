package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Signing a user in to Bullhorn with the adapter's real REST Client: loginInfo, OAuth and REST login on a fake. */
@QuarkusTest
@WithTestResource(BullhornFake.class)
class BullhornSignInTest {

    private static final URI REDIRECT = URI.create("https://softphone.example.com/oauth/");
    private static final SignInRequest ADA = new SignInRequest(REDIRECT, "ada", null);

    @BullhornFake.Server
    WireMockServer bullhorn;

    @Inject
    CrmAdapter adapter;

    private CrmSignIn signIn() {
        return (CrmSignIn) adapter;
    }

    private String oauthUrl() {
        return "http://localhost:" + bullhorn.port() + "/oauth";
    }

    private String loginUrl() {
        return "http://localhost:" + bullhorn.port() + "/rest-services/";
    }

    /** A URL on this fake that callpop.bullhorn.sign-in-url-pattern does not allow, as a hostile loginInfo would name. */
    private String attacker(String path) {
        return "http://127.0.0.1:" + bullhorn.port() + path;
    }

    private void loginInfo(String oauthUrl, String restUrl, String atsUrl) {
        bullhorn.stubFor(get(urlPathEqualTo("/rest-services/loginInfo")).withQueryParam("username", equalTo("ada"))
                .willReturn(okJson("{\"oauthUrl\": \"" + oauthUrl + "\", \"restUrl\": \"" + restUrl + "\", \"atsUrl\": \"" + atsUrl + "\"}")));
    }

    private void restLoginAnswers(ResponseDefinitionBuilder answer) {
        bullhorn.stubFor(post(urlPathEqualTo("/rest-services/login")).withQueryParam("version", equalTo("2.0"))
                .withQueryParam("access_token", equalTo("bh-access-1")).willReturn(answer));
    }

    private static Map<String, String> remembered(String oauthUrl, String restUrl) {
        return Map.of("oauthUrl", oauthUrl, "restUrl", restUrl, "atsHost", "cls21.bullhornstaffing.com");
    }

    @BeforeEach
    void adaWorksInTheEastDataCentre() {
        bullhorn.resetAll();
        loginInfo(oauthUrl(), loginUrl(), "https://cls21.bullhornstaffing.com");
        bullhorn.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(
                "{\"access_token\": \"bh-access-1\", \"refresh_token\": \"bh-refresh-2\", \"expires_in\": 600}")));
        restLoginAnswers(okJson("{\"BhRestToken\": \"bh-rest-1\", \"restUrl\": \"" + BullhornFake.restUrl(bullhorn) + "\"}"));
    }

    @Test
    void theStartFindsTheDataCentreAndAnswersItsAuthorizationPage() {
        SignInStart start = signIn().start(ADA);
        assertThat(start.authorizationUrl().toString()).isEqualTo(oauthUrl() + "/authorize?client_id=" + BullhornFake.CLIENT_ID
                + "&response_type=code&redirect_uri=https%3A%2F%2Fsoftphone.example.com%2Foauth%2F&username=ada");
        assertThat(start.remembered()).containsEntry("oauthUrl", oauthUrl()).containsEntry("atsHost", "cls21.bullhornstaffing.com");
    }

    @Test
    void theCodeIsExchangedWithTheAppsCredentialsThenTheRestLoginGivesTheSession() {
        CrmSignedIn signedIn = signIn().complete("bh-code-1", ADA, signIn().start(ADA).remembered());
        assertThat(signedIn.forEvents().token()).isEqualTo("bh-rest-1");
        assertThat(signedIn.forEvents().apiUrl()).isEqualTo(BullhornFake.restUrl(bullhorn));
        assertThat(signedIn.forEvents().user()).isEqualTo("ada");
        assertThat(signedIn.hostname()).isEqualTo("cls21.bullhornstaffing.com");
        assertThat(signedIn.refreshToken()).isEqualTo("bh-refresh-2");
        LoggedRequest exchange = bullhorn.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))).get(0);
        assertThat(exchange.formParameter("grant_type").firstValue()).isEqualTo("authorization_code");
        assertThat(exchange.formParameter("code").firstValue()).isEqualTo("bh-code-1");
        assertThat(exchange.formParameter("client_id").firstValue()).isEqualTo(BullhornFake.CLIENT_ID);
        assertThat(exchange.formParameter("client_secret").firstValue()).isEqualTo(BullhornFake.CLIENT_SECRET);
        assertThat(exchange.formParameter("redirect_uri").firstValue()).isEqualTo(REDIRECT.toString());
    }

    @Test
    void aRefreshWithTheRememberedUrlsAsksNoLoginInfo() {
        Map<String, String> remembered = signIn().start(ADA).remembered();
        bullhorn.resetRequests();
        signIn().refresh("bh-refresh-1", new SignInRequest(null, null, null), remembered);
        bullhorn.verify(0, getRequestedFor(urlPathEqualTo("/rest-services/loginInfo")));
        assertThat(bullhorn.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))).get(0).formParameter("refresh_token").firstValue())
                .isEqualTo("bh-refresh-1");
    }

    @Test
    void aRefreshWithoutThemAsksLoginInfoForTheUsername() {
        signIn().refresh("bh-refresh-1", new SignInRequest(null, "ada", null), Map.of());
        bullhorn.verify(1, getRequestedFor(urlPathEqualTo("/rest-services/loginInfo")));
    }

    @Test
    void withoutAUsernameTheSignInIsRefusedBeforeBullhornIsCalled() {
        assertThatThrownBy(() -> signIn().start(new SignInRequest(REDIRECT, null, null)))
                .isInstanceOfSatisfying(CrmInputException.class, e -> assertThat(e.kind()).isEqualTo("crm-username-required"));
        bullhorn.verify(0, getRequestedFor(urlPathEqualTo("/rest-services/loginInfo")));
    }

    @Test
    void aCodeBullhornRefusesIsAnAuthenticationFailureAndNoRestLogin() {
        bullhorn.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(400).withBody("{\"error\": \"invalid_grant\"}")));
        Map<String, String> remembered = signIn().start(ADA).remembered();
        assertThatThrownBy(() -> signIn().complete("bh-code-used", ADA, remembered)).isInstanceOf(CrmAuthenticationException.class);
        bullhorn.verify(0, postRequestedFor(urlPathEqualTo("/rest-services/login")));
    }

    @Test
    void anOAuthUrlOffTheSignInPatternIsRefusedAtTheStartAndNeverCalled() {
        loginInfo(attacker("/attacker-oauth"), loginUrl(), "https://cls21.bullhornstaffing.com");
        assertThatThrownBy(() -> signIn().start(ADA)).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Bullhorn's loginInfo answer was refused: its oauthUrl does not match callpop.bullhorn.sign-in-url-pattern.");
        bullhorn.verify(0, anyRequestedFor(urlPathMatching("/attacker-oauth.*")));
    }

    @Test
    void aJavascriptOAuthUrlIsRefusedAtTheStart() {
        loginInfo("javascript:alert(1)//", loginUrl(), "https://cls21.bullhornstaffing.com");
        assertThatThrownBy(() -> signIn().start(ADA)).isInstanceOf(CrmUnavailableException.class).hasMessageContaining("its oauthUrl")
                .hasMessageNotContaining("javascript");
    }

    @Test
    void aRememberedOAuthUrlOffTheSignInPatternIsNeverSentTheClientSecret() {
        Map<String, String> hostile = remembered(attacker("/attacker-oauth"), loginUrl());
        assertThatThrownBy(() -> signIn().complete("bh-code-1", ADA, hostile)).isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("its oauthUrl");
        assertThatThrownBy(() -> signIn().refresh("bh-refresh-1", ADA, hostile)).isInstanceOf(CrmUnavailableException.class);
        bullhorn.verify(0, anyRequestedFor(urlPathMatching("/attacker-oauth.*")));
        assertThat(bullhorn.getAllServeEvents()).extracting(event -> event.getRequest().getBodyAsString())
                .noneMatch(body -> body.contains(BullhornFake.CLIENT_SECRET));
    }

    @Test
    void aRestUrlOffTheSignInPatternIsRefusedAtTheStart() {
        loginInfo(oauthUrl(), attacker("/rest-services/"), "https://cls21.bullhornstaffing.com");
        assertThatThrownBy(() -> signIn().start(ADA)).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Bullhorn's loginInfo answer was refused: its restUrl does not match callpop.bullhorn.sign-in-url-pattern.");
    }

    @Test
    void aRememberedRestUrlOffTheSignInPatternIsRefusedBeforeAnyTokenIsAskedFor() {
        assertThatThrownBy(() -> signIn().complete("bh-code-1", ADA, remembered(oauthUrl(), attacker("/rest-services/"))))
                .isInstanceOf(CrmUnavailableException.class).hasMessageContaining("its restUrl");
        bullhorn.verify(0, anyRequestedFor(urlPathMatching(".*")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://cls21.bullhornstaffing.com", "https://evil.example", "https://cls21.bullhornstaffing.com.evil.example",
            "https://bullhornstaffing.com", "https://user@cls21.bullhornstaffing.com", "https://cls21.bullhornstaffing.com:8443",
            "https://exa mple", "::", "javascript:alert(1)//"})
    void anAtsUrlThatIsNotHttpsOnBullhornIsRefusedAtTheStart(String atsUrl) {
        loginInfo(oauthUrl(), loginUrl(), atsUrl);
        assertThatThrownBy(() -> signIn().start(ADA)).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Bullhorn's loginInfo answer was refused: its atsUrl is not an https URL on *.bullhornstaffing.com.");
    }

    @Test
    void theAtsHostIsAnsweredInLowerCase() {
        loginInfo(oauthUrl(), loginUrl(), "https://CLS21.BullhornStaffing.com");
        assertThat(signIn().start(ADA).remembered()).containsEntry("atsHost", "cls21.bullhornstaffing.com");
    }

    @Test
    void aSessionRestUrlOffTheRestPatternIsRefusedSayingTheTokensLapse() {
        restLoginAnswers(okJson("{\"BhRestToken\": \"bh-rest-1\", \"restUrl\": \"" + attacker("/rest-services/corp1/") + "\"}"));
        Map<String, String> remembered = signIn().start(ADA).remembered();
        assertThatThrownBy(() -> signIn().complete("bh-code-1", ADA, remembered)).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Bullhorn's REST login answer was refused: its restUrl does not match callpop.bullhorn.rest-url-pattern;"
                        + " the tokens Bullhorn issued were not used and lapse by themselves.");
    }

    @Test
    void aFailedRestLoginIsAnOutageSayingTheTokensLapse() {
        restLoginAnswers(aResponse().withStatus(500));
        Map<String, String> remembered = signIn().start(ADA).remembered();
        assertThatThrownBy(() -> signIn().complete("bh-code-1", ADA, remembered)).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Bullhorn's REST login answered HTTP 500; the tokens Bullhorn issued were not used and lapse by themselves.");
    }

    @Test
    void aRestLoginRefusingTheNewAccessTokenIsAnAuthenticationFailureSayingTheTokensLapse() {
        restLoginAnswers(aResponse().withStatus(401));
        Map<String, String> remembered = signIn().start(ADA).remembered();
        assertThatThrownBy(() -> signIn().complete("bh-code-1", ADA, remembered)).isInstanceOf(CrmAuthenticationException.class)
                .hasMessage("Bullhorn's REST login refused the access token (HTTP 401); the tokens Bullhorn issued were not used and lapse by themselves.");
    }
}
