package dev.callpop.service.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
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

    /**
     * A token of the local profile (the key published in {@code dev/}, as {@code dev/local-token.sh} signs), for the
     * packaged application run with {@code -Dquarkus.profile=local}.
     *
     * @param claims more claims, such as the platform agent's
     * @return a token with the client role
     */
    public static String local(Map<String, Object> claims) {
        try {
            String pem = Files.readString(Path.of("dev", "local-signing-key.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            JwtClaimsBuilder builder = Jwt.claims().issuer("https://callpop.local/dev").audience(AUDIENCE).subject("local-developer")
                    .groups(Set.of("callpop")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600));
            claims.forEach(builder::claim);
            return builder.jws().sign(key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("dev/local-signing-key.pem cannot sign", e);
        }
    }

    /** @return a valid token with the client and admin roles */
    public static String admin() {
        return sign(claims("callpop", "callpop-admin"));
    }
}
