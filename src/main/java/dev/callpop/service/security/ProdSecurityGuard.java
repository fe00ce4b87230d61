package dev.callpop.service.security;

import java.util.Arrays;
import java.util.List;
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
 * With sign-in on, it also needs keys for the sign-in {@code state} that are not the local profile's published ones,
 * and no telephony source may take the local profile's published API key.
 */
@Singleton
class ProdSecurityGuard {

    /** The local profile's key, read from application.properties as written, whatever profile is active. */
    static final String LOCAL_PUBLIC_KEY = "%local.quarkus.oidc.public-key";
    static final String STATE_KEYS = "callpop.sign-in.state-keys";
    static final String SEALING_KEYS = "callpop.sealed-credentials.keys";
    /** The local profile's telephony source, whose API key application.properties publishes. */
    static final String LOCAL_TELEPHONY_KEYS = "callpop.telephony.sources.local-phone.api-keys";
    /** The profiles whose keys application.properties publishes. */
    private static final List<String> PUBLISHED_PROFILES = List.of("local", "test");

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
        if (config.getOptionalValue("callpop.sign-in.enabled", Boolean.class).orElse(true)) {
            Optional<String> stateKeys = config.getOptionalValue(STATE_KEYS, String.class).filter(keys -> !keys.isBlank());
            if (stateKeys.isEmpty()) {
                throw new IllegalStateException("callpop will not start in the prod profile with sign-in on and no " + STATE_KEYS
                        + " (CALLPOP_SIGN_IN_STATE_KEYS): every replica must sign and check sign-in states with the same secret key. "
                        + "Set it from a secret, or turn sign-in off with callpop.sign-in.enabled=false.");
            }
            refusePublished(config, STATE_KEYS, stateKeys.get());
        }
        config.getOptionalValue(SEALING_KEYS, String.class).ifPresent(keys -> refusePublished(config, SEALING_KEYS, keys));
        refusePublishedTelephonyKeys(config);
    }

    /** No telephony source may take the local profile's published API key: anybody could post its events. */
    private static void refusePublishedTelephonyKeys(Config config) {
        Optional<String> published = config.getOptionalValue("%local." + LOCAL_TELEPHONY_KEYS, String.class);
        if (published.isEmpty()) {
            return;
        }
        List<String> publishedKeys = Arrays.stream(published.get().split(",")).map(String::strip).toList();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("callpop.telephony.sources.") && name.endsWith(".api-keys")) {
                boolean shared = config.getOptionalValue(name, String.class).stream().flatMap(keys -> Arrays.stream(keys.split(",")))
                        .map(String::strip).anyMatch(publishedKeys::contains);
                if (shared) {
                    throw new IllegalStateException("callpop will not start in the prod profile with " + name
                            + " holding the local profile's published telephony key: set a secret of your own.");
                }
            }
        }
    }

    /** The local and test profiles' keys are in a public repository: a prod key that shares one with them protects nothing. */
    private static void refusePublished(Config config, String key, String keys) {
        for (String profile : PUBLISHED_PROFILES) {
            Optional<String> published = config.getOptionalValue("%" + profile + "." + key, String.class);
            if (published.isPresent() && Arrays.stream(keys.split(",")).map(String::strip)
                    .anyMatch(k -> Arrays.stream(published.get().split(",")).map(String::strip).anyMatch(k::equals))) {
                throw new IllegalStateException("callpop will not start in the prod profile with " + key
                        + " holding the " + profile + " profile's published key: set a secret of your own.");
            }
        }
    }
}
