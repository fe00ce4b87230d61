package dev.callpop.adapter.sample;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;

/**
 * The sample CRM: the adapter to copy when you write one for your CRM.
 *
 * <p>It opens {@code https://{hostname}?contactId={id}} for a contact and
 * {@code https://{hostname}/activities/{logId}} for a call log, and needs no clean-up at logout.
 * Read it top to bottom; each step says why it is there.
 */
// Step 1: an adapter is an application-scoped CDI bean. callpop finds it on its build classpath through
// the Jandex index that this module's pom builds (jandex-maven-plugin); nothing else registers it.
@ApplicationScoped
public class SampleCrmAdapter implements CrmAdapter {

    // Step 2: URL templates. Placeholders are filled by UriBuilder, which encodes each value for the part
    // of the URL it lands in. Never concatenate client input into a URL.
    private static final String CONTACT_PAGE = "https://{hostname}?contactId={contactId}";
    private static final String LOG_PAGE = "https://{hostname}/activities/{logId}";

    // Step 3: the description is read once at start-up. Keep it constant.
    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Sample CRM",
            // The CRM's own hosts. callpop refuses any other hostname from the client before calling us,
            // and refuses to pass on any URL we build that is not https on one of them.
            List.of("crm.example.com"),
            // Every user of the sample CRM shares one host, so clients may leave the hostname out.
            Optional.of("crm.example.com"),
            // The sample CRM has a page per call log.
            true,
            // One kind of contact, so no contact types.
            List.of());

    // Step 4: the id is the CRM's name in callpop's URLs and settings. Lowercase, and never changed.
    @Override
    public String id() {
        return "sample";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    // Step 5: the one page every adapter must open. callpop has already checked the hostname and the id.
    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        URI url = UriBuilder.fromUri(CONTACT_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "contactId", contact.id()));
        return OpenUrl.inTab(url);
    }

    // Step 6 (optional): the log page. Adapters without one leave this out; callpop then opens the
    // contact's page, when the client knows the contact, as RingCentral App Connect does.
    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        URI url = UriBuilder.fromUri(LOG_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "logId", event.logId()));
        return Optional.of(OpenUrl.inTab(url));
    }

    // Step 7 (optional): logout. The sample CRM keeps nothing in the client and issues no tokens, so it
    // keeps the default, which cleans up nothing. See the Pipedrive and Bullhorn adapters for clean-ups.
}
