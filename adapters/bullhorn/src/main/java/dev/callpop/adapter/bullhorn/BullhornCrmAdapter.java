package dev.callpop.adapter.bullhorn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.RemoveStorage;

/**
 * Bullhorn: candidates, contacts and leads open in Bullhorn's record window
 * ({@code {atsUrl}/BullhornStaffing/OpenWindow.cfm?Entity=…&id=…&view=Overview}) as a popup, and a
 * call log, which Bullhorn keeps as a Note, opens the same way. The hostname is the user's ATS host
 * (from Bullhorn's {@code loginInfo}: {@code atsUrl}), which the client sends.
 */
@ApplicationScoped
public class BullhornCrmAdapter implements CrmAdapter {

    private static final String RECORD_WINDOW =
            "https://{hostname}/BullhornStaffing/OpenWindow.cfm?Entity={entity}&id={id}&view=Overview";

    /** Bullhorn's REST entity names; a "Contact" is a {@code ClientContact} there. */
    static final ContactType CANDIDATE = new ContactType("Candidate", "Candidate");
    static final ContactType CONTACT = new ContactType("ClientContact", "Contact");
    static final ContactType LEAD = new ContactType("Lead", "Lead");

    /** What a telephony client caches for Bullhorn: the user's name and the per-user URLs from loginInfo. */
    static final List<String> CLIENT_CACHE_KEYS = List.of("callpop.bullhorn.username", "callpop.bullhorn.user-urls");

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Bullhorn", List.of("*.bullhornstaffing.com"), Optional.empty(), true, List.of(CANDIDATE, CONTACT, LEAD));

    @Override
    public String id() {
        return "bullhorn";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return recordWindow(context, contact.type().value(), contact.id());
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.of(recordWindow(context, "Note", event.logId()));
    }

    @Override
    public LogoutResult logout(Logout event, CrmContext context) {
        return new LogoutResult(List.of(new RemoveStorage(CLIENT_CACHE_KEYS)), List.of());
    }

    private static OpenUrl recordWindow(CrmContext context, String entity, String id) {
        return OpenUrl.inPopup(UriBuilder.fromUri(RECORD_WINDOW)
                .buildFromMap(Map.of("hostname", context.hostname(), "entity", entity, "id", id)));
    }
}
