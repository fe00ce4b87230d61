package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmSignIn;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.SignInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Refreshing a user's Bullhorn session from the username alone (no remembered URLs), with the adapter's real REST
 * Client against {@link BullhornFake}: loginInfo, the refresh grant, then the REST login.
 */
@QuarkusTest
@WithTestResource(BullhornFake.class)
class BullhornRefreshTest {

    private static final SignInRequest ADA = new SignInRequest(null, "ada", null);

    @BullhornFake.Server
    WireMockServer bullhorn;

    @Inject
    CrmAdapter adapter;

    private CrmSignIn signIn() {
        return (CrmSignIn) adapter;
    }

    @BeforeEach
    void adaWorksInTheFakesDataCentre() {
        bullhorn.resetAll();
        BullhornFake.knowsAda(bullhorn);
        BullhornFake.issuesSession(bullhorn, "bh-rest-token-1");
    }

    @Test
    void aRefreshAnswersANewSessionForEvents() {
        CrmSignedIn refreshed = signIn().refresh("bh-refresh-1", ADA, Map.of());
        assertThat(refreshed.forEvents().token()).isEqualTo("bh-rest-token-1");
        assertThat(refreshed.forEvents().apiUrl()).isEqualTo(BullhornFake.restUrl(bullhorn));
        assertThat(refreshed.refreshToken()).isEqualTo("bh-refresh-2");
        assertThat(refreshed.hostname()).isEqualTo("cls21.bullhornstaffing.com");
    }

    @Test
    void aRefreshUsesTheRefreshTokenGrantWithTheAppsCredentials() {
        signIn().refresh("bh-refresh-1", ADA, Map.of());
        bullhorn.verify(1, getRequestedFor(urlPathEqualTo(BullhornFake.LOGIN_INFO)));
        LoggedRequest refresh = bullhorn.findAll(postRequestedFor(urlPathEqualTo(BullhornFake.TOKEN))).get(0);
        assertThat(refresh.formParameter("grant_type").firstValue()).isEqualTo("refresh_token");
        assertThat(refresh.formParameter("refresh_token").firstValue()).isEqualTo("bh-refresh-1");
        assertThat(refresh.formParameter("client_id").firstValue()).isEqualTo(BullhornFake.CLIENT_ID);
        assertThat(refresh.formParameter("client_secret").firstValue()).isEqualTo(BullhornFake.CLIENT_SECRET);
    }

    @Test
    void aRefreshTokenBullhornRefusesIsAnAuthenticationFailureAndNoRestLogin() {
        BullhornFake.tokenAnswers(bullhorn, 400);
        assertThatThrownBy(() -> signIn().refresh("bh-refresh-revoked", ADA, Map.of())).isInstanceOf(CrmAuthenticationException.class);
        bullhorn.verify(0, postRequestedFor(urlPathEqualTo(BullhornFake.LOGIN)));
    }
}
