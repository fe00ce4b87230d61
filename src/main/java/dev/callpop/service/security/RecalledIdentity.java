package dev.callpop.service.security;

import java.security.Permission;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The identity of one request whose token {@link VerifiedTokens} recalled: this request's principal,
 * credential and attributes over the roles and permissions Quarkus OIDC granted the token.
 *
 * @param principal  this request's principal
 * @param credential this request's token
 * @param roles      the roles Quarkus OIDC granted
 * @param permissions the permissions Quarkus OIDC granted (the token's scopes)
 * @param attributes the attributes kept, and this request's own
 */
record RecalledIdentity(Principal principal, AccessTokenCredential credential, Set<String> roles, Set<Permission> permissions,
                        Map<String, Object> attributes) implements SecurityIdentity {

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public boolean isAnonymous() {
        return false;
    }

    @Override
    public Set<String> getRoles() {
        return roles;
    }

    @Override
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public Set<Permission> getPermissions() {
        return permissions;
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
        return type.isInstance(credential) ? type.cast(credential) : null;
    }

    @Override
    public Set<Credential> getCredentials() {
        return Set.of(credential);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        return (T) attributes.get(name);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
        return Uni.createFrom().item(permissions.stream().anyMatch(granted -> granted.implies(permission)));
    }

    @Override
    public String toString() {
        return "RecalledIdentity[" + principal.getName() + ", roles " + roles + "]";
    }
}
