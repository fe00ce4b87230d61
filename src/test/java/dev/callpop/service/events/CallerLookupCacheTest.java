package dev.callpop.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.TenantHosts;
import dev.callpop.service.testing.DirectCrmCalls;
import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.service.testing.TestLookupSettings;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** How long a look-up's answer is reused, and for whom, on a ticker the test moves. */
class CallerLookupCacheTest {

    private static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");

    /** A CRM that counts how often it was asked. */
    static final class CountingCrm implements CrmAdapter {
        final AtomicInteger lookUps = new AtomicInteger();

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Counting CRM", List.of("crm.counting.test"), Optional.of("crm.counting.test"), false, true, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create("https://crm.counting.test/c/" + contact.id()));
        }

        @Override
        public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
            return List.of(new ContactMatch(Integer.toString(lookUps.incrementAndGet()), "Ada", null));
        }
    }

    private final CountingCrm crm = new CountingCrm();
    private final AtomicInteger millis = new AtomicInteger();
    private final Ticker ticker = () -> millis.get() * 1_000_000L;
    private final CallerLookups lookups;
    private final RegisteredCrm registered;

    CallerLookupCacheTest() {
        CrmRegistry registry = CrmRegistry.of(List.of(crm), Map.of("counting", TestCrmSettings.defaults()));
        CallpopMetrics metrics = new CallpopMetrics(new SimpleMeterRegistry());
        lookups = new CallerLookups(new DirectCrmCalls(), metrics, TestLookupSettings.withCache(Duration.ofSeconds(60)), ticker);
        registered = registry.find("counting").orElseThrow();
    }

    private String ring(String agent, String crmToken) {
        CrmContext context = new CrmContext("crm.counting.test", false, new CrmCredentials(crmToken, null, null));
        CallPop pop = lookups.lookUp(registered, PHONE, context, MatchPolicy.DEFAULT, new Agent(agent, TenantHosts.ANY, context.credentials()),
                System.nanoTime()).await().indefinitely();
        return pop.actions().get(0).url().toString();
    }

    private void advanceMillis(int millis) {
        this.millis.addAndGet(millis);
    }

    @Test
    void aRepeatedLookUpWithinTheTtlIsAnsweredFromTheCache() {
        assertThat(ring("agent-1", "t")).endsWith("/c/1");
        advanceMillis(59_999);
        assertThat(ring("agent-1", "t")).endsWith("/c/1");
        assertThat(crm.lookUps).hasValue(1);
    }

    @Test
    void aCachedAnswerEndsWithItsTtl() {
        ring("agent-1", "t");
        advanceMillis(60_000);
        assertThat(ring("agent-1", "t")).endsWith("/c/2");
        assertThat(crm.lookUps).hasValue(2);
    }

    @Test
    void anotherAgentOrOtherCrmCredentialsAreNeverAnsweredFromSomeoneElsesEntry() {
        ring("agent-1", "t");
        assertThat(ring("agent-2", "t")).endsWith("/c/2");
        assertThat(ring("agent-1", "other-token")).endsWith("/c/3");
    }
}
