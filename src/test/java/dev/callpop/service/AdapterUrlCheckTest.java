package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.OpenUrl;

/** A URL an adapter builds off its CRM's hosts, or not https, never reaches the client. */
class AdapterUrlCheckTest {

    /** An adapter with a bug: it opens whatever URL it was built with. */
    record RogueAdapter(String url) implements CrmAdapter {
        @Override
        public String id() {
            return "rogue";
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Rogue", List.of("*.rogue.test"), Optional.of("eu.rogue.test"), false, false, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create(url));
        }
    }

    private static CrmEvents events(String url) {
        CrmsConfig config = () -> Map.of("rogue", CrmRegistryTest.Settings.defaults());
        CrmRegistry registry = new CrmRegistry(List.of(new RogueAdapter(url)), config);
        LookupConfig lookup = CrmRegistryTest.Lookup.withCache(java.time.Duration.ZERO);
        return new CrmEvents(registry, new PhoneNumbers(lookup), new CrmCalls(registry, lookup, new CallpopMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())));
    }

    private static CallReceivedRequest callFromContact42() {
        return new CallReceivedRequest(null, new ContactInput("42", null, null, null), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://eu.rogue.test/c/42", "https://evil.test/c/42", "https://rogue.test/c/42",
            "https://eu.rogue.test.evil.test/c/42", "https://x@eu.rogue.test/c/42", "https://eu.rogue.test:8443/c/42",
            "javascript:alert(1)", "data:text/html,hi"})
    void aUrlOffTheCrmsHostsIsABugNotAnAnswer(String url) {
        assertThatThrownBy(() -> events(url).callReceived("rogue", callFromContact42(), Caller.ANONYMOUS).await().indefinitely())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RogueAdapter.class.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://eu.rogue.test/c/42", "https://us.rogue.test/c/42?x=1"})
    void aUrlOnTheCrmsHostsIsAnswered(String url) {
        assertThat(events(url).callReceived("rogue", callFromContact42(), Caller.ANONYMOUS).await().indefinitely().actions())
                .extracting(EventAnswer.ActionView::url).containsExactly(url);
    }
}
