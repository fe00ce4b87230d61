package dev.callpop.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens Quarkus OIDC has already verified, remembered until they expire, so that a telephony
 * client sending the same token with every event pays for its signature check once instead of on every
 * request (the check was a third of callpop's CPU under load; docs/PERFORMANCE.md).
 *
 * <ul>
 * <li>Only what OIDC verified is remembered: {@link Recorder} sees each identity Quarkus OIDC built and keeps
 * its claims (without the raw token), roles, permissions and plain-text attributes (the tenant id), keyed by
 * the SHA-256 of the token. A token that failed verification is never remembered, so it is checked again.</li>
 * <li>Every request gets a new identity ({@link Provider}): a new principal parsed from the kept claims, a new
 * credential holding this request's token, this request's routing context. Nothing of one request's
 * identity object reaches another.</li>
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
    /** The claim Quarkus OIDC adds with the raw token; not kept in the cache. */
    private static final String RAW_TOKEN = "raw_token";

    private final Cache<ByteBuffer, Verified> verified;
    private final Duration maxAge;
    private final Optional<Duration> tokenAge;
    private final Optional<String> principalClaim;

    /** What OIDC established about one token, enough to rebuild an identity. */
    private record Verified(Map<String, Object> claims, Set<String> roles, Set<Permission> permissions,
            Map<String, Object> attributes, long notAfterMillis) {
    }

    VerifiedTokens(SecurityConfig security,
            @ConfigProperty(name = "quarkus.oidc.token.age") Optional<Duration> tokenAge,
            @ConfigProperty(name = "quarkus.oidc.token.principal-claim") Optional<String> principalClaim) {
        this.maxAge = security.verifiedTokenCache().maxAge();
        this.tokenAge = tokenAge;
        this.principalClaim = principalClaim;
        int size = security.verifiedTokenCache().size();
        this.verified = size <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(Expiry.<ByteBuffer, Verified> creating(
                        (key, entry) -> Duration.ofMillis(Math.max(0, entry.notAfterMillis() - System.currentTimeMillis()))))
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
        if (entry == null || entry.notAfterMillis() <= System.currentTimeMillis()) {
            return null;
        }
        JwtClaims claims = new JwtClaims();
        entry.claims().forEach((name, value) -> claims.setClaim(name, copy(value)));
        claims.setClaim(RAW_TOKEN, token);
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new OidcJwtCallerPrincipal(claims, credential, principalClaim.orElse(null)))
                .addCredential(credential)
                .addRoles(entry.roles())
                .addPermissions(entry.permissions())
                .addAttributes(entry.attributes())
                .addAttribute(FROM_CACHE, Boolean.TRUE);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            identity.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return identity.build();
    }

    /** Keeps what Quarkus OIDC verified about an access token, until the token expires. */
    void remember(SecurityIdentity identity) {
        if (verified == null || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof OidcJwtCallerPrincipal principal)
                || !(principal.getCredential() instanceof AccessTokenCredential credential)
                || credential.getToken() == null || credential.isOpaque()) {
            return;
        }
        try {
            JwtClaims claims = principal.getClaims();
            long notAfter = notAfter(claims);
            if (notAfter <= System.currentTimeMillis()) {
                return;
            }
            Map<String, Object> attributes = new HashMap<>();
            identity.getAttributes().forEach((name, value) -> {
                if (value instanceof String) {
                    attributes.put(name, value);
                }
            });
            Set<Permission> permissions = identity instanceof QuarkusSecurityIdentity quarkus ? quarkus.getPermissions() : Set.of();
            Map<String, Object> kept = new HashMap<>();
            claims.getClaimsMap().forEach((name, value) -> {
                if (!RAW_TOKEN.equals(name)) {
                    kept.put(name, copy(value));
                }
            });
            verified.put(key(credential.getToken()), new Verified(Collections.unmodifiableMap(kept), Set.copyOf(identity.getRoles()),
                    Set.copyOf(permissions), Map.copyOf(attributes), notAfter));
        } catch (MalformedClaimException e) {
            // Not a token this cache can reason about: it is simply verified again next time.
        }
    }

    /** A claim value as a new object, so that no request's claims share a list or map with the cache or another request. */
    private static Object copy(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copied = new ArrayList<>(list.size());
            list.forEach(element -> copied.add(copy(element)));
            return copied;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copied = new LinkedHashMap<>();
            map.forEach((name, element) -> copied.put(name, copy(element)));
            return copied;
        }
        return value; // strings, numbers, booleans: immutable
    }

    /** When an entry must go: the token's expiry, its maximum age if OIDC enforces one, the cache's maximum age. */
    private long notAfter(JwtClaims claims) throws MalformedClaimException {
        NumericDate expires = claims.getExpirationTime();
        if (expires == null) {
            return 0;
        }
        long notAfter = Math.min(expires.getValueInMillis(), System.currentTimeMillis() + maxAge.toMillis());
        NumericDate issued = claims.getIssuedAt();
        if (tokenAge.isPresent()) {
            if (issued == null) {
                return 0;
            }
            notAfter = Math.min(notAfter, issued.getValueInMillis() + tokenAge.get().toMillis());
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
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
