package dev.callpop.service.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.AesKey;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Seals a signed-in user's CRM credentials into a JWE (A256KW, A256GCM) bound to the callpop user and the
 * CRM, and opens them again when the client sends them back in {@code X-CRM-Token}. The client holds only
 * the sealed value: stolen from the browser it is useless without the same user's callpop token.
 */
@Singleton
public class SealedCredentials {

    /** A compact JWE: five base64url parts. CRM tokens (Pipedrive's, Bullhorn's) never look like this. */
    private static final Pattern COMPACT_JWE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** The only algorithms a sealed credential may name: A256KW wrapping its key, A256GCM encrypting its content. */
    private static final AlgorithmConstraints KEY_WRAPPING = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            KeyManagementAlgorithmIdentifiers.A256KW);
    private static final AlgorithmConstraints CONTENT_ENCRYPTION = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
    private static final String REFUSED = "The sealed CRM credential (X-CRM-Token, or the refreshToken sent to refresh) cannot be used: ";

    private final KeyRing<AesKey> keys;
    private final SealedCredentialsConfig config;

    @Inject
    SealedCredentials(SealedCredentialsConfig config) {
        this(config, Clock.systemUTC());
    }

    SealedCredentials(SealedCredentialsConfig config, Clock clock) {
        this.config = config;
        List<AesKey> configured = config.keys().orElse(List.of()).stream().map(SealedCredentials::key).toList();
        this.keys = configured.isEmpty() ? null : new KeyRing<>(configured, clock);
    }

    private static AesKey key(String secret) {
        return new AesKey(KeyRing.keyBytes("callpop.sealed-credentials.keys", "callpop sealed CRM credentials", secret));
    }

    /** @return whether credentials are sealed: a key is configured */
    public boolean enabled() {
        return keys != null;
    }

    /**
     * @param signedIn the user's credentials
     * @param agentId  the callpop user ({@link Agent#id()})
     * @param crm      the CRM id
     * @return the sealed credential, sealed with the newest key
     */
    public String seal(CrmSignedIn signedIn, String agentId, String crm) {
        Map<String, Object> claims = keys.boundClaims(agentId, crm, config.lifetime());
        claims.put("at", signedIn.accessToken());
        put(claims, "rt", signedIn.refreshToken());
        put(claims, "tok", signedIn.forEvents().token());
        put(claims, "api", signedIn.forEvents().apiUrl());
        put(claims, "usr", signedIn.forEvents().user());
        put(claims, "host", signedIn.hostname());
        if (!signedIn.remembered().isEmpty()) {
            claims.put("rem", signedIn.remembered());
        }
        return Jwt.claims(claims).jwe()
                .keyAlgorithm(KeyEncryptionAlgorithm.A256KW)
                .contentAlgorithm(ContentEncryptionAlgorithm.A256GCM)
                .encrypt(keys.newest());
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }

    /**
     * @param token the {@code X-CRM-Token} a client sent, or {@code null}
     * @return whether it is a sealed credential this callpop is meant to open
     */
    public boolean isSealed(String token) {
        return enabled() && token != null && COMPACT_JWE.matcher(token).matches();
    }

    /**
     * Opens a sealed credential.
     *
     * @param sealed  the sealed value
     * @param agentId the callpop user presenting it
     * @param crm     the CRM it is presented for
     * @return what it holds
     * @throws ProblemException 403 {@code crm-reauthentication-required} when no key opens it, it expired, or it
     *                          was sealed for another callpop user or CRM
     */
    public Opened open(String sealed, String agentId, String crm) {
        JwtClaims claims = keys.open(sealed, key -> new JwtConsumerBuilder()
                .setDecryptionKey(key)
                .setDisableRequireSignature()
                .setEnableRequireEncryption()
                .setJweAlgorithmConstraints(KEY_WRAPPING)
                .setJweContentEncryptionAlgorithmConstraints(CONTENT_ENCRYPTION), agentId, crm, REFUSALS);
        return new Opened(new CrmCredentials(string(claims, "tok"), string(claims, "api"), string(claims, "usr")),
                new CrmTokens(string(claims, "at"), string(claims, "rt")), string(claims, "host"), KeyRing.remembered(claims, REFUSALS));
    }

    private static String string(JwtClaims claims, String name) {
        return KeyRing.string(claims, name, REFUSALS);
    }

    /**
     * The agent of a request, with the CRM credentials inside a sealed {@code X-CRM-Token} instead of the sealed
     * value; unchanged when the token is not sealed.
     *
     * @param agent the agent as the request's headers made it
     * @param crm   the CRM the request is for
     * @return the agent whose credentials the adapter can use, and what the sealed credential held, if any
     */
    public Unsealed unsealed(Agent agent, String crm) {
        if (!isSealed(agent.crmCredentials().token())) {
            return new Unsealed(agent, Optional.empty());
        }
        Opened opened = open(agent.crmCredentials().token(), agent.id(), crm);
        return new Unsealed(new Agent(agent.id(), agent.tenant(), opened.credentials(), opened.hostname()), Optional.of(opened));
    }

    private static ProblemException refused(String why) {
        return new ProblemException(ProblemKind.CRM_REAUTHENTICATION_REQUIRED, null, REFUSED + why);
    }

    private static final KeyRing.Refusals REFUSALS = new KeyRing.Refusals() {
        @Override
        public RuntimeException expired() {
            return refused("it has expired. Sign the user in to the CRM again.");
        }

        @Override
        public RuntimeException unopened() {
            return refused("callpop cannot open it for this user and CRM. Sign the user in to the CRM again.");
        }
    };

    /**
     * What a sealed credential holds. Never logged: its parts hide their values.
     *
     * @param credentials what the events send the adapter
     * @param tokens      the OAuth access and refresh tokens (for logout's revocation and for refreshes)
     * @param hostname    the user's CRM host, or {@code null}
     * @param remembered  what the adapter asked to remember for refreshes
     */
    public record Opened(CrmCredentials credentials, CrmTokens tokens, String hostname, Map<String, String> remembered) {

        @Override
        public String toString() {
            return "Opened[***]";
        }
    }

    /**
     * @param agent  the agent with usable CRM credentials
     * @param opened what the sealed credential held, when the client sent one
     */
    public record Unsealed(Agent agent, Optional<Opened> opened) {
    }
}
