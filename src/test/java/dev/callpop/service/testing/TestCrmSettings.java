package dev.callpop.service.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;

/** The settings of CrmsConfig.CrmSettings that these tests vary; the rest are the documented defaults. */
public record TestCrmSettings(boolean enabled, Optional<String> defaultHostname, Optional<Boolean> canOpenLogPage,
                Optional<List<String>> allowedHosts) implements CrmsConfig.CrmSettings {
    public static TestCrmSettings defaults() {
        return new TestCrmSettings(true, Optional.empty(), Optional.empty(), Optional.empty());
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
