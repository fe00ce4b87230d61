package dev.callpop.adapter.pipedrive;

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

import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.SignInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Refreshing a user's Pipedrive tokens with the adapter's real REST Client against {@link PipedriveFake}'s OAuth server. */
@QuarkusTest
@WithTestResource(PipedriveFake.class)
class PipedriveRefreshTest {

    private static final SignInRequest NO_REDIRECT = new SignInRequest(null, null, null);

    @PipedriveFake.Server
    WireMockServer oauth;

    @Inject
    PipedriveCrmAdapter adapter;

    @BeforeEach
    void reset() {
        oauth.resetAll();
    }

    @Test
    void aRefreshAnswersTheFreshTokensAndTheCompanyHost() {
        PipedriveFake.issuesTokens(oauth, "pd-access-2", "pd-refresh-2", "https://acme.pipedrive.com");
        CrmSignedIn refreshed = adapter.refresh("pd-refresh-1", NO_REDIRECT, Map.of());
        assertThat(refreshed.forEvents().token()).isEqualTo("pd-access-2");
        assertThat(refreshed.refreshToken()).isEqualTo("pd-refresh-2");
        assertThat(refreshed.hostname()).isEqualTo("acme.pipedrive.com");
    }

    @Test
    void aRefreshCarriesTheRefreshTokenAndTheAppsCredentials() {
        PipedriveFake.issuesTokens(oauth, "pd-access-2", "pd-refresh-2", "https://acme.pipedrive.com");
        adapter.refresh("pd-refresh-1", NO_REDIRECT, Map.of());
        LoggedRequest refresh = oauth.findAll(postRequestedFor(urlPathEqualTo(PipedriveFake.TOKEN))).get(0);
        assertThat(refresh.getHeader("Authorization")).isEqualTo(PipedriveFake.appCredentials());
        assertThat(refresh.formParameter("grant_type").firstValue()).isEqualTo("refresh_token");
        assertThat(refresh.formParameter("refresh_token").firstValue()).isEqualTo("pd-refresh-1");
    }

    @Test
    void aRefreshTokenPipedriveRefusesIsAnAuthenticationFailure() {
        PipedriveFake.tokenAnswers(oauth, 400);
        assertThatThrownBy(() -> adapter.refresh("pd-refresh-revoked", NO_REDIRECT, Map.of())).isInstanceOf(CrmAuthenticationException.class);
    }
}
