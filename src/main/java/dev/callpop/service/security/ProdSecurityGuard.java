package dev.callpop.service.security;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Refuses to start callpop in the prod profile unless tokens are verified against a real OIDC issuer:
 * {@code quarkus.oidc.auth-server-url} set, and not the local development key, whose private half is public.
 * (Quarkus OIDC itself already refuses a missing issuer while its default tenant is on; this guard also
 * covers an operator who turned the tenant off, and the published key, which Quarkus cannot know.)
 */
@Singleton
class ProdSecurityGuard {

    /** The local profile's key, read from application.properties as written, whatever profile is active. */
    static final String LOCAL_PUBLIC_KEY = "%local.quarkus.oidc.public-key";

    void check(@Observes StartupEvent start, Config config) {
        if (!config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod")) {
            return;
        }
        Optional<String> issuer = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class);
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            throw new IllegalStateException("callpop will not start in the prod profile without a real OIDC issuer: set "
                    + "quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL) and quarkus.oidc.token.audience. "
                    + "To try callpop locally without one, start it with -Dquarkus.profile=local (never in production).");
        }
        Optional<String> publicKey = config.getOptionalValue("quarkus.oidc.public-key", String.class);
        Optional<String> localKey = config.getOptionalValue(LOCAL_PUBLIC_KEY, String.class);
        if (publicKey.isPresent() && localKey.isPresent() && publicKey.get().strip().equals(localKey.get().strip())) {
            throw new IllegalStateException("callpop will not start in the prod profile with quarkus.oidc.public-key set to "
                    + "the local development key: its private half is published, so anybody could mint tokens.");
        }
    }
}
