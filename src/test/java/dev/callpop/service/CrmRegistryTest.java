package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.Call;
import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenUrl;

/** What stops callpop from starting, and what the message names. */
class CrmRegistryTest {

    /** The settings of CrmsConfig.CrmSettings that these tests vary; the rest are the documented defaults. */
    record Settings(boolean enabled, Optional<String> defaultHostname, Optional<Boolean> canOpenLogPage,
                    Optional<List<String>> allowedHosts) implements CrmsConfig.CrmSettings {
        static Settings defaults() {
            return new Settings(true, Optional.empty(), Optional.empty(), Optional.empty());
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

    /** Look-up settings for tests that build the service's beans by hand. */
    record Lookup(String defaultRegion, Duration cacheTtl, long cacheMaxEntries) implements LookupConfig {
        static Lookup withCache(Duration ttl) {
            return new Lookup("US", ttl, 100);
        }
    }

    static class FirstAdapter implements CrmAdapter {
        private final String id;
        private final List<String> hosts;

        FirstAdapter(String id, List<String> hosts) {
            this.id = id;
            this.hosts = hosts;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Test", hosts, Optional.empty(), false, false, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create("https://" + context.hostname() + "/c/" + contact.id()));
        }
    }

    static class SecondAdapter extends FirstAdapter {
        SecondAdapter(String id) {
            super(id, List.of("crm.test"));
        }
    }

    @Test
    void twoAdaptersWithOneIdStopTheStartNamingBothClasses() {
        assertThatThrownBy(() -> CrmRegistry.register(
                List.of(new FirstAdapter("dup", List.of("crm.test")), new SecondAdapter("dup")),
                Map.of("dup", Settings.defaults())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'dup'")
                .hasMessageContaining(FirstAdapter.class.getName())
                .hasMessageContaining(SecondAdapter.class.getName());
    }

    @Test
    void anIdThatIsNotALowercaseSlugStopsTheStart() {
        assertThatThrownBy(() -> CrmRegistry.register(List.of(new FirstAdapter("Bad Id", List.of("crm.test"))), Map.of()))
                .hasMessageContaining("Bad Id")
                .hasMessageContaining(FirstAdapter.class.getName());
    }

    @Test
    void settingsForNoKnownCrmStopTheStart() {
        assertThatThrownBy(() -> CrmRegistry.register(List.of(new FirstAdapter("one", List.of("crm.test"))),
                Map.of("one", Settings.defaults(), "pipdrive", Settings.defaults())))
                .hasMessageContaining("pipdrive")
                .hasMessageContaining("Known CRMs: [one]");
    }

    @Test
    void aDefaultHostnameOffTheCrmsHostsStopsTheStart() {
        Settings settings = new Settings(true, Optional.of("evil.com"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> CrmRegistry.register(List.of(new FirstAdapter("one", List.of("*.crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("callpop.crms.one.default-hostname");
    }

    @Test
    void aMalformedAllowedHostStopsTheStartNamingTheSetting() {
        Settings settings = new Settings(true, Optional.empty(), Optional.empty(), Optional.of(List.of("https://x.test")));
        assertThatThrownBy(() -> CrmRegistry.register(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("callpop.crms.one.allowed-hosts");
    }

    @Test
    void aDisabledCrmIsNotServedButIsReported() {
        Settings off = new Settings(false, Optional.empty(), Optional.empty(), Optional.empty());
        CrmsConfig config = () -> Map.of("one", off, "two", Settings.defaults());
        CrmRegistry registry = new CrmRegistry(List.of(new FirstAdapter("one", List.of("crm.test")), new SecondAdapter("two")), config);
        assertThat(registry.all()).extracting(RegisteredCrm::id).containsExactly("two");
        assertThat(registry.report()).extracting(CrmRegistry.AdapterReport::id, CrmRegistry.AdapterReport::enabled)
                .containsExactly(tuple("one", false), tuple("two", true));
    }
}
