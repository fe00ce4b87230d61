package dev.callpop.adapter.pipedrive;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.RemoveStorage;

/**
 * Pipedrive: persons at {@code https://{company}.pipedrive.com/person/{id}}, activities at
 * {@code /activities/{id}}. Log pages are off by default, as in RingCentral App Connect's Pipedrive
 * manifest, so opening a log opens the person instead unless the operator turns them on.
 */
@ApplicationScoped
public class PipedriveCrmAdapter implements CrmAdapter {

    private static final String PERSON_PAGE = "https://{hostname}/person/{contactId}";
    private static final String ACTIVITY_PAGE = "https://{hostname}/activities/{logId}";

    /** The keys under which a telephony client keeps the user's Pipedrive OAuth tokens. */
    static final List<String> CLIENT_TOKEN_KEYS = List.of("callpop.pipedrive.access-token", "callpop.pipedrive.refresh-token");

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Pipedrive", List.of("*.pipedrive.com"), Optional.empty(), false, List.of());

    @Override
    public String id() {
        return "pipedrive";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return OpenUrl.inTab(UriBuilder.fromUri(PERSON_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "contactId", contact.id())));
    }

    @Override
    public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(ACTIVITY_PAGE)
                .buildFromMap(Map.of("hostname", context.hostname(), "logId", event.logId()))));
    }

    @Override
    public LogoutResult logout(Logout event, CrmContext context) {
        return new LogoutResult(List.of(new RemoveStorage(CLIENT_TOKEN_KEYS)), List.of());
    }
}
