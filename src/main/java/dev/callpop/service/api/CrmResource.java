package dev.callpop.service.api;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import dev.callpop.service.crm.CrmRegistry;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.events.ClientContact;
import dev.callpop.service.events.CrmEvent;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.events.PopPreferences;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SealedCredentials;
import dev.callpop.service.security.SecurityConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.WireWords;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The telephony client's API: list the CRMs, and report the three events. Each event answers with the
 * actions the client carries out. Everything but a CRM call runs on the I/O thread that received the
 * request (the adapter SPI's threading rules): a thread switch cost more than a known-contact call-pop.
 */
@Path("/api/v1/crms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.client-role}")
public class CrmResource {

    private static final String BODY_REQUIRED = "is required: send the event as a JSON object";

    private final CrmRegistry registry;
    private final CrmEvents events;
    private final SecurityIdentity identity;
    private final String hostsClaim;
    private final SealedCredentials sealing;

    CrmResource(CrmRegistry registry, CrmEvents events, SecurityIdentity identity, SecurityConfig security, SealedCredentials sealing) {
        this.registry = registry;
        this.events = events;
        this.identity = identity;
        this.hostsClaim = security.tenantHostsClaim();
        this.sealing = sealing;
    }

    /** @return every CRM served here, with what it can do */
    @GET
    @NonBlocking
    public CrmListAnswer list() {
        return new CrmListAnswer(registry.served().stream().map(CrmAnswer::of).toList());
    }

    /**
     * @param crm the CRM id
     * @return the CRM and what it can do
     */
    @GET
    @Path("{crm}")
    @NonBlocking
    public CrmAnswer describe(@PathParam("crm") String crm) {
        return CrmAnswer.of(events.served(crm));
    }

    /**
     * A call rang or was answered: which CRM pages to open. Answered on the I/O thread; only a look-up in
     * the CRM moves to a worker thread (see {@code crm.CrmCalls}).
     *
     * @param crm  the CRM id
     * @param body what the client knows of the caller and the call
     * @return the pages to open
     */
    @POST
    @Path("{crm}/call-received")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EventAnswer> callReceived(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "known contact", summary = "The client knows the caller's record id",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"42\", \"name\": \"Ada Lovelace\"}, "
                            + "\"call\": {\"id\": \"c-1\", \"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"+14155550100\"}}"),
            @ExampleObject(name = "number only", summary = "callpop looks the caller up (send X-CRM-Token for real CRMs)",
                    value = "{\"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"(415) 555-0100\"}}"),
            @ExampleObject(name = "the agent chooses", summary = "The user's own preferences: several matches are offered to choose from",
                    value = "{\"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"+14155550123\"}, "
                            + "\"preferences\": {\"inbound\": \"ringing\", \"outbound\": \"never\", \"multipleMatches\": \"prompt\"}}"),
            @ExampleObject(name = "Bullhorn", summary = "A Bullhorn contact; the hostname is the user's ATS host",
                    value = "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"9876\", \"type\": \"Contact\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) CallReceivedRequest body, @BeanParam CrmHeaders crmHeaders, RoutingContext routing) {
        return events.callReceived(crm, body.hostname(), contact(body.contact()), call(body.call()), preferences(body.preferences()),
                        userSettings(body.userSettings()), agent(crm, crmHeaders), ArrivalTimes.of(routing))
                .map(pop -> EventAnswer.of(crm, CrmEvent.CALL_RECEIVED, pop));
    }

    /**
     * The user wants to see a call log: the page to open.
     *
     * @param crm  the CRM id
     * @param body the log id and, when known, the contact
     * @return the page to open
     */
    @POST
    @Path("{crm}/open-log-page")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    public EventAnswer openLogPage(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "log with contact", summary = "Where log pages are off, the contact's page opens",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"logId\": \"555\", \"contact\": {\"id\": \"42\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) OpenLogPageRequest body, @BeanParam CrmHeaders crmHeaders) {
        ClientContact contact = body.contact() == null ? null : contact(body.contact());
        return EventAnswer.of(crm, CrmEvent.OPEN_LOG_PAGE,
                events.openLogPage(crm, body.hostname(), body.logId(), contact, userSettings(body.userSettings()), agent(crm, crmHeaders)));
    }

    /**
     * The user logged out: what the client cleans up, and how the server-side clean-up went.
     *
     * @param crm  the CRM id
     * @param body the hostname and, for CRMs that revoke them, the user's CRM tokens
     * @return the clean-up actions and steps
     */
    @POST
    @Path("{crm}/logout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EventAnswer> logout(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "Pipedrive with tokens", summary = "callpop revokes the refresh token, then the access token",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"accessToken\": \"<access>\", \"refreshToken\": \"<refresh>\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) LogoutRequest body, @BeanParam CrmHeaders crmHeaders, RoutingContext routing) {
        TokensRequest tokens = body.tokens();
        SealedCredentials.Unsealed unsealed = sealing.unsealed(Agent.of(identity, hostsClaim, crmHeaders.credentials()), crm);
        // With sealed credentials the client holds no tokens: the ones to revoke are inside X-CRM-Token.
        CrmTokens crmTokens = tokens != null ? new CrmTokens(tokens.accessToken(), tokens.refreshToken())
                : unsealed.opened().map(SealedCredentials.Opened::tokens).orElse(CrmTokens.NONE);
        return events.logout(crm, body.hostname(), crmTokens, unsealed.agent(), ArrivalTimes.of(routing))
                .map(result -> EventAnswer.of(crm, result));
    }

    /** The CRM refused the agent's own credentials: only the events call the CRM with them. */
    @ServerExceptionMapper
    Response crmRefusedCredentials(CrmAuthenticationException e, UriInfo uri) {
        return ProblemMappers.respond(ProblemKind.CRM_REAUTHENTICATION_REQUIRED, e.getMessage()
                + " Sign the user in to the CRM again and send the new token in " + CrmHeaders.TOKEN + ".", uri);
    }

    /** The agent, with the CRM credentials inside a sealed {@code X-CRM-Token} when the client sent one. */
    private Agent agent(String crm, CrmHeaders crmHeaders) {
        return sealing.unsealed(Agent.of(identity, hostsClaim, crmHeaders.credentials()), crm).agent();
    }

    private static ClientContact contact(ContactRequest contact) {
        return contact == null ? ClientContact.NONE : new ClientContact(contact.id(), contact.name(), contact.phone(), contact.type());
    }

    private static Map<String, String> userSettings(Map<String, String> settings) {
        return settings == null ? Map.of() : settings;
    }

    private static PopPreferences preferences(PreferencesRequest preferences) {
        if (preferences == null) {
            return PopPreferences.NONE;
        }
        return new PopPreferences(WireWords.parse(CrmsConfig.PopOn.class, preferences.inbound()),
                WireWords.parse(CrmsConfig.PopOn.class, preferences.outbound()),
                WireWords.parse(MatchPolicy.OnMultipleMatches.class, preferences.multipleMatches()));
    }

    private static Call call(CallRequest call) {
        if (call == null) {
            return new Call(null, null, null, null, null);
        }
        return new Call(call.id(), WireWords.parse(Call.Direction.class, call.direction()), call.from(), call.to(),
                WireWords.parse(Call.Phase.class, call.phase()));
    }
}
