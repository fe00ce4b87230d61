package dev.callpop.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.security.Agent;
import dev.callpop.service.testing.DirectCrmCalls;
import dev.callpop.service.testing.TestCrmSettings;
import dev.callpop.service.testing.TestLookupSettings;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The fallback of a failed look-up, with an adapter whose CRM has a search page. */
class CallerLookupsTest {

    private static final PhoneNumber PHONE = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");

    /** A CRM that fails the way the test says, and has a search page. */
    record FailingCrm(RuntimeException failure) implements CrmAdapter {
        @Override
        public String id() {
            return "failing";
        }

        @Override
        public CrmDescription description() {
            return new CrmDescription("Failing CRM", List.of("crm.failing.test"), Optional.of("crm.failing.test"), false, true, List.of());
        }

        @Override
        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create("https://crm.failing.test/c/" + contact.id()));
        }

        @Override
        public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
            throw failure;
        }

        @Override
        public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
            return Optional.of(OpenUrl.inTab(URI.create("https://crm.failing.test/search?q=" + phone.nationalDigits())));
        }
    }

    private static CallPop ring(RuntimeException failure) {
        CrmRegistry registry = CrmRegistry.of(List.of(new FailingCrm(failure)), Map.of("failing", TestCrmSettings.defaults()));
        CallpopMetrics metrics = new CallpopMetrics(new SimpleMeterRegistry());
        CallerLookups lookups = new CallerLookups(new DirectCrmCalls(), metrics,
                TestLookupSettings.withCache(Duration.ofSeconds(60)));
        RegisteredCrm crm = registry.find("failing").orElseThrow();
        return lookups.lookUp(crm, PHONE, CrmContext.of("crm.failing.test", false), MatchPolicy.DEFAULT, Agent.ANONYMOUS, System.nanoTime())
                .await().indefinitely();
    }

    @Test
    void anOutageOpensTheCrmsSearchPageForTheNumber() {
        CallPop answer = ring(new CrmUnavailableException("HTTP 503", null));
        assertThat(answer.actions()).extracting(OpenUrl::url).containsExactly(URI.create("https://crm.failing.test/search?q=4155550100"));
        assertThat(answer.reason()).contains("Failing CRM is unavailable").contains("search page");
    }

    @Test
    void refusedCredentialsAreNotAnOutage() {
        assertThatThrownBy(() -> ring(new CrmAuthenticationException("no"))).isInstanceOf(CrmAuthenticationException.class);
    }
}
