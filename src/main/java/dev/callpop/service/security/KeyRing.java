package dev.callpop.service.security;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The keys that open what callpop signed or sealed for a callpop user and a CRM (sign-in states, sealed
 * credentials): the first key is the newest, every key opens, so keys rotate without breaking what is in
 * flight. The one place that checks expiry (on a clock tests move) and that the token is bound to the user
 * ({@code sub}) and CRM ({@code crm}) presenting it.
 *
 * @param keys   the keys, newest first, never empty
 * @param clock  the time expiry is checked at
 * @param <K>    the kind of key
 */
public record KeyRing<K extends Key>(List<K> keys, Clock clock) {

    /** What to answer when a token cannot be used, each worded for its caller. */
    public interface Refusals {
        /** @return the failure for a token past its {@code exp} */
        RuntimeException expired();

        /**
         * @return the failure for a token no key opens, that was altered or is malformed, or that is bound to another
         *         user or CRM: one answer for all, so a holder learns nothing of whether a stolen value is genuine
         */
        RuntimeException unopened();
    }

    /**
     * A token opened and checked.
     *
     * @param claims its claims
     * @param key    the key that opened it (what it was signed or sealed with)
     * @param <K>    the kind of key
     */
    public record Opened<K>(JwtClaims claims, K key) {
    }

    /** @return the key that signs or seals */
    public K newest() {
        return keys.get(0);
    }

    /**
     * The key a configured secret stands for: SHA-256 of its purpose and the secret, so one secret configured
     * for two purposes gives two keys.
     *
     * @param setting the setting the secret comes from, for the message
     * @param purpose what the key is for
     * @param secret  the secret, at least 32 characters
     * @return the key's bytes
     * @throws IllegalStateException naming the setting when the secret is shorter (the start stops)
     */
    public static byte[] keyBytes(String setting, String purpose, String secret) {
        if (secret.length() < 32) {
            throw new IllegalStateException(setting + ": every key must be at least 32 characters long");
        }
        return Fingerprints.of(purpose, secret);
    }

    /**
     * The claims that bind a token to the callpop user and CRM and give it its lifetime, from now: what
     * {@link #open} checks. The caller adds its own claims.
     *
     * @param agentId  the callpop user
     * @param crm      the CRM id
     * @param lifetime how long the token lasts
     * @return a mutable map with {@code sub}, {@code crm}, {@code iat} and {@code exp}
     */
    public Map<String, Object> boundClaims(String agentId, String crm, Duration lifetime) {
        Instant now = clock.instant();
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", agentId);
        claims.put("crm", crm);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        return claims;
    }

    /**
     * @param token     the compact JWS or JWE
     * @param algorithm the consumer for one key: its key and permitted algorithms
     * @param agentId   the callpop user presenting it
     * @param crm       the CRM it is presented for
     * @param refusals  what to throw
     * @return its claims, checked
     */
    public JwtClaims open(String token, Function<K, JwtConsumerBuilder> algorithm, String agentId, String crm, Refusals refusals) {
        return openWithKey(token, algorithm, agentId, crm, refusals).claims();
    }

    /**
     * As {@link #open}, also answering which key opened the token.
     *
     * @param token     the compact JWS or JWE
     * @param algorithm the consumer for one key: its key and permitted algorithms
     * @param agentId   the callpop user presenting it
     * @param crm       the CRM it is presented for
     * @param refusals  what to throw
     * @return its claims, checked, and the key that opened it
     */
    public Opened<K> openWithKey(String token, Function<K, JwtConsumerBuilder> algorithm, String agentId, String crm, Refusals refusals) {
        for (K key : keys) {
            JwtClaims claims;
            try {
                claims = algorithm.apply(key)
                        .setRequireExpirationTime()
                        .setRequireSubject()
                        .setAllowedClockSkewInSeconds(0)
                        .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                        .build().processToClaims(token);
            } catch (InvalidJwtException e) {
                if (e.hasExpired()) {
                    throw refusals.expired();
                }
                continue; // another key may open it
            }
            boolean bound = claimed(() -> agentId.equals(claims.getSubject()) && crm.equals(claims.getStringClaimValue("crm")), refusals);
            if (!bound) {
                throw refusals.unopened();
            }
            return new Opened<>(claims, key);
        }
        throw refusals.unopened();
    }

    /**
     * @param claims   opened claims
     * @param name     a string claim
     * @param refusals what to throw when it is not a string
     * @return its value, or {@code null}
     */
    public static String string(JwtClaims claims, String name, Refusals refusals) {
        return claimed(() -> claims.getStringClaimValue(name), refusals);
    }

    /**
     * @param claims   opened claims
     * @param refusals what to throw when {@code rem} is not an object of strings
     * @return what the adapter asked to remember ({@code rem}), or an empty map
     */
    public static Map<String, String> remembered(JwtClaims claims, Refusals refusals) {
        return claimed(() -> {
            if (!claims.hasClaim("rem")) {
                return Map.of();
            }
            Map<?, ?> rem = claims.getClaimValue("rem", Map.class);
            Map<String, String> copy = new HashMap<>();
            rem.forEach((k, v) -> copy.put((String) k, (String) v));
            return Map.copyOf(copy);
        }, refusals);
    }

    private interface Claimed<T> {
        T get() throws MalformedClaimException;
    }

    private static <T> T claimed(Claimed<T> read, Refusals refusals) {
        try {
            return read.get();
        } catch (MalformedClaimException | ClassCastException | IllegalArgumentException e) {
            throw refusals.unopened();
        }
    }
}
