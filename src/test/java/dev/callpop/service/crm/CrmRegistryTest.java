package dev.callpop.service.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenUrl;

/** What stops callpop from starting, and what the message names. */
class CrmRegistryTest {

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
        assertThatThrownBy(() -> CrmRegistry.of(
                List.of(new FirstAdapter("dup", List.of("crm.test")), new SecondAdapter("dup")), Map.of("dup", TestCrmSettings.defaults())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'dup'")
                .hasMessageContaining(FirstAdapter.class.getName())
                .hasMessageContaining(SecondAdapter.class.getName());
    }

    @Test
    void anIdThatIsNotALowercaseSlugStopsTheStart() {
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("Bad Id", List.of("crm.test"))), Map.of()))
                .hasMessageContaining("Bad Id")
                .hasMessageContaining(FirstAdapter.class.getName());
    }

    @Test
    void settingsForNoKnownCrmStopTheStart() {
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", TestCrmSettings.defaults(), "pipdrive", TestCrmSettings.defaults())))
                .hasMessageContaining("pipdrive")
                .hasMessageContaining("Known CRMs: [one]");
    }

    @Test
    void aDefaultHostnameOffTheCrmsHostsStopsTheStart() {
        TestCrmSettings settings = new TestCrmSettings(true, Optional.of("evil.com"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("one", List.of("*.crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("callpop.crms.one.default-hostname");
    }

    @Test
    void aMalformedAllowedHostStopsTheStartNamingTheSetting() {
        TestCrmSettings settings = new TestCrmSettings(true, Optional.empty(), Optional.empty(), Optional.of(List.of("https://x.test")));
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("callpop.crms.one.allowed-hosts");
    }

    @Test
    void aPopRuleUsersMayNotChooseStopsTheStartNamingTheSetting() {
        TestCrmSettings settings = TestCrmSettings.allowing(EnumSet.of(CrmsConfig.PopOn.ANSWERED, CrmsConfig.PopOn.NEVER),
                EnumSet.allOf(CrmsConfig.PopOn.class), EnumSet.allOf(MatchPolicy.OnMultipleMatches.class));
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("inbound calls on 'ringing'")
                .hasMessageContaining("callpop.crms.one.allowed-preferences.inbound");
    }

    @Test
    void aMatchPolicyUsersMayNotChooseStopsTheStartNamingTheSetting() {
        TestCrmSettings settings = TestCrmSettings.allowing(EnumSet.allOf(CrmsConfig.PopOn.class), EnumSet.allOf(CrmsConfig.PopOn.class),
                EnumSet.of(MatchPolicy.OnMultipleMatches.PROMPT));
        assertThatThrownBy(() -> CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", settings)))
                .hasMessageContaining("on-multiple-matches is 'open-all'")
                .hasMessageContaining("callpop.crms.one.allowed-preferences.multiple-matches");
    }

    @Test
    void forbiddingOutboundPopsIsTheDefaultPopRulesOwnChoice() {
        TestCrmSettings settings = TestCrmSettings.allowing(EnumSet.allOf(CrmsConfig.PopOn.class), EnumSet.of(CrmsConfig.PopOn.NEVER),
                EnumSet.allOf(MatchPolicy.OnMultipleMatches.class));
        CrmRegistry registry = CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test"))), Map.of("one", settings));
        assertThat(registry.find("one")).isPresent();
    }

    @Test
    void aDisabledCrmIsNotServedButIsReported() {
        TestCrmSettings off = new TestCrmSettings(false, Optional.empty(), Optional.empty(), Optional.empty());
        Map<String, CrmsConfig.CrmSettings> config = Map.of("one", off, "two", TestCrmSettings.defaults());
        CrmRegistry registry = CrmRegistry.of(List.of(new FirstAdapter("one", List.of("crm.test")), new SecondAdapter("two")), config);
        assertThat(registry.served()).extracting(RegisteredCrm::id).containsExactly("two");
        assertThat(registry.registered()).extracting(RegisteredCrm::id, RegisteredCrm::enabled)
                .containsExactly(tuple("one", false), tuple("two", true));
    }
}
