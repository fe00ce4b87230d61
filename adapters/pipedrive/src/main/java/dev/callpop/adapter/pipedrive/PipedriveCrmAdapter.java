package dev.callpop.adapter.pipedrive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.RemoveStorage;

/**
 * Pipedrive: persons at {@code https://{company}.pipedrive.com/person/{id}}, activities at
 * {@code /activities/{id}}. Log pages are off by default, as in RingCentral App Connect's Pipedrive
 * manifest, so opening a log opens the person instead unless the operator turns them on. Callers are
 * found with the persons search of API v2, with the user's OAuth access token; logout revokes the
 * user's refresh token, then access token.
 */
@ApplicationScoped
public class PipedriveCrmAdapter implements CrmAdapter {

    private static final Logger LOG = Logger.getLogger(PipedriveCrmAdapter.class);
    private static final String PERSON_PAGE = "https://{hostname}/person/{contactId}";
    private static final String ACTIVITY_PAGE = "https://{hostname}/activities/{logId}";

    /** The keys under which a telephony client keeps the user's Pipedrive OAuth tokens. */
    static final List<String> CLIENT_TOKEN_KEYS = List.of("callpop.pipedrive.access-token", "callpop.pipedrive.refresh-token");

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Pipedrive", List.of("*.pipedrive.com"), Optional.empty(), false, true, List.of());

    private final PipedriveConfig config;
    private final PipedrivePersonsApi persons;
    private final PipedriveOAuthApi oauth;

    PipedriveCrmAdapter(PipedriveConfig config, @RestClient PipedrivePersonsApi persons, @RestClient PipedriveOAuthApi oauth) {
        this.config = config;
        this.persons = persons;
        this.oauth = oauth;
    }

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

    /**
     * Searches the persons' phone fields for the number's formats in turn (E.164, international, national,
     * digits only), since Pipedrive keeps numbers as users typed them, and answers with the first format
     * that matches anybody.
     */
    @Override
    public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        String token = context.credentials().token();
        if (token == null) {
            throw new CrmAuthenticationException("Looking a caller up in Pipedrive needs the user's Pipedrive OAuth access token in the X-CRM-Token header.");
        }
        String baseUrl = UriBuilder.fromUri(config.apiUrl()).buildFromMap(Map.of("hostname", context.hostname())).toString();
        for (String term : phone.formats()) {
            PipedrivePersonsApi.SearchResponse response = persons.search(baseUrl, "Bearer " + token, term, "phone", config.searchLimit());
            List<ContactMatch> matches = new ArrayList<>();
            if (response != null && response.data() != null && response.data().items() != null) {
                for (PipedrivePersonsApi.Item item : response.data().items()) {
                    if (item.item() != null) {
                        matches.add(new ContactMatch(Long.toString(item.item().id()), item.item().name(), null));
                    }
                }
            }
            if (!matches.isEmpty()) {
                return matches;
            }
        }
        return List.of();
    }

    /** The client forgets the tokens; callpop revokes the refresh token, then the access token, at Pipedrive. */
    @Override
    public LogoutResult logout(Logout event, CrmContext context) {
        List<CleanupStep> steps = List.of(
                revoke("revoke-refresh-token", event.tokens().refreshToken(), "refresh_token"),
                revoke("revoke-access-token", event.tokens().accessToken(), "access_token"));
        return new LogoutResult(List.of(new RemoveStorage(CLIENT_TOKEN_KEYS)), steps);
    }

    private CleanupStep revoke(String step, String token, String hint) {
        if (token == null) {
            return new CleanupStep(step, CleanupStep.Outcome.NOT_NEEDED, "The client sent no " + hint.replace('_', ' ') + ".");
        }
        if (config.clientId().isEmpty() || config.clientSecret().isEmpty()) {
            return new CleanupStep(step, CleanupStep.Outcome.FAILED,
                    "callpop has no Pipedrive OAuth app credentials (callpop.pipedrive.client-id and client-secret), so it cannot revoke tokens.");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId().get() + ":" + config.clientSecret().get()).getBytes(StandardCharsets.UTF_8));
        try {
            oauth.revoke(basic, token, hint);
            return new CleanupStep(step, CleanupStep.Outcome.DONE, null);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            // The client sees the failed step and callpop counts it (callpop_logout_steps_total): no line per logout.
            LOG.debugf("Pipedrive refused to revoke a %s: HTTP %d", hint, status);
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, "Pipedrive answered HTTP " + status + ".");
        } catch (RuntimeException e) {
            LOG.debugf("Pipedrive could not be reached to revoke a %s: %s", hint, e.getClass().getSimpleName());
            return new CleanupStep(step, CleanupStep.Outcome.FAILED, "Pipedrive could not be reached in time.");
        }
    }
}
