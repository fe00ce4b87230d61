package dev.callpop.service.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The sign-in tests' settings: Pipedrive's and Bullhorn's breakers stay closed whatever the tests make them
 * fail, and their limit is 1.5 s; Bullhorn's sign-in read time-out is beyond it, so a Bullhorn that does not
 * answer meets callpop's deadline, not the REST client's (Pipedrive's OAuth time-out is CrmFakes' 500 ms).
 */
public final class SignInProfiles {

    private SignInProfiles() {
    }

    private static Map<String, String> common() {
        Map<String, String> settings = new HashMap<>();
        for (String crm : new String[] {"pipedrive", "bullhorn", "sample"}) {
            settings.put("callpop.crms." + crm + ".circuit-breaker.request-volume", "100000");
            settings.put("callpop.crms." + crm + ".lookup-timeout", "1500ms");
        }
        settings.put("quarkus.rest-client.bullhorn-sign-in.read-timeout", "5000");
        return settings;
    }

    /** Credentials answered as the CRM gave them; and a template CRM, which cannot sign users in. */
    public static class Unsealed implements QuarkusTestProfile {
        /** A CRM without sign-in, in the packaged application too. */
        public static final String WITHOUT_SIGN_IN = "plaincrm";

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = common();
            settings.put("callpop.template-crms." + WITHOUT_SIGN_IN + ".display-name", "Plain CRM");
            settings.put("callpop.template-crms." + WITHOUT_SIGN_IN + ".host-patterns", "*.plaincrm.example.com");
            settings.put("callpop.template-crms." + WITHOUT_SIGN_IN + ".contact-page-url", "https://{hostname}/people/{contactId}");
            return settings;
        }
    }

    /** Credentials sealed with a new key; an old key still opens. */
    public static class Sealed implements QuarkusTestProfile {
        /** The key that seals. */
        public static final String NEW_KEY = "sealed-test-new-key-4d8b0a1c6e2f9375b1d0";
        /** A previous key, which still opens. */
        public static final String OLD_KEY = "sealed-test-old-key-92e7c4a5f1b3d6080a2c";

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = common();
            settings.put("callpop.sealed-credentials.keys", NEW_KEY + "," + OLD_KEY);
            return settings;
        }
    }
}
