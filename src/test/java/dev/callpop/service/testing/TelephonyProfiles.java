package dev.callpop.service.testing;

import java.nio.charset.StandardCharsets;
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
        String hook = "callpop.telephony.sources." + SERVICE_HOOK + ".";
        settings.put(hook + "crm", "sample");
        settings.put(hook + "hostname", "crm.example.com");
        settings.put(hook + "api-keys", HOOK_KEY);
        settings.put(hook + "mapping.ringing-if-present", "/targetPhoneNumber");
        settings.put(hook + "mapping.ended-if-present", "/closedAt");
        settings.put(hook + "mapping.agent", "/agentID,/agent/id");
        settings.put(hook + "mapping.phone", "/targetPhoneNumber,/customerIdentifier");
        settings.put(hook + "mapping.direction", "/isOutbound");
        settings.put(hook + "mapping.direction-if-absent", "outbound");
        settings.put(hook + "mapping.session-id", "/primaryConversationId");
        settings.put(hook + "mapping.started-at", "/createdAt,/Timestamp");
        settings.put(hook + "mapping.ended-at", "/closedAt");
        settings.put(hook + "mapping.notes", "/notes");
        settings.put(hook + "mapping.result", "/result");
        settings.put(hook + "mapping.results.Handled", "answered");
        settings.put(hook + "mapping.event-id", "/id");
        return settings;
    }
}
