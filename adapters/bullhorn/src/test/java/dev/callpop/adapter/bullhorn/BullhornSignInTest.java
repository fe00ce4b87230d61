package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
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

    @BeforeEach
    void adaWorksInTheEastDataCentre() {
        bullhorn.resetAll();
        bullhorn.stubFor(get(urlPathEqualTo("/rest-services/loginInfo")).withQueryParam("username", equalTo("ada"))
                .willReturn(okJson("{\"oauthUrl\": \"" + oauthUrl() + "\", \"restUrl\": \"http://localhost:" + bullhorn.port()
                        + "/rest-services/\", \"atsUrl\": \"https://cls21.bullhornstaffing.com\"}")));
        bullhorn.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(
                "{\"access_token\": \"bh-access-1\", \"refresh_token\": \"bh-refresh-2\", \"expires_in\": 600}")));
        bullhorn.stubFor(post(urlPathEqualTo("/rest-services/login")).withQueryParam("version", equalTo("2.0"))
                .withQueryParam("access_token", equalTo("bh-access-1"))
                .willReturn(okJson("{\"BhRestToken\": \"bh-rest-1\", \"restUrl\": \"" + BullhornFake.restUrl(bullhorn) + "\"}")));
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
}
