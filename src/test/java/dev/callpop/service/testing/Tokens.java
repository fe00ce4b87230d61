package dev.callpop.service.testing;

import java.time.Instant;
import java.util.Set;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real signed tokens for the tests. The WireMock OIDC server of quarkus-test-oidc-server plays the issuer
 * ({@code https://server.example.com}) for every test, and serves the public half of {@code privateKey.jwk}.
 */
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "callpop";

    private Tokens() {
    }

    /** @return a claims builder for a valid token with the given roles; sign it with {@link #sign} */
    public static JwtClaimsBuilder claims(String... roles) {
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("agent-7")
                .preferredUserName("agent7@example.com")
                .groups(Set.of(roles))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    /** @return a valid token with the client role */
    public static String client() {
        return sign(claims("callpop"));
    }

    /** @return a valid token with the client and admin roles */
    public static String admin() {
        return sign(claims("callpop", "callpop-admin"));
    }
}
