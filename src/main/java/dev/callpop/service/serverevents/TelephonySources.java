package dev.callpop.service.serverevents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.security.Fingerprints;
import io.quarkus.runtime.Startup;

/**
 * The telephony platforms callpop takes events from ({@code callpop.telephony.sources.*}), checked at start-up (their
 * CRM is served, their host is the CRM's, they have a key or a secret, their pointers are pointers), and the one
 * check of who posted an event: an API key or a Standard Webhooks signature, compared in constant time.
 */
@Startup
@Singleton
public class TelephonySources {

    /** The Standard Webhooks headers. */
    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";
    static final String API_KEY = "x-api-key";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern WEBHOOK_ID_SHAPE = Pattern.compile("[\\x21-\\x7e]{1,256}");

    /**
     * A source as callpop uses it.
     *
     * @param name      its name
     * @param crm       the CRM its events pop and log in
     * @param hostname  the organisation's CRM host
     * @param apiKeys   SHA-256 of each API key
     * @param secrets   each signing secret's key bytes
     * @param tolerance how far a signature's time may be from callpop's
     * @param mapping   how its JSON is read
     * @param agents    what the identities of the organisation's agents match, or {@code null} for any
     */
    record Source(String name, RegisteredCrm crm, String hostname, List<byte[]> apiKeys, List<byte[]> secrets, Duration tolerance,
                  EventMapping mapping, Pattern agents) {

        /**
         * @param agent a platform's agent identity
         * @return whether it is one of the organisation's agents, as far as the source's {@code agents} pattern says
         */
        boolean hasAgent(String agent) {
            return agents == null || agents.matcher(agent).matches();
        }

        @Override
        public String toString() {
            return "Source[" + name + "]";
        }
    }

    private final Map<String, Source> sources = new TreeMap<>();

    TelephonySources(TelephonyConfig config, CrmRegistry registry) {
        config.sources().forEach((name, settings) -> {
            String key = "callpop.telephony.sources." + name;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(key + ": a source's name is 1 to 63 lower-case letters, digits and '-', as it is a URL's path segment");
            }
            RegisteredCrm crm = registry.find(settings.crm()).orElseThrow(() -> new IllegalStateException(key + ".crm is '" + settings.crm()
                    + "', which is not a CRM served here"));
            String hostname;
            try {
                hostname = CrmEvents.clientHostname(crm, settings.hostname().orElse(null)).or(crm::defaultHostname)
                        .orElseThrow(() -> new IllegalStateException(key + ".hostname is required: " + crm.id() + " has no default host"));
            } catch (ProblemException e) {
                throw new IllegalStateException(key + ".hostname: " + e.getMessage());
            }
            List<byte[]> keys = settings.apiKeys().orElse(List.of()).stream().map(Fingerprints::of).toList();
            List<byte[]> secrets = settings.signingSecrets().orElse(List.of()).stream().map(TelephonySources::secretBytes).toList();
            if (keys.isEmpty() && secrets.isEmpty()) {
                throw new IllegalStateException(key + " has neither api-keys nor signing-secrets: nobody could post its events");
            }
            Pattern agents;
            try {
                agents = settings.agents().map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).orElse(null);
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(key + ".agents is not a regular expression: " + e.getDescription());
            }
            sources.put(name, new Source(name, crm, hostname, keys, secrets, settings.signatureTolerance(),
                    new EventMapping(settings.mapping(), key + ".mapping"), agents));
        });
    }

    /**
     * @param name the source's name from the URL
     * @return the source
     * @throws ProblemException 404 {@code unknown-telephony-source}
     */
    Source source(String name) {
        Source source = name == null ? null : sources.get(name);
        if (source == null) {
            throw new ProblemException(ProblemKind.UNKNOWN_TELEPHONY_SOURCE, "source", "No telephony source "
                    + (name != null && NAME.matcher(name).matches() ? "'" + name + "' " : "") + "is configured here (callpop.telephony.sources.<name>).");
        }
        return source;
    }

    /**
     * @param crm      a CRM id
     * @param hostname a CRM host
     * @param agent    the platform's agent identity
     * @return the sources whose events go to that agent of that CRM host
     */
    List<Source> of(String crm, String hostname, String agent) {
        return sources.values().stream().filter(source -> source.crm().id().equals(crm) && source.hostname().equalsIgnoreCase(hostname)
                && source.hasAgent(agent)).toList();
    }

    /**
     * Who posted: a Standard Webhooks signature where the delivery has one, else an API key.
     *
     * @param source    the source
     * @param headers   the request's headers, by lower-case name
     * @param body      the body as received
     * @param now       callpop's time
     * @return the signed delivery's {@code webhook-id}, or empty for a delivery authenticated by its key
     * @throws ProblemException 401 {@code unauthenticated} naming the header at fault; nothing was read from the body
     */
    static Optional<String> authenticate(Source source, Map<String, String> headers, byte[] body, Instant now) {
        String signature = headers.get(WEBHOOK_SIGNATURE);
        if (signature != null && !source.secrets().isEmpty()) {
            return Optional.of(checkSignature(source, headers, signature, body, now));
        }
        String apiKey = headers.get(API_KEY);
        if (apiKey != null && !source.apiKeys().isEmpty()) {
            byte[] presented = Fingerprints.of(apiKey);
            boolean known = false;
            for (byte[] key : source.apiKeys()) {
                known |= MessageDigest.isEqual(key, presented);
            }
            if (known) {
                return Optional.empty();
            }
            throw unauthenticated(API_KEY, "is not one of this source's keys.");
        }
        throw unauthenticated(source.secrets().isEmpty() ? API_KEY : WEBHOOK_SIGNATURE, "is required: this source's events are authenticated by "
                + (source.apiKeys().isEmpty() ? "" : "an API key in " + API_KEY) + (!source.apiKeys().isEmpty() && !source.secrets().isEmpty() ? " or " : "")
                + (source.secrets().isEmpty() ? "" : "a Standard Webhooks signature (" + WEBHOOK_ID + ", " + WEBHOOK_TIMESTAMP + ", " + WEBHOOK_SIGNATURE + ")") + ".");
    }

    private static String checkSignature(Source source, Map<String, String> headers, String signature, byte[] body, Instant now) {
        String id = headers.get(WEBHOOK_ID);
        if (id == null || !WEBHOOK_ID_SHAPE.matcher(id).matches()) {
            throw unauthenticated(WEBHOOK_ID, "is required with a signature: 1 to 256 printable ASCII characters.");
        }
        String timestamp = headers.get(WEBHOOK_TIMESTAMP);
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            throw unauthenticated(WEBHOOK_TIMESTAMP, "is required with a signature: the delivery's time in seconds since 1970.");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > source.tolerance().toSeconds()) {
            throw unauthenticated(WEBHOOK_TIMESTAMP, "is more than " + source.tolerance().toSeconds() + " s from callpop's time: a delivery is "
                    + "signed when it is sent, so this one is replayed or the platform's clock is wrong.");
        }
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (byte[] secret : source.secrets()) {
            byte[] expected = hmac(secret, signed, body);
            for (String each : signature.trim().split(" +")) {
                if (each.startsWith("v1,")) {
                    byte[] presented;
                    try {
                        presented = Base64.getDecoder().decode(each.substring(3));
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    valid |= MessageDigest.isEqual(expected, presented);
                }
            }
        }
        if (!valid) {
            throw unauthenticated(WEBHOOK_SIGNATURE, "does not match: no v1 signature of this delivery by one of this source's secrets.");
        }
        return id;
    }

    /**
     * @param secret a signing secret's key bytes
     * @param prefix what comes before the body ({@code id.timestamp.})
     * @param body   the body
     * @return HMAC-SHA256 of both
     */
    static byte[] hmac(byte[] secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** A Standard Webhooks secret is {@code whsec_} and the key in base64; any other text is the key as it is. */
    static byte[] secretBytes(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                return Base64.getDecoder().decode(secret.substring(6));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("A telephony source's signing secret starts with whsec_ but is not base64 after it");
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static ProblemException unauthenticated(String header, String detail) {
        return new ProblemException(ProblemKind.UNAUTHENTICATED, header, header + " " + detail + " Nothing was kept.");
    }
}
