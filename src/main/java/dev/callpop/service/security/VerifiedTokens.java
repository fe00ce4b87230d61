package dev.callpop.service.security;

import java.nio.ByteBuffer;
import java.security.Permission;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens Quarkus OIDC has already verified, remembered until they expire, so that a telephony
 * client sending the same token with every event pays for its signature check once instead of on every
 * request (the check was a third of callpop's CPU under load; docs/PERFORMANCE.md).
 *
 * <ul>
 * <li>Only what OIDC verified is remembered: {@link Recorder} sees each identity Quarkus OIDC built and keeps
 * its claims (without the raw token), roles, permissions and plain-text attributes (the tenant id), keyed by the SHA-256
 * of the token. A token that failed verification is never remembered, so it is checked again.</li>
 * <li>Every request gets a new identity ({@link Provider}, {@link RecalledIdentity}): a new principal over
 * the kept claims, a new credential holding this request's token, this request's routing context. Nothing
 * of one request's identity object reaches another.</li>
 * <li>An entry lives until the token's {@code exp} (or {@code iat} plus {@code quarkus.oidc.token.age}, when
 * that is set), and never longer than {@code callpop.security.verified-token-cache.max-age} — which bounds
 * how long a token signed by a key the issuer has since withdrawn is still accepted. At most
 * {@code callpop.security.verified-token-cache.size} tokens are kept; {@code size=0} turns the cache off.</li>
 * </ul>
 * callpop has one OIDC tenant, so a token verified once is valid for every request; a multi-tenant
 * deployment would have to add the tenant to the key.
 */
@Singleton
class VerifiedTokens {

    /** Marks identities rebuilt from this cache, so {@link Recorder} does not record them again. */
    static final String FROM_CACHE = "callpop.verified-token-cache";
    /** Where Quarkus's HTTP layer puts the request's routing context on an authentication request. */
    private static final String ROUTING_CONTEXT = "quarkus.http.routing.context";

    private final Cache<ByteBuffer, Verified> verified;
    private final Duration maxAge;
    private final Optional<Duration> tokenAge;
    private final Clock clock;

    /** What OIDC established about one token, enough to rebuild an identity. */
    private record Verified(String name, Map<String, Object> claims, Set<String> roles, Set<Permission> permissions,
            Map<String, Object> attributes, long notAfterMillis) {
    }

    @Inject
    VerifiedTokens(SecurityConfig security, @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> tokenAge) {
        this(security, tokenAge, Clock.systemUTC());
    }

    VerifiedTokens(SecurityConfig security, Optional<Duration> tokenAge, Clock clock) {
        this.maxAge = security.verifiedTokenCache().maxAge();
        this.tokenAge = tokenAge;
        this.clock = clock;
        int size = security.verifiedTokenCache().size();
        this.verified = size <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(size)
                .ticker(() -> clock.millis() * 1_000_000)
                .expireAfter(Expiry.<ByteBuffer, Verified> creating(
                        (key, entry) -> Duration.ofMillis(Math.max(0, entry.notAfterMillis() - clock.millis()))))
                .build();
    }

    /**
     * @param request this request's bearer token, as Quarkus OIDC's bearer mechanism received it
     * @return a new identity for an already verified, unexpired token, or {@code null}
     */
    SecurityIdentity recall(TokenAuthenticationRequest request) {
        if (verified == null || !(request.getToken() instanceof AccessTokenCredential credential)
                || credential.getToken() == null || credential.isOpaque()) {
            return null;
        }
        String token = credential.getToken();
        Verified entry = verified.getIfPresent(key(token));
        if (entry == null || entry.notAfterMillis() <= clock.millis()) {
            return null;
        }
        Map<String, Object> attributes = new HashMap<>(entry.attributes());
        attributes.put(FROM_CACHE, Boolean.TRUE);
        Object routingContext = request.getAttribute(ROUTING_CONTEXT);
        if (routingContext != null) {
            attributes.put(RoutingContext.class.getName(), routingContext);
        }
        return new RecalledIdentity(new RecalledJwt(entry.name(), entry.claims(), token), credential, entry.roles(),
                entry.permissions(), attributes);
    }

    /** Keeps what Quarkus OIDC verified about an access token, until the token expires. */
    void remember(SecurityIdentity identity) {
        if (verified == null || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null || credential.isOpaque()) {
            return;
        }
        long notAfter = notAfter(jwt);
        if (notAfter <= clock.millis()) {
            return;
        }
        Map<String, Object> claims = new HashMap<>();
        for (String name : jwt.getClaimNames()) {
            Object value = jwt.getClaim(name);
            if (value != null && !Claims.raw_token.name().equals(name)) {
                // smallrye-jwt answers immutable values: strings, numbers, sets, and jakarta.json arrays and objects.
                claims.put(name, value instanceof Set<?> set ? Set.copyOf(set) : value);
            }
        }
        Map<String, Object> attributes = new HashMap<>();
        identity.getAttributes().forEach((name, value) -> {
            if (value instanceof String) {
                attributes.put(name, value);
            }
        });
        verified.put(key(credential.getToken()), new Verified(jwt.getName(), Map.copyOf(claims), Set.copyOf(identity.getRoles()),
                Set.copyOf(identity.getPermissions()), Map.copyOf(attributes), notAfter));
    }

    /** When an entry must go: the token's expiry, its maximum age if OIDC enforces one, the cache's maximum age. */
    private long notAfter(JsonWebToken jwt) {
        if (!(jwt.getClaim(Claims.exp.name()) instanceof Number expires)) {
            return 0;
        }
        long notAfter = Math.min(expires.longValue() * 1000, clock.millis() + maxAge.toMillis());
        if (tokenAge.isPresent()) {
            if (!(jwt.getClaim(Claims.iat.name()) instanceof Number issued)) {
                return 0;
            }
            notAfter = Math.min(notAfter, issued.longValue() * 1000 + tokenAge.get().toMillis());
        }
        return notAfter;
    }

    /** @return how many verified tokens are kept now (for tests and metrics) */
    long size() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static ByteBuffer key(String token) {
        return ByteBuffer.wrap(Fingerprints.of(token));
    }

    /** Answers bearer-token requests from the cache before Quarkus OIDC (priority 1001) verifies them. */
    @Singleton
    static class Provider implements IdentityProvider<TokenAuthenticationRequest> {

        private final VerifiedTokens tokens;

        Provider(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return 2000;
        }

        /** @return a new identity for a token verified before, or a null item: then Quarkus OIDC verifies it */
        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            return Uni.createFrom().item(tokens.recall(request));
        }
    }

    /** Records each identity Quarkus OIDC verified, before any other augmentor changes it. */
    @Singleton
    static class Recorder implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        Recorder(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        /**
         * A token without a non-blank {@code sub} is refused (401) before it is remembered: callpop's user is the
         * issuer and subject, so two such tokens would be one user, sharing sign-ins and sealed credentials.
         */
        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (identity.getPrincipal() instanceof JsonWebToken jwt && (jwt.getSubject() == null || jwt.getSubject().isBlank())) {
                return Uni.createFrom().failure(new AuthenticationFailedException("The bearer token has no subject (sub)."));
            }
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
