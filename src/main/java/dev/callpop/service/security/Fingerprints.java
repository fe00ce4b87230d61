package dev.callpop.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One-way SHA-256 digests of secrets (bearer tokens, CRM credentials), so that caches key on who someone
 * is without keeping what their secrets are.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * @param parts the secret's parts, any of them {@code null}; each is kept apart from the next, so
     *              {@code ("ab", "c")} and {@code ("a", "bc")} differ
     * @return the SHA-256 digest
     */
    public static byte[] of(String... parts) {
        MessageDigest sha = sha256();
        for (String part : parts) {
            sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return sha.digest();
    }

    /**
     * @param bytes a body
     * @return its SHA-256 digest
     */
    public static byte[] of(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
