package dev.callpop.service.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.security.KeyRing;
import dev.callpop.spi.SignInRequest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The sign-in {@code state}: a JWS (HS256) that callpop signs when a sign-in starts and checks when it
 * completes. It binds the callpop user (token issuer and subject), the CRM, the redirect URI and a short
 * expiry, and carries what the adapter asked to remember, so any replica with the same keys completes what
 * another started, and nobody else, nor anybody later, can complete it. Its random id ({@code jti}) gives the
 * sign-in its PKCE code verifier, which only callpop can compute ({@link #codeVerifier}).
 */
@Singleton
class SignInStates {

    private static final Logger LOG = Logger.getLogger(SignInStates.class);
    private static final String FIELD = "state";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** The only algorithm a state may name: HS256. */
    private static final AlgorithmConstraints SIGNATURE = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.HMAC_SHA256);

    private final KeyRing<HmacKey> keys;
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final KeyRing.Refusals refusals;

    @Inject
    SignInStates(SignInConfig config) {
        this(config, Clock.systemUTC());
    }

    SignInStates(SignInConfig config, Clock clock) {
        this.lifetime = config.stateLifetime();
        List<String> secrets = config.stateKeys().orElse(List.of());
        if (secrets.isEmpty()) {
            // The prod profile never gets here with sign-in on (ProdSecurityGuard); elsewhere one process is enough.
            byte[] random = new byte[32];
            this.random.nextBytes(random);
            secrets = List.of(HexFormat.of().formatHex(random));
            LOG.warn("No callpop.sign-in.state-keys: sign-in states are signed with a key made up at start-up, which no other "
                    + "replica and no later run accepts. Set callpop.sign-in.state-keys (a secret shared by every replica).");
        }
        this.keys = new KeyRing<>(secrets.stream().map(SignInStates::key).toList(), clock);
        this.refusals = new KeyRing.Refusals() {
            @Override
            public RuntimeException expired() {
                return invalid("state has expired: a sign-in must complete within " + lifetime.toMinutes() + " minutes. Start it again.");
            }

            @Override
            public RuntimeException unopened() {
                return invalid("state is not one callpop issued to this user for this CRM. Send the state this user's sign-in started with.");
            }
        };
    }

    private static HmacKey key(String secret) {
        return new HmacKey(KeyRing.keyBytes("callpop.sign-in.state-keys", "callpop sign-in state", secret));
    }

    /**
     * @param agentId    the callpop user starting the sign-in
     * @param crm        the CRM id
     * @param request    the checked redirect URI, username and hostname
     * @param remembered what the adapter asked to remember
     * @return the signed state, and the PKCE code challenge that goes with it
     */
    Issued issue(String agentId, String crm, SignInRequest request, Map<String, String> remembered) {
        Map<String, Object> claims = keys.boundClaims(agentId, crm, lifetime);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String id = BASE64URL.encodeToString(nonce);
        claims.put("jti", id);
        claims.put("ruri", request.redirectUri().toString());
        if (request.username() != null) {
            claims.put("usr", request.username());
        }
        if (request.hostname() != null) {
            claims.put("host", request.hostname());
        }
        if (!remembered.isEmpty()) {
            claims.put("rem", remembered);
        }
        HmacKey key = keys.newest();
        String state = Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.HS256).sign(key);
        return new Issued(state, codeChallenge(codeVerifier(key, id)));
    }

    /**
     * @param state   the state the client sent back
     * @param agentId the callpop user completing the sign-in
     * @param crm     the CRM id
     * @return what the sign-in started with, and its PKCE code verifier
     * @throws ProblemException 400 {@code sign-in-state-invalid} when callpop did not sign it, it was altered or
     *                          has expired, or it was issued to another user or for another CRM (one answer for
     *                          both: a holder learns nothing of whether a stolen state is genuine)
     */
    Started open(String state, String agentId, String crm) {
        KeyRing.Opened<HmacKey> opened = keys.openWithKey(state, key -> new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(SIGNATURE), agentId, crm, refusals);
        JwtClaims claims = opened.claims();
        try {
            String id = KeyRing.string(claims, "jti", refusals);
            if (id == null) {
                throw refusals.unopened();
            }
            return new Started(new SignInRequest(URI.create(KeyRing.string(claims, "ruri", refusals)), KeyRing.string(claims, "usr", refusals),
                    KeyRing.string(claims, "host", refusals), codeVerifier(opened.key(), id)), KeyRing.remembered(claims, refusals));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refusals.unopened();
        }
    }

    /**
     * The PKCE code verifier of one sign-in: HMAC-SHA256 of the state's id under the key that signed the state, so
     * only callpop can compute it, any replica can, and nothing is kept between the steps. 43 base64url characters.
     */
    static String codeVerifier(HmacKey key, String stateId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return BASE64URL.encodeToString(mac.doFinal(("callpop PKCE code verifier|" + stateId).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The S256 code challenge of a verifier (RFC 7636, section 4.2). */
    static String codeChallenge(String codeVerifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(ProblemKind.SIGN_IN_STATE_INVALID, FIELD, message);
    }

    /**
     * What a sign-in started with, read back from its state.
     *
     * @param request    the redirect URI, username and hostname, and the PKCE code verifier
     * @param remembered what the adapter asked to remember
     */
    record Started(SignInRequest request, Map<String, String> remembered) {
    }

    /**
     * A sign-in's start, signed.
     *
     * @param state         the state for the client, which the CRM passes back
     * @param codeChallenge the PKCE S256 code challenge for the authorization page, where the CRM uses PKCE
     */
    record Issued(String state, String codeChallenge) {
    }
}
