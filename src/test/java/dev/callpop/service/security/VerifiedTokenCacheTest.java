package dev.callpop.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.Tokens;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;

/** The verified-token cache wired into Quarkus security: OIDC verifies a token once, the cache serves it after. */
@QuarkusTest
class VerifiedTokenCacheTest {

    private static final String PIPEDRIVE_CALL = "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}";

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenIsVerifiedOnceThenServedFromTheVerifiedTokenCache() {
        String token = Tokens.sign(Tokens.claims("callpop").subject("agent-" + System.nanoTime()));
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
        assertThat(verifiedTokens.recall(request)).isNull();

        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL).statusCode(200);

        assertThat(verifiedTokens.recall(request)).as("kept after OIDC verified it").isNotNull();
        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL).statusCode(200)
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/person/1"));
    }

    @Test
    void aRefusedTokenIsNotCached() {
        String wrongAudience = Tokens.sign(Tokens.claims("callpop").audience("another-service"));
        Api.event(wrongAudience, "pipedrive", "call-received", PIPEDRIVE_CALL).statusCode(401);
        assertThat(verifiedTokens.recall(new TokenAuthenticationRequest(new AccessTokenCredential(wrongAudience)))).isNull();
        Api.event(wrongAudience, "pipedrive", "call-received", PIPEDRIVE_CALL).statusCode(401);
    }
}
