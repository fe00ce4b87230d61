package dev.callpop.service.testing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;

/** The settings of CrmsConfig.CrmSettings that these tests vary; the rest are the documented defaults. */
public record TestCrmSettings(boolean enabled, Optional<String> defaultHostname, Optional<Boolean> canOpenLogPage,
                Optional<List<String>> allowedHosts, CrmsConfig.AllowedPreferences allowedPreferences) implements CrmsConfig.CrmSettings {

    /** Settings that allow users every preference. */
    public TestCrmSettings(boolean enabled, Optional<String> defaultHostname, Optional<Boolean> canOpenLogPage, Optional<List<String>> allowedHosts) {
        this(enabled, defaultHostname, canOpenLogPage, allowedHosts, Allowed.EVERYTHING);
    }

    public static TestCrmSettings defaults() {
        return new TestCrmSettings(true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The default settings, with users allowed only these preferences. */
    public static TestCrmSettings allowing(Set<CrmsConfig.PopOn> inbound, Set<CrmsConfig.PopOn> outbound,
            Set<MatchPolicy.OnMultipleMatches> multipleMatches) {
        return new TestCrmSettings(true, Optional.empty(), Optional.empty(), Optional.empty(), new Allowed(inbound, outbound, multipleMatches));
    }

    /** The preferences users may choose. */
    public record Allowed(Set<CrmsConfig.PopOn> inbound, Set<CrmsConfig.PopOn> outbound, Set<MatchPolicy.OnMultipleMatches> multipleMatches)
            implements CrmsConfig.AllowedPreferences {

        @Override
        public Set<CrmsConfig.LogMatch> logMatch() {
            return EnumSet.allOf(CrmsConfig.LogMatch.class);
        }

        /** Every choice, the documented default. */
        public static final Allowed EVERYTHING = new Allowed(EnumSet.allOf(CrmsConfig.PopOn.class), EnumSet.allOf(CrmsConfig.PopOn.class),
                EnumSet.allOf(MatchPolicy.OnMultipleMatches.class));
    }

    @Override
    public CrmsConfig.PopOn popOn() {
        return CrmsConfig.PopOn.RINGING;
    }

    @Override
    public List<Call.Direction> popDirections() {
        return List.of(Call.Direction.INBOUND);
    }

    @Override
    public MatchPolicy.OnMultipleMatches onMultipleMatches() {
        return MatchPolicy.OnMultipleMatches.OPEN_ALL;
    }

    @Override
    public MatchPolicy.OnNoMatch onNoMatch() {
        return MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE;
    }

    @Override
    public Optional<String> noMatchUrl() {
        return Optional.empty();
    }

    @Override
    public CrmsConfig.InvalidPhone invalidPhone() {
        return CrmsConfig.InvalidPhone.NO_MATCH;
    }

    @Override
    public Duration lookupTimeout() {
        return Duration.ofMillis(800);
    }

    @Override
    public int maxConcurrentCalls() {
        return 20;
    }

    @Override
    public int maxWaitingCalls() {
        return 20;
    }

    @Override
    public Duration logTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public int maxConcurrentWrites() {
        return 4;
    }

    @Override
    public int maxWaitingWrites() {
        return 32;
    }

    @Override
    public CrmsConfig.LogMatch logMatch() {
        return CrmsConfig.LogMatch.ASK;
    }

    @Override
    public CrmsConfig.CircuitBreaker circuitBreaker() {
        return new CrmsConfig.CircuitBreaker() {
            public int requestVolume() {
                return 10;
            }

            public double failureRatio() {
                return 0.5;
            }

            public Duration delay() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
