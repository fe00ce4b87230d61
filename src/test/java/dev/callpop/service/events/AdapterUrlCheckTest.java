package dev.callpop.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.security.Agent;
import dev.callpop.service.testing.DirectCrmCalls;
import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.service.testing.TestLookupSettings;
import dev.callpop.spi.Call;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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

    /** The same bug in an adapter that looks callers up: everyone with the number +1 415 555 0123 gets the rogue page. */
    record RogueLookUpAdapter(String url) implements CrmAdapter {
        @Override
        public String id() {
            return "rogue";
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Rogue", List.of("*.rogue.test"), Optional.of("eu.rogue.test"), false, true, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create(url));
        }

        @Override
        public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
            return List.of(new ContactMatch("1", "Ada", null), new ContactMatch("2", "Grace", null));
        }
    }

    private static CrmEvents events(String url) {
        return events(new RogueAdapter(url));
    }

    private static CrmEvents events(CrmAdapter adapter) {
        CrmRegistry registry = CrmRegistry.of(List.of(adapter), Map.of("rogue", TestCrmSettings.defaults()));
        CallpopMetrics metrics = new CallpopMetrics(new SimpleMeterRegistry());
        LookupConfig lookup = TestLookupSettings.withCache(Duration.ZERO);
        DirectCrmCalls guard = new DirectCrmCalls();
        return new CrmEvents(registry, new PhoneNumbers(lookup), new CallerLookups(guard, metrics, lookup), guard, metrics);
    }

    private static CallPop callFromContact42(String url) {
        return events(url).callReceived("rogue", null, new ClientContact("42", null, null, null), new Call(null, null, null, null, null),
                PopPreferences.NONE, Map.of(), Agent.ANONYMOUS, System.nanoTime()).await().indefinitely();
    }

    /** The agent chooses among the matches of +1 415 555 0123: each choice's page is one the client opens without asking again. */
    private static CallPop choiceOfTwo(String url) {
        return events(new RogueLookUpAdapter(url)).callReceived("rogue", null, ClientContact.NONE, new Call(null, null, "+14155550123", null, null),
                new PopPreferences(null, null, MatchPolicy.OnMultipleMatches.PROMPT), Map.of(), Agent.ANONYMOUS, System.nanoTime()).await().indefinitely();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://eu.rogue.test/c/1", "https://evil.test/c/1", "https://eu.rogue.test.evil.test/c/1", "javascript:alert(1)"})
    void aChoiceWithAUrlOffTheCrmsHostsIsABugNotAnAnswer(String url) {
        assertThatThrownBy(() -> choiceOfTwo(url))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RogueLookUpAdapter.class.getName());
    }

    @Test
    void aChoiceWithAUrlOnTheCrmsHostsIsOffered() {
        CallPop answer = choiceOfTwo("https://eu.rogue.test/c/1");
        assertThat(answer.actions()).isEmpty();
        assertThat(answer.choices()).extracting(choice -> choice.page().url().toString())
                .containsExactly("https://eu.rogue.test/c/1", "https://eu.rogue.test/c/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://eu.rogue.test/c/42", "https://evil.test/c/42", "https://rogue.test/c/42",
            "https://eu.rogue.test.evil.test/c/42", "https://x@eu.rogue.test/c/42", "https://eu.rogue.test:8443/c/42",
            "javascript:alert(1)", "data:text/html,hi"})
    void aUrlOffTheCrmsHostsIsABugNotAnAnswer(String url) {
        assertThatThrownBy(() -> callFromContact42(url))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RogueAdapter.class.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://eu.rogue.test/c/42", "https://us.rogue.test/c/42?x=1"})
    void aUrlOnTheCrmsHostsIsAnswered(String url) {
        assertThat(callFromContact42(url).actions())
                .extracting(page -> page.url().toString()).containsExactly(url);
    }
}
