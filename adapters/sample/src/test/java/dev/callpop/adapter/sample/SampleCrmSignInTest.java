package dev.callpop.adapter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.SignInRequest;

/** The sample CRM's sign-in: its authorization page, the codes its stand-in page issues, its own refresh tokens. */
class SampleCrmSignInTest {

    private static final SignInRequest REQUEST = new SignInRequest(URI.create("http://localhost:8080/demo/"), null, null);
    private final SampleCrmAdapter adapter = new SampleCrmAdapter(() -> "https://crm.example.com/oauth/authorize");

    @Test
    void theAuthorizationPageNamesTheAppAndTheRedirectUriAndLeavesTheStateToCallpop() {
        assertThat(adapter.start(REQUEST).authorizationUrl()).hasToString(
                "https://crm.example.com/oauth/authorize?client_id=callpop-sample&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fdemo%2F");
    }

    @Test
    void aCodeFromTheStandInPageGivesTokensForTheSampleCrmsHost() {
        CrmSignedIn signedIn = adapter.complete("sample-code-0f1e2d3c-4b5a", REQUEST, Map.of());
        assertThat(signedIn.forEvents().token()).isEqualTo(signedIn.accessToken()).startsWith("sample-access-");
        assertThat(signedIn.refreshToken()).matches(SampleCrmAdapter.REFRESH_TOKEN.pattern());
        assertThat(signedIn.hostname()).isEqualTo("crm.example.com");
        assertThat(adapter.refresh(signedIn.refreshToken(), REQUEST, Map.of()).accessToken()).isNotEqualTo(signedIn.accessToken());
    }

    @Test
    void anyOtherCodeOrRefreshTokenIsRefused() {
        assertThatThrownBy(() -> adapter.complete("made-up", REQUEST, Map.of())).isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> adapter.refresh("sample-access-0123456789", REQUEST, Map.of())).isInstanceOf(CrmAuthenticationException.class);
    }
}
