package dev.callpop.adapter.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Signing a user in to Pipedrive with the adapter's real REST Client against a fake of Pipedrive's OAuth server. */
@QuarkusTest
@WithTestResource(PipedriveFake.class)
class PipedriveSignInTest {

    private static final String TOKEN = "/oauth/token";
    private static final String REVOKE = "/oauth/revoke";
    private static final URI REDIRECT = URI.create("https://softphone.example.com/oauth/");
    private static final SignInRequest REQUEST = new SignInRequest(REDIRECT, null, null);

    @PipedriveFake.Server
    WireMockServer oauth;

    @Inject
    PipedriveCrmAdapter adapter;

    @BeforeEach
    void reset() {
        oauth.resetAll();
    }

    private static String appCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString((PipedriveFake.CLIENT_ID + ":" + PipedriveFake.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    private void tokens(String apiDomain) {
        oauth.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson("{\"access_token\": \"pd-access-1\", \"refresh_token\": \"pd-refresh-1\","
                + " \"expires_in\": 3599, \"token_type\": \"Bearer\", \"api_domain\": \"" + apiDomain + "\"}")));
    }

    @Test
    void theAuthorizationPageCarriesTheAppsClientIdAndTheRedirectUriAndNoState() {
        SignInStart start = adapter.start(REQUEST);
        assertThat(start.authorizationUrl().toString()).isEqualTo("http://localhost:" + oauth.port()
                + "/oauth/authorize?client_id=" + PipedriveFake.CLIENT_ID + "&redirect_uri=https%3A%2F%2Fsoftphone.example.com%2Foauth%2F");
        assertThat(start.remembered()).isEmpty();
    }

    @Test
    void theCodeIsExchangedWithHttpBasicForTheTokensAndTheCompanyHost() {
        tokens("https://acme.pipedrive.com");
        CrmSignedIn signedIn = adapter.complete("pd-code-1", REQUEST, Map.of());
        assertThat(signedIn.accessToken()).isEqualTo("pd-access-1");
        assertThat(signedIn.refreshToken()).isEqualTo("pd-refresh-1");
        assertThat(signedIn.forEvents().token()).isEqualTo("pd-access-1");
        assertThat(signedIn.hostname()).isEqualTo("acme.pipedrive.com");
        assertThat(signedIn.expiresAt()).isNotNull();
        LoggedRequest exchange = oauth.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).get(0);
        assertThat(exchange.getHeader("Authorization")).isEqualTo(appCredentials());
        assertThat(exchange.formParameter("grant_type").firstValue()).isEqualTo("authorization_code");
        assertThat(exchange.formParameter("code").firstValue()).isEqualTo("pd-code-1");
        assertThat(exchange.formParameter("redirect_uri").firstValue()).isEqualTo(REDIRECT.toString());
    }

    @Test
    void aRefreshUsesTheRefreshTokenGrant() {
        tokens("https://acme.pipedrive.com");
        adapter.refresh("pd-refresh-0", new SignInRequest(null, null, null), Map.of());
        LoggedRequest refresh = oauth.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).get(0);
        assertThat(refresh.formParameter("grant_type").firstValue()).isEqualTo("refresh_token");
        assertThat(refresh.formParameter("refresh_token").firstValue()).isEqualTo("pd-refresh-0");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401})
    void aCodePipedriveRefusesIsAnAuthenticationFailure(int status) {
        oauth.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(status).withBody("{\"error\": \"invalid_grant\"}")));
        assertThatThrownBy(() -> adapter.complete("pd-code-used", REQUEST, Map.of()))
                .isInstanceOf(CrmAuthenticationException.class).hasMessage("Pipedrive refused the authorization code (HTTP " + status + ").");
    }

    @Test
    void theCompanyHostIsAnsweredInLowerCase() {
        tokens("https://ACME.Pipedrive.com");
        assertThat(adapter.complete("pd-code-1", REQUEST, Map.of()).hostname()).isEqualTo("acme.pipedrive.com");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://evil.example.com", "https://acme.pipedrive.com.evil.example", "https://pipedrive.com",
            "https://a.b.pipedrive.com", "http://acme.pipedrive.com", "https://exa mple", "not a url", "::"})
    void anApiDomainThatIsNotHttpsOnACompanyHostIsAnOutageAndItsTokensAreRevoked(String apiDomain) {
        tokens(apiDomain);
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> adapter.complete("pd-code-2", REQUEST, Map.of())).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Pipedrive's token answer has no https company host on *.pipedrive.com in api_domain; the tokens it issued were revoked.");
    }

    @Test
    void theTokensOfAnUnusableAnswerAreRevokedRefreshTokenFirstWithTheAppsCredentials() {
        tokens("https://evil.example.com");
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> adapter.complete("pd-code-2", REQUEST, Map.of())).isInstanceOf(CrmUnavailableException.class);
        List<LoggedRequest> revokes = oauth.findAll(postRequestedFor(urlPathEqualTo(REVOKE)));
        assertThat(revokes).extracting(request -> request.formParameter("token").firstValue() + " " + request.formParameter("token_type_hint").firstValue())
                .containsExactly("pd-refresh-1 refresh_token", "pd-access-1 access_token");
        assertThat(revokes).extracting(request -> request.getHeader("Authorization")).containsOnly(appCredentials());
    }

    @Test
    void whenPipedriveDoesNotRevokeTheTokensOfAnUnusableAnswerTheMessageSaysSo() {
        tokens("http://acme.pipedrive.com");
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> adapter.complete("pd-code-2", REQUEST, Map.of())).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Pipedrive's token answer has no https company host on *.pipedrive.com in api_domain; the tokens it issued could not be revoked.");
    }

    @Test
    void aTokenAnswerWithoutAnAccessTokenHasItsRefreshTokenRevoked() {
        oauth.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson("{\"refresh_token\": \"pd-refresh-9\", \"api_domain\": \"https://acme.pipedrive.com\"}")));
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> adapter.complete("pd-code-3", REQUEST, Map.of())).isInstanceOf(CrmUnavailableException.class)
                .hasMessage("Pipedrive's token answer has no access token; the tokens it issued were revoked.");
        assertThat(oauth.findAll(postRequestedFor(urlPathEqualTo(REVOKE)))).extracting(request -> request.formParameter("token").firstValue())
                .containsExactly("pd-refresh-9");
    }
}
