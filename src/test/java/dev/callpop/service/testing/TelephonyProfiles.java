package dev.callpop.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The server-side call events' settings of the tests: a source with callpop's own shape, authenticated by two API keys
 * and a Standard Webhooks secret, and one with the service-hook seed's shapes (the README's example); the token claim
 * {@value #AGENT_CLAIM} names the platform's agent.
 */
public class TelephonyProfiles implements QuarkusTestProfile {

    /** The token claim naming the platform's agent. */
    public static final String AGENT_CLAIM = "telephony_agent";
    /** callpop's own shape. */
    public static final String PLAIN = "plain";
    /**
     * callpop's own shape, for an organisation on Pipedrive (the Pipedrive fake, {@link #DESK_HOST}), with {@link #KEY},
     * whose agents are those at {@code example.com}.
     */
    public static final String DESK = "desk";
    public static final String DESK_HOST = "telephony-desk.pipedrive.com";
    /** The service-hook seed's shapes. */
    public static final String SERVICE_HOOK = "contact-centre";
    public static final String KEY = "plain-key-4c1b9e0d2a7f";
    public static final String OLD_KEY = "plain-key-old-88d0e1c2";
    public static final String HOOK_KEY = "hook-key-1f0e3a9b7c55";
    /** The signing secret's key bytes. */
    public static final byte[] SECRET = "standard-webhooks-test-secret-32b".getBytes(StandardCharsets.UTF_8);
    /** How long a pop waits for an absent agent. */
    public static final String RINGING_HOLD = "20s";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>();
        settings.put("callpop.telephony.agent-claim", AGENT_CLAIM);
        settings.put("callpop.telephony.ringing-hold", RINGING_HOLD);
        settings.put("callpop.telephony.heartbeat", "1s");
        settings.put("callpop.telephony.sweep-interval", "200ms");
        settings.put("callpop.telephony.log-retry", "1s");
        String plain = "callpop.telephony.sources." + PLAIN + ".";
        settings.put(plain + "crm", "sample");
        settings.put(plain + "api-keys", KEY + "," + OLD_KEY);
        settings.put(plain + "signing-secrets", "whsec_" + Base64.getEncoder().encodeToString(SECRET));
        settings.put("callpop.telephony.sources." + DESK + ".crm", "pipedrive");
        settings.put("callpop.telephony.sources." + DESK + ".hostname", DESK_HOST);
        settings.put("callpop.telephony.sources." + DESK + ".api-keys", KEY);
        settings.put("callpop.telephony.sources." + DESK + ".agents", "[^@]+@example\\.com");
        settings.putAll(readmeMapping());
        // The README takes the keys from a secret; the tests' own key stands in for it.
        settings.put("callpop.telephony.sources." + SERVICE_HOOK + ".api-keys", HOOK_KEY);
        return settings;
    }

    /**
     * The service-hook source's settings exactly as the README's "Server-side call events" example writes them, so the
     * tests read the seed's shapes with the mapping a reader copies, not with a copy of it.
     */
    private static Map<String, String> readmeMapping() {
        String prefix = "callpop.telephony.sources." + SERVICE_HOOK + ".";
        Map<String, String> settings = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("README.md"))) {
                String setting = line.strip();
                int equals = setting.indexOf('=');
                if (setting.startsWith(prefix) && equals > 0) {
                    settings.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!settings.containsKey(prefix + "mapping.agent")) {
            throw new IllegalStateException("README.md has no " + prefix + "mapping.* example");
        }
        return settings;
    }
}
