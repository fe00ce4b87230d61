package dev.callpop.adapter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.OpenUrl;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The adapter in Quarkus, as callpop finds it: this module's beans boot from the test classpath (no Quarkus
 * plugin needed; {@code src/test/resources/application.properties} holds the test's settings), and the
 * adapter is the one {@link CrmAdapter} bean, application-scoped. An adapter with settings of its own
 * overrides them there or in a test resource (see the Pipedrive adapter's {@code PipedriveFake}).
 */
@QuarkusTest
class SampleCrmAdapterQuarkusTest {

    @Inject
    @Any
    Instance<CrmAdapter> adapters;

    @Inject
    CrmAdapter adapter;

    @Test
    void theAdapterIsDiscoveredAsTheOneCrmAdapterBean() {
        assertThat(adapters.stream().map(CrmAdapter::id)).containsExactly("sample");
        assertThat(adapters.getHandle().getBean().getBeanClass()).isEqualTo(SampleCrmAdapter.class);
    }

    @Test
    void oneInstanceServesEveryRequest() {
        assertThat(adapters.getHandle().getBean().getScope().getSimpleName()).isEqualTo("ApplicationScoped");
    }

    @Test
    void theDiscoveredAdapterOpensTheContactPage() {
        assertThat(adapter.contactPage(Contact.withId("42"), CrmContext.of("crm.example.com", true)))
                .isEqualTo(OpenUrl.inTab(URI.create("https://crm.example.com?contactId=42")));
    }
}
