package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.OpenUrl;

/** The contract fails adapters that break it, each on the check that names the fault. */
class CrmAdapterContractTest {

    /** Builds its contact page by concatenation, on a host that is not the CRM's. */
    static class Broken implements CrmAdapter {
        public String id() {
            return "Broken CRM";
        }

        public CrmDescription description() {
            return new CrmDescription("Broken", List.of("*.broken.test"), Optional.empty(), true, false, List.of());
        }

        public OpenUrl contactPage(Contact contact, CrmContext context) {
            return OpenUrl.inTab(URI.create("http://" + context.hostname() + ".cdn.test/c/" + contact.id()));
        }
    }

    /** The contract run against the broken adapter; only {@link #theContractFailsABrokenAdapter} runs it. */
    static class BrokenContract extends CrmAdapterContract {
        protected CrmAdapter adapter() {
            return new Broken();
        }

        protected String hostname() {
            return "eu.broken.test";
        }
    }

    @Test
    void theContractFailsABrokenAdapter() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenContract.class)).execute().testEvents();
        List<String> failed = tests.failed().stream().map(event -> event.getTestDescriptor().getDisplayName()).toList();
        assertThat(failed).contains("theIdIsALowercaseSlug()", "everyContactPageIsHttpsOnTheCrmsHost()",
                "theLogPageMatchesWhatTheDescriptionSays()", "openLogPageOpensTheLogOrTheContact()");
        assertThat(tests.succeeded().count()).as("checks the broken adapter does not break still pass").isPositive();
    }
}
