package dev.callpop.service.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sealed CRM credentials: {@code callpop.sealed-credentials.*}. With a key configured, a sign-in answers the
 * user's CRM credentials sealed (JWE, encrypted and authenticated) and bound to the callpop user, so the
 * raw CRM tokens never reach the browser.
 */
@ConfigMapping(prefix = "callpop.sealed-credentials")
public interface SealedCredentialsConfig {

    /**
     * The keys that seal CRM credentials: secrets of at least 32 characters, shared by every replica (a
     * Kubernetes Secret, {@code CALLPOP_SEALED_CREDENTIALS_KEYS}). The first seals; every key opens, so
     * to rotate put the new key first and keep the old one after it until the credentials it sealed have
     * expired. None: credentials are answered unsealed. Never logged.
     *
     * @return the keys, newest first
     */
    Optional<List<String>> keys();

    /**
     * How long a sealed credential is accepted after it was sealed. It carries the refresh token, so it
     * outlives the CRM's access token; a refresh seals a new one.
     *
     * @return the lifetime
     */
    @WithDefault("P30D")
    Duration lifetime();
}
