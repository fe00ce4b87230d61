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

    /** RFC 7636's example verifier; its S256 challenge is {@code E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM}. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final SignInRequest WITH_VERIFIER = new SignInRequest(REQUEST.redirectUri(), null, null, VERIFIER);

    @Test
    void theSampleCrmUsesPkceWithTheChallengeOfRfc7636() {
        assertThat(adapter.usesPkce()).isTrue();
        assertThat(SampleCrmAdapter.codeChallenge(VERIFIER)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aCodeIsRedeemedOnlyWithTheVerifierOfItsChallenge() {
        String code = SampleCrmAdapter.authorizationCode(SampleCrmAdapter.codeChallenge(VERIFIER));
        String otherVerifier = "another-sign-ins-verifier-0123456789abcdefghijk";
        assertThatThrownBy(() -> adapter.complete(code, new SignInRequest(REQUEST.redirectUri(), null, null, otherVerifier), Map.of()))
                .isInstanceOf(CrmAuthenticationException.class).hasMessageContaining("another sign-in");
        assertThatThrownBy(() -> adapter.complete(code, REQUEST, Map.of())).isInstanceOf(CrmAuthenticationException.class);
        assertThat(adapter.complete(code, WITH_VERIFIER, Map.of()).accessToken()).startsWith("sample-access-");
    }

    @Test
    void theStandInPageIssuesNoCodeForSomethingThatIsNotAnS256Challenge() {
        assertThatThrownBy(() -> SampleCrmAdapter.authorizationCode("plain")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleCrmAdapter.authorizationCode("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCodeFromTheStandInPageGivesTokensForTheSampleCrmsHost() {
        CrmSignedIn signedIn = adapter.complete(SampleCrmAdapter.authorizationCode(SampleCrmAdapter.codeChallenge(VERIFIER)), WITH_VERIFIER, Map.of());
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
