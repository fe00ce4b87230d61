package dev.callpop.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.MutableClock;
import dev.callpop.service.testing.Tokens;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.StringPermission;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.mutiny.Uni;

/** The verified-token cache on its own: what it keeps, for how long, and what each request gets back. */
class VerifiedTokensTest {

    private final MutableClock clock = MutableClock.startingNow();

    private VerifiedTokens cache(int size, Duration maxAge, Optional<Duration> tokenAge) {
        SecurityConfig.VerifiedTokenCache settings = new SecurityConfig.VerifiedTokenCache() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
        SecurityConfig security = new SecurityConfig() {
            @Override
            public String clientRole() {
                return "callpop";
            }

            @Override
            public String adminRole() {
                return "callpop-admin";
            }

            @Override
            public String tenantHostsClaim() {
                return "crm_hosts";
            }

            @Override
            public VerifiedTokenCache verifiedTokenCache() {
                return settings;
            }
        };
        return new VerifiedTokens(security, tokenAge, clock);
    }

    private VerifiedTokens cache() {
        return cache(100, Duration.ofMinutes(5), Optional.empty());
    }

    /** The identity Quarkus OIDC builds for a verified token, as far as callpop relies on it. */
    private static SecurityIdentity verified(String token, String... roles) throws Exception {
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        claims.setClaim("raw_token", token);
        return new RecalledIdentity(new DefaultJWTCallerPrincipal(token, "JWT", claims), new AccessTokenCredential(token),
                Set.of(roles), Set.of(new StringPermission("openid")),
                Map.of("tenant-id", "Default", "io.vertx.ext.web.RoutingContext", new Object()));
    }

    private static String token(JwtClaimsBuilder claims) {
        return Tokens.sign(claims);
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new AccessTokenCredential(token));
    }

    @Test
    void aVerifiedTokenIsRecalledAsANewIdentityWithItsClaimsAndRoles() throws Exception {
        VerifiedTokens tokens = cache();
        String token = token(Tokens.claims("callpop").claim("crm_hosts", "acme.pipedrive.com"));
        assertThat(tokens.recall(request(token))).as("nothing before OIDC verified it").isNull();

        tokens.remember(verified(token, "callpop"));

        SecurityIdentity first = tokens.recall(request(token));
        SecurityIdentity second = tokens.recall(request(token));
        assertThat(first).isNotNull().isNotSameAs(second);
        assertThat(first.getPrincipal()).isNotSameAs(second.getPrincipal());
        JsonWebToken jwt = (JsonWebToken) first.getPrincipal();
        assertThat(jwt.getSubject()).isEqualTo("agent-7");
        assertThat(jwt.getRawToken()).isEqualTo(token);
        assertThat((String) jwt.getClaim("crm_hosts")).isEqualTo("acme.pipedrive.com");
        assertThat(first.getRoles()).containsExactly("callpop");
        assertThat(first.getCredential(AccessTokenCredential.class).getToken()).isEqualTo(token);
        assertThat((String) first.getAttribute("tenant-id")).isEqualTo("Default");
        assertThat((Object) first.getAttribute("io.vertx.ext.web.RoutingContext")).as("no other request's context").isNull();
    }

    @Test
    void noRequestSharesClaimsWithAnother() throws Exception {
        VerifiedTokens tokens = cache();
        String token = token(Tokens.claims("callpop").claim("crm_hosts", List.of("acme.pipedrive.com")));
        tokens.remember(verified(token, "callpop"));

        RecalledJwt first = (RecalledJwt) tokens.recall(request(token)).getPrincipal();
        assertThatThrownBy(() -> first.claims().put("sub", "someone-else")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(first.<Object> getClaim("crm_hosts")).isInstanceOf(JsonArray.class);
        assertThatThrownBy(() -> first.<JsonArray> getClaim("crm_hosts").add(Json.createValue("globex.pipedrive.com")))
                .isInstanceOf(UnsupportedOperationException.class);

        JsonWebToken second = (JsonWebToken) tokens.recall(request(token)).getPrincipal();
        assertThat(second).isNotSameAs(first);
        assertThat(second.getSubject()).isEqualTo("agent-7");
        assertThat(second.getGroups()).containsExactly("callpop");
        assertThat(second.<Object> getClaim("crm_hosts").toString()).contains("acme.pipedrive.com").doesNotContain("globex");
    }

    @Test
    void theTokensPermissionsAreKept() throws Exception {
        VerifiedTokens tokens = cache();
        String token = token(Tokens.claims("callpop"));
        tokens.remember(verified(token, "callpop"));

        SecurityIdentity recalled = tokens.recall(request(token));
        assertThat(recalled.checkPermissionBlocking(new StringPermission("openid"))).isTrue();
        assertThat(recalled.checkPermissionBlocking(new StringPermission("admin"))).isFalse();
    }

    @Test
    void eachTokenKeepsItsOwnRoles() throws Exception {
        VerifiedTokens tokens = cache();
        String client = token(Tokens.claims("callpop"));
        String admin = token(Tokens.claims("callpop", "callpop-admin").subject("operator-1"));
        tokens.remember(verified(client, "callpop"));
        tokens.remember(verified(admin, "callpop", "callpop-admin"));

        assertThat(tokens.recall(request(client)).getRoles()).containsExactly("callpop");
        assertThat(tokens.recall(request(admin)).getRoles()).containsExactlyInAnyOrder("callpop", "callpop-admin");
        String unknown = token(Tokens.claims("callpop", "callpop-admin").subject("someone-else"));
        assertThat(tokens.recall(request(unknown))).isNull();
    }

    @Test
    void anIdentityRebuiltFromTheCacheIsNotRecordedAgain() throws Exception {
        VerifiedTokens tokens = cache();
        String token = token(Tokens.claims("callpop"));
        tokens.remember(verified(token, "callpop"));
        SecurityIdentity recalled = tokens.recall(request(token));

        RecalledIdentity augmented = (RecalledIdentity) recalled;
        tokens.remember(new RecalledIdentity(augmented.principal(), augmented.credential(), Set.of("callpop", "added-later"),
                augmented.permissions(), augmented.attributes()));

        assertThat(tokens.recall(request(token)).getRoles()).containsExactly("callpop");
    }

    @Test
    void anEntryEndsWhenTheTokenExpires() throws Exception {
        VerifiedTokens tokens = cache();
        String token = token(Tokens.claims("callpop").expiresAt(clock.instant().plusSeconds(60)));
        tokens.remember(verified(token, "callpop"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.recall(request(token))).isNotNull();

        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.recall(request(token))).isNull();
        // Caffeine's timer wheel frees expired entries a bucket (about a second) later; recall never sees them.
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anEntryEndsAtTheCachesMaximumAgeEvenIfTheTokenLivesLonger() throws Exception {
        VerifiedTokens tokens = cache(100, Duration.ofMinutes(5), Optional.empty());
        String token = token(Tokens.claims("callpop").expiresAt(clock.instant().plusSeconds(3600)));
        tokens.remember(verified(token, "callpop"));
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(tokens.recall(request(token))).isNotNull();

        clock.advance(Duration.ofSeconds(1));

        assertThat(tokens.recall(request(token))).isNull();
    }

    @Test
    void anEntryEndsAtTheTokenAgeQuarkusOidcEnforces() throws Exception {
        VerifiedTokens tokens = cache(100, Duration.ofMinutes(5), Optional.of(Duration.ofSeconds(60)));
        String old = token(Tokens.claims("callpop").issuedAt(Instant.now().minusSeconds(61)));
        tokens.remember(verified(old, "callpop"));
        assertThat(tokens.recall(request(old))).as("older than quarkus.oidc.token.age").isNull();

        String young = token(Tokens.claims("callpop").issuedAt(Instant.now().minusSeconds(30)));
        tokens.remember(verified(young, "callpop"));
        assertThat(tokens.recall(request(young))).isNotNull();
    }

    @Test
    void anExpiredOrNeverExpiringTokenIsNotKept() throws Exception {
        VerifiedTokens tokens = cache();
        String expired = token(Tokens.claims("callpop").issuedAt(Instant.now().minusSeconds(120)).expiresAt(Instant.now().minusSeconds(60)));
        tokens.remember(verified(expired, "callpop"));
        assertThat(tokens.recall(request(expired))).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCacheIsBounded() throws Exception {
        VerifiedTokens tokens = cache(3, Duration.ofMinutes(5), Optional.empty());
        for (int i = 0; i < 20; i++) {
            String token = token(Tokens.claims("callpop").subject("agent-" + i));
            tokens.remember(verified(token, "callpop"));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void sizeZeroTurnsTheCacheOff() throws Exception {
        VerifiedTokens tokens = cache(0, Duration.ofMinutes(5), Optional.empty());
        String token = token(Tokens.claims("callpop"));
        tokens.remember(verified(token, "callpop"));
        assertThat(tokens.recall(request(token))).isNull();
    }

    @Test
    void anAnonymousIdentityIsNotKept() {
        VerifiedTokens tokens = cache();
        tokens.remember(new SecurityIdentity() {
            public java.security.Principal getPrincipal() {
                return () -> "";
            }

            public boolean isAnonymous() {
                return true;
            }

            public Set<String> getRoles() {
                return Set.of();
            }

            public boolean hasRole(String role) {
                return false;
            }

            public Set<Permission> getPermissions() {
                return Set.of();
            }

            public <T extends Credential> T getCredential(Class<T> type) {
                return null;
            }

            public Set<Credential> getCredentials() {
                return Set.of();
            }

            public <T> T getAttribute(String name) {
                return null;
            }

            public Map<String, Object> getAttributes() {
                return Map.of();
            }

            public Uni<Boolean> checkPermission(Permission permission) {
                return Uni.createFrom().item(false);
            }
        });
        assertThat(tokens.size()).isZero();
    }
}
