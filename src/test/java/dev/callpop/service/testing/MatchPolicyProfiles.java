package dev.callpop.service.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The operator's match policy and pop rules, other than the defaults. */
public final class MatchPolicyProfiles {

    private MatchPolicyProfiles() {
    }

    /** first match, fallback page, pops on answered calls both ways, rejects non-numbers. */
    public static class FirstAndFallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.sample.on-multiple-matches", "first",
                    "callpop.crms.sample.on-no-match", "fallback-url",
                    "callpop.crms.sample.no-match-url", "https://{hostname}/lookup?number={phone}",
                    "callpop.crms.sample.pop-on", "answered",
                    "callpop.crms.sample.pop-directions", "inbound,outbound",
                    "callpop.crms.sample.invalid-phone", "reject");
        }
    }

    /** search page for several matches, nothing for none, never pops for Bullhorn. */
    public static class SearchPageAndNothing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.sample.on-multiple-matches", "search-page",
                    "callpop.crms.sample.on-no-match", "nothing",
                    "callpop.crms.bullhorn.pop-on", "never");
        }
    }

    /**
     * The agent chooses among several matches (the sample CRM's setting), and users may only choose
     * prompt or open-all for several matches, and never for outbound calls.
     */
    public static class PromptWithinBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.sample.on-multiple-matches", "prompt",
                    "callpop.crms.sample.allowed-preferences.multiple-matches", "prompt,open-all",
                    "callpop.crms.sample.allowed-preferences.outbound", "never");
        }
    }
}
