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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
    @Tag(name = "CRMs")
    @Operation(operationId = "listCrms", summary = "List the CRMs served here",
            description = "Every CRM this callpop serves, with what each can do (open log pages, find callers by phone, write call logs), "
                    + "its hosts, its contact types and the pop preferences a user may choose. Offer these to the user; the `id` goes "
                    + "in every other path.")
    @APIResponse(responseCode = "200", description = "The CRMs served.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmListAnswer.class), examples = @ExampleObject(name = "the CRMs served", value = """
            {"crms":[{"id":"bullhorn","displayName":"Bullhorn","hosts":["*.bullhornstaffing.com"],"canOpenLogPage":false,"findsContactsByPhone":true,
             "contactTypes":[{"display":"Candidate","value":"Candidate"},{"display":"Contact","value":"Contact"},{"display":"Lead","value":"Lead"}],
             "writesCallLogs":true,"preferences":{"inbound":{"default":"ringing","allowed":["ringing","answered","never"]},
             "logMatch":{"default":"ask","allowed":["ask","first","most-recently-updated","oldest"]},
             "multipleMatches":{"default":"open-all","allowed":["open-all","first","search-page","prompt"]},
             "outbound":{"default":"never","allowed":["ringing","answered","never"]}}},
             {"id":"pipedrive","displayName":"Pipedrive","hosts":["*.pipedrive.com"],"canOpenLogPage":false,"findsContactsByPhone":true,
             "contactTypes":[],"writesCallLogs":true,"preferences":{"inbound":{"default":"ringing","allowed":["ringing","answered","never"]},
             "logMatch":{"default":"ask","allowed":["ask","first","most-recently-updated","oldest"]},
             "multipleMatches":{"default":"open-all","allowed":["open-all","first","search-page","prompt"]},
             "outbound":{"default":"never","allowed":["ringing","answered","never"]}}},
             {"id":"sample","displayName":"Sample CRM","hosts":["crm.example.com"],"defaultHostname":"crm.example.com","canOpenLogPage":true,
             "findsContactsByPhone":true,"contactTypes":[],"writesCallLogs":true,"preferences":{"inbound":{"default":"ringing","allowed":["ringing","answered","never"]},
             "logMatch":{"default":"ask","allowed":["ask","first","most-recently-updated","oldest"]},
             "multipleMatches":{"default":"open-all","allowed":["open-all","first","search-page","prompt"]},
             "outbound":{"default":"never","allowed":["ringing","answered","never"]}}}]}""")))
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
    @Tag(name = "CRMs")
    @Operation(operationId = "describeCrm", summary = "Describe one CRM", description = "One CRM as the list shows it.")
    @APIResponse(responseCode = "200", description = "The CRM.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmAnswer.class), examples = @ExampleObject(name = "the sample CRM", value = """
            {"id":"sample","displayName":"Sample CRM","hosts":["crm.example.com"],"defaultHostname":"crm.example.com","canOpenLogPage":true,
             "findsContactsByPhone":true,"contactTypes":[],"writesCallLogs":true,"preferences":{"inbound":{"default":"ringing","allowed":["ringing","answered","never"]},
             "logMatch":{"default":"ask","allowed":["ask","first","most-recently-updated","oldest"]},
             "multipleMatches":{"default":"open-all","allowed":["open-all","first","search-page","prompt"]},
             "outbound":{"default":"never","allowed":["ringing","answered","never"]}}}""")))
    public CrmAnswer describe(@Parameter(description = ApiDocs.CRM_ID, schema = @Schema(implementation = String.class, examples = "sample"),
            examples = @ExampleObject(name = "the sample CRM", value = "sample"))
            @PathParam("crm") String crm) {
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
    @Tag(name = "Events")
    @Operation(operationId = "callReceived", summary = "A call rang or was answered: which CRM pages to open",
            description = """
            Send what the client knows of the caller (`contact`: id, name, phone, type) and of the call. With a `contact.id` \
            callpop opens that contact's page; with only a number it looks the caller up in the CRM with the user's CRM \
            credentials (`X-CRM-*` headers) and applies the match policy: one match opens it, several open all, the first, the \
            CRM's search page, or a `choose-contact` action (`prompt`); none opens the new-contact page, the operator's \
            fallback or nothing. Pop rules (per direction and phase, the user's `preferences` within the operator's bounds) \
            decide whether anything opens; `reason` says why not. A CRM that is slow, failing or down never fails the event: \
            the answer comes within the CRM's time limit with its search page or a `reason`.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "host-not-allowed unknown-contact-type preference-not-allowed "
                + "tenant-host-forbidden crm-credential-host-mismatch crm-reauthentication-required crm-api-url-not-allowed crm-rate-limited"))
    @APIResponse(responseCode = "200", description = "The actions, in order.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventAnswer.class), examples = {
            @ExampleObject(name = "known contact", value = """
                    {"crm":"sample","event":"call-received","actions":[{"type":"open-url","url":"https://crm.example.com?contactId=42","target":"tab"}]}"""),
            @ExampleObject(name = "number only", value = """
                    {"crm":"sample","event":"call-received","actions":[{"type":"open-url","url":"https://crm.example.com?contactId=1001","target":"tab"}],
                     "matches":[{"id":"1001","name":"Ada Lovelace"}]}"""),
            @ExampleObject(name = "the agent chooses", value = """
                    {"crm":"sample","event":"call-received","actions":[{"type":"choose-contact","contacts":[
                      {"id":"1002","name":"Grace Hopper","url":"https://crm.example.com?contactId=1002","target":"tab"},
                      {"id":"1003","name":"Grace B. Hopper","url":"https://crm.example.com?contactId=1003","target":"tab"}]}],
                     "matches":[{"id":"1002","name":"Grace Hopper"},{"id":"1003","name":"Grace B. Hopper"}],
                     "reason":"2 contacts have this number; the agent chooses which to open."}"""),
            @ExampleObject(name = "Pipedrive", value = """
                    {"crm":"pipedrive","event":"call-received","actions":[{"type":"open-url","url":"https://acme.pipedrive.com/person/42","target":"tab"}]}"""),
            @ExampleObject(name = "Bullhorn", value = """
                    {"crm":"bullhorn","event":"call-received","actions":[{"type":"open-url",
                     "url":"https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Contact&id=9876&view=Overview","target":"popup"}]}""")}))
    @APIResponse(responseCode = "400", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = {
            @ExampleObject(name = "a host of another CRM", value = """
                    {"type":"urn:callpop:problem:host-not-allowed","title":"Hostname not allowed for this CRM","status":400,
                     "detail":"hostname 'acme.pipedrive.com' is not a host of Sample CRM; its hosts are [crm.example.com]",
                     "instance":"/api/v1/crms/sample/call-received",
                     "errors":[{"field":"hostname","message":"hostname 'acme.pipedrive.com' is not a host of Sample CRM; its hosts are [crm.example.com]"}]}""")}))
    public Uni<EventAnswer> callReceived(
            @Parameter(description = ApiDocs.CRM_ID, schema = @Schema(implementation = String.class, examples = "sample"), examples = {
            @ExampleObject(name = "Pipedrive", value = "pipedrive"), @ExampleObject(name = "Bullhorn", value = "bullhorn")})
            @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "known contact", summary = "The client knows the caller's record id (the sample CRM needs no hostname)", value = """
                    {"contact": {"id": "42", "name": "Ada Lovelace", "phone": "+44 20 7946 0000"},
                     "call": {"id": "c-1", "direction": "inbound", "from": "+44 20 7946 0000", "to": "+1 555 0100", "phase": "ringing"}}"""),
            @ExampleObject(name = "number only", summary = "callpop looks the caller up (a real CRM needs the user's X-CRM-Token)",
                    value = """
                    {"call": {"direction": "inbound", "phase": "ringing", "from": "(415) 555-0100"}}"""),
            @ExampleObject(name = "the agent chooses", summary = "The user's own preferences: several matches are offered to choose from",
                    value = """
                    {"call": {"direction": "inbound", "phase": "ringing", "from": "+1 415 555 0123"},
                     "preferences": {"inbound": "ringing", "outbound": "never", "multipleMatches": "prompt"}}"""),
            @ExampleObject(name = "Pipedrive", summary = "A Pipedrive person (crm pipedrive); the hostname is the company's", value = """
                    {"hostname": "acme.pipedrive.com", "contact": {"id": "42", "name": "Ada Lovelace"},
                     "call": {"id": "c-1", "direction": "inbound", "phase": "ringing", "from": "+14155550100"}}"""),
            @ExampleObject(name = "Bullhorn", summary = "A Bullhorn contact (crm bullhorn); the hostname is the user's ATS host", value = """
                    {"hostname": "cls21.bullhornstaffing.com", "contact": {"id": "9876", "type": "Contact"}}"""),
            @ExampleObject(name = "a host of another CRM", summary = "Refused: the hostname is not one of the CRM's", value = """
                    {"hostname": "acme.pipedrive.com", "contact": {"id": "42"}}""")}))
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
    @Tag(name = "Events")
    @Operation(operationId = "openLogPage", summary = "The user wants a call log: the page to open",
            description = """
            Send the log's id (`logId`) and, when known, its contact. Where the CRM opens log pages, that page opens; where it \
            does not (Pipedrive and Bullhorn by default, as in RingCentral App Connect), the contact's page opens instead and \
            `reason` says so; with no contact either, 422 `log-page-unavailable`. Calls no CRM.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "host-not-allowed unknown-contact-type tenant-host-forbidden crm-credential-host-mismatch "
                + "log-page-unavailable"))
    @APIResponse(responseCode = "200", description = "The page to open.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventAnswer.class), examples = {
            @ExampleObject(name = "the sample CRM's log", value = """
                    {"crm":"sample","event":"open-log-page","actions":[{"type":"open-url","url":"https://crm.example.com/activities/5001","target":"tab"}]}"""),
            @ExampleObject(name = "log with contact", value = """
                    {"crm":"pipedrive","event":"open-log-page","actions":[{"type":"open-url","url":"https://acme.pipedrive.com/person/42","target":"tab"}],
                     "reason":"This CRM does not open log pages here, so the contact's page is opened instead."}""")}))
    @APIResponse(responseCode = "422", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = {
            @ExampleObject(name = "no contact where log pages are off", value = """
                    {"type":"urn:callpop:problem:log-page-unavailable","title":"Log page unavailable","status":422,
                     "detail":"The pipedrive CRM does not open log pages here; send contact.id to open the contact's page instead.",
                     "instance":"/api/v1/crms/pipedrive/open-log-page",
                     "errors":[{"field":"contact.id","message":"The pipedrive CRM does not open log pages here; send contact.id to open the contact's page instead."}]}""")}))
    public EventAnswer openLogPage(
            @Parameter(description = ApiDocs.CRM_ID, schema = @Schema(implementation = String.class, examples = "sample"), examples = {
            @ExampleObject(name = "log with contact", value = "pipedrive"), @ExampleObject(name = "no contact where log pages are off", value = "pipedrive")})
            @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "the sample CRM's log", summary = "The sample CRM opens its log pages", value = """
                    {"logId": "5001"}"""),
            @ExampleObject(name = "log with contact", summary = "Where log pages are off (crm pipedrive), the contact's page opens", value = """
                    {"hostname": "acme.pipedrive.com", "logId": "555", "contact": {"id": "42"}}"""),
            @ExampleObject(name = "no contact where log pages are off", summary = "Refused: nothing to open (crm pipedrive)", value = """
                    {"hostname": "acme.pipedrive.com", "logId": "555"}""")}))
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
    @Tag(name = "Events")
    @Operation(operationId = "logout", summary = "The user logged out: what to clean up",
            description = """
            The client's clean-up actions (`remove-storage`, `clear-cookies`), and the outcome of each server-side clean-up \
            step callpop ran (`steps`): Pipedrive revokes the refresh token, then the access token, from `tokens` or from \
            inside a sealed `X-CRM-Token`. A failed step never hides the client's clean-up, and the answer comes within the \
            CRM's time limit whatever the CRM does; callpop does not retry a failed revocation.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "host-not-allowed tenant-host-forbidden crm-credential-host-mismatch "
                + "crm-reauthentication-required"))
    @APIResponse(responseCode = "200", description = "The clean-up actions and steps.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventAnswer.class), examples = {
            @ExampleObject(name = "the sample CRM", value = """
                    {"crm":"sample","event":"logout","actions":[]}"""),
            @ExampleObject(name = "Bullhorn", value = """
                    {"crm":"bullhorn","event":"logout","actions":[{"type":"remove-storage","keys":["callpop.bullhorn.username","callpop.bullhorn.user-urls"]}],
                     "steps":[{"name":"end-rest-session","outcome":"not-needed",
                     "detail":"Bullhorn REST sessions end by themselves when unused; the client forgets its BhRestToken."}]}""")}))
    public Uni<EventAnswer> logout(
            @Parameter(description = ApiDocs.CRM_ID, schema = @Schema(implementation = String.class, examples = "sample"), examples = @ExampleObject(name = "Bullhorn", value = "bullhorn"))
            @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "the sample CRM", summary = "Nothing to clean up", value = "{}"),
            @ExampleObject(name = "Bullhorn", summary = "The client forgets what it cached (crm bullhorn)", value = """
                    {"hostname": "cls21.bullhornstaffing.com"}""")}))
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
