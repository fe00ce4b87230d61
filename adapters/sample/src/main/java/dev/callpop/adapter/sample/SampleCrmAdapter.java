package dev.callpop.adapter.sample;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;

/**
 * The sample CRM: the adapter to copy when you write one for your CRM.
 *
 * <p>It opens {@code https://{hostname}?contactId={id}} for a contact and
 * {@code https://{hostname}/activities/{logId}} for a call log, and needs no clean-up at logout. Its
 * phone look-up searches a small directory built into the adapter instead of a CRM API (see
 * {@link #DIRECTORY}), so callpop's look-up, match policy and caching can be tried with no CRM at all.
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
    private static final String SEARCH_PAGE = "https://{hostname}/search?phone={phone}";
    private static final String NEW_CONTACT_PAGE = "https://{hostname}/contacts/new?phone={phone}";

    /**
     * The sample CRM's contacts by phone number (E.164). A real adapter asks its CRM's API instead (see the
     * Pipedrive adapter). Try it: {@code +14155550100} matches one contact, {@code +14155550123} two, and
     * any other number none.
     */
    static final Map<String, List<ContactMatch>> DIRECTORY = Map.of(
            "+14155550100", List.of(new ContactMatch("1001", "Ada Lovelace", null)),
            "+14155550123", List.of(new ContactMatch("1002", "Grace Hopper", null), new ContactMatch("1003", "Grace B. Hopper", null)));

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
            // It can look callers up by phone number (findContacts below).
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

    // Step 7 (optional): phone look-up. callpop calls this when the client knows the caller's number but
    // not their id. The number is already normalised (E.164 and other formats), callpop applies the time
    // limit, circuit breaker and cache, and turns the matches into pages by the operator's match policy.
    // A real adapter calls its CRM here with context.credentials(), the user's own CRM token.
    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        return DIRECTORY.getOrDefault(phone.e164(), List.of());
    }

    // Step 8 (optional): the pages a look-up may open when it is not one clear match.
    @Override
    public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(SEARCH_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.e164()))));
    }

    @Override
    public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(NEW_CONTACT_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "phone", phone.e164()))));
    }

    // Step 9 (optional): logout. The sample CRM keeps nothing in the client and issues no tokens, so it
    // keeps the default, which cleans up nothing. See the Pipedrive and Bullhorn adapters for clean-ups.
}
