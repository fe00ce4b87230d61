package dev.callpop.service.security;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The principal of an identity {@link VerifiedTokens} recalled: the claims Quarkus OIDC verified for the
 * token, as smallrye-jwt answered them, and this request's raw token. Reading a claim is a map look-up.
 *
 * @param name     the principal's name, as Quarkus OIDC chose it
 * @param claims   the verified claims, without the raw token; immutable values only
 * @param rawToken this request's token
 */
record RecalledJwt(String name, Map<String, Object> claims, String rawToken) implements JsonWebToken {

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) (Claims.raw_token.name().equals(claimName) ? rawToken : claims.get(claimName));
    }

    @Override
    public String toString() {
        return "RecalledJwt[" + name + "]";
    }
}
