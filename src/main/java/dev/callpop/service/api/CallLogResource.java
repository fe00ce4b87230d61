package dev.callpop.service.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.callpop.service.problem.Problem;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import dev.callpop.service.calllogs.CallLogs;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.events.ClientContact;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SealedCredentials;
import dev.callpop.service.security.SecurityConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.WireWords;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Call logs written into the CRM: create once per telephony session, update after hang-up, read back. The CRM calls
 * run on the CRM's threads for writes; a create that outlives the request's wait answers 202 and its result is kept.
 */
@Path("/api/v1/crms/{crm}/call-logs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.client-role}")
public class CallLogResource {

    private static final String BODY_REQUIRED = "is required: send the call as a JSON object";
    /** How far in the future a call may say it started (clocks differ a little, not by days). */
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
    private static final String LOG_ID = "The log's id in the CRM, as the create answered it.";
    private static final String NEW_LOG = """
            {"sessionId": "s-1001", "contact": {"id": "1001"}, "direction": "inbound", "from": "+14155550100",
             "startedAt": "2026-12-03T14:05:00Z", "durationSeconds": 185, "result": "answered", "note": "Wants a call back on Friday."}""";
    private static final String LOG_5001 = """
            {"crm":"sample","outcome":"created","sessionId":"s-1001","logId":"5001","contact":{"id":"1001"},
             "subject":"Inbound call from +14155550100","note":"Wants a call back on Friday.","result":"answered","durationSeconds":185,
             "actions":[{"type":"open-url","url":"https://crm.example.com/activities/5001","target":"tab"}]}""";

    private final CallLogs logs;
    private final SecurityIdentity identity;
    private final String hostsClaim;
    private final SealedCredentials sealing;
    private final Clock clock;

    @Inject
    CallLogResource(CallLogs logs, SecurityIdentity identity, SecurityConfig security, SealedCredentials sealing) {
        this.logs = logs;
        this.identity = identity;
        this.hostsClaim = security.tenantHostsClaim();
        this.sealing = sealing;
        this.clock = Clock.systemUTC();
    }

    /**
     * Writes a call's log into the CRM, once per {@code sessionId}.
     *
     * @param crm  the CRM id
     * @param body the call
     * @return 201 with the log written, 200 with the session's log written before, or 202 while it is being written
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Call logs")
    @Operation(operationId = "createCallLog", summary = "Write a call's log into the CRM, once per session",
            description = """
            The contact is `contact.id`, else the one with `phone` (else the call's other party), looked up like a \
            call-received. Several with the number: the user's `logMatch` or the operator's (`ask`, the default, answers 409 \
            with the `contacts` to choose from: post again with the chosen `contact.id`). The same `sessionId` again answers \
            200 with the same log, however many arrive at once. A write that outlives the CRM's `log-timeout` answers 202 \
            with `Retry-After`: it goes on, and the retry with the same session id gets its result. Each bad field is a 400 \
            naming it, and nothing is written.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "call-logs-unsupported host-not-allowed unknown-contact-type preference-not-allowed "
                + "tenant-host-forbidden crm-credential-host-mismatch crm-reauthentication-required contact-choice-required no-contact-for-number "
                + "contact-not-found crm-rate-limited crm-unavailable call-log-store-unavailable"))
    @APIResponse(responseCode = "201", description = "The log written.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallLogAnswer.class), examples = @ExampleObject(name = "a call to a known contact", value = LOG_5001)))
    @APIResponse(responseCode = "200", description = "The session's log, written before.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallLogAnswer.class), examples = @ExampleObject(name = "the same session again", value = """
            {"crm":"sample","outcome":"existing","sessionId":"s-1001","logId":"5001","contact":{"id":"1001"},
             "actions":[{"type":"open-url","url":"https://crm.example.com/activities/5001","target":"tab"}]}""")))
    @APIResponse(responseCode = "202", description = "Still being written: ask again with the same session id after `Retry-After` seconds.",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait", schema = @Schema(implementation = Integer.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallLogAnswer.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "several contacts have the number", value = """
            {"type":"urn:callpop:problem:contact-choice-required","title":"Choose the contact to log the call to","status":409,
             "detail":"2 contacts of Sample CRM have this number: send contact.id with the one to log the call to.",
             "instance":"/api/v1/crms/sample/call-logs","contacts":[{"id":"1002","name":"Grace Hopper"},{"id":"1003","name":"Grace B. Hopper"}]}""")))
    @APIResponse(responseCode = "422", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "nobody has the number", value = """
            {"type":"urn:callpop:problem:no-contact-for-number","title":"No contact has this number","status":422,
             "detail":"No contact of Sample CRM has this number, and callpop does not create contacts: send contact.id with the contact to log the call to.",
             "instance":"/api/v1/crms/sample/call-logs",
             "errors":[{"field":"phone","message":"No contact of Sample CRM has this number, and callpop does not create contacts: send contact.id with the contact to log the call to."}]}""")))
    public Uni<Response> create(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "a call to a known contact", value = NEW_LOG),
            @ExampleObject(name = "the same session again", summary = "The same session id: the same log, nothing written", value = NEW_LOG),
            @ExampleObject(name = "several contacts have the number", summary = "The policy asks the agent (the default)", value = """
                    {"sessionId": "s-1002", "phone": "+1 415 555 0123", "direction": "inbound", "result": "missed"}"""),
            @ExampleObject(name = "nobody has the number", summary = "Refused: callpop does not create contacts", value = """
                    {"sessionId": "s-1003", "phone": "+1 415 555 0199", "direction": "inbound", "result": "missed"}""")}))
            @Valid @NotNull(message = BODY_REQUIRED) CallLogRequest body, @BeanParam CrmHeaders crmHeaders, RoutingContext routing) {
        Call.Direction direction = body.direction() == null ? Call.Direction.INBOUND : WireWords.parse(Call.Direction.class, body.direction());
        CallLogs.NewLog log = new CallLogs.NewLog(body.sessionId(), body.hostname(), contact(body.contact()), body.phone(),
                body.logMatch() == null ? null : WireWords.parse(CrmsConfig.LogMatch.class, body.logMatch()), direction, body.from(), body.to(),
                startedAt(body.startedAt()), seconds(body.durationSeconds()), result(body.result()), body.subject(), body.note(),
                recording(body.recordingUrl()));
        return logs.create(crm, log, agent(crm, crmHeaders), ArrivalTimes.of(routing)).map(logged -> answer(crm, logged,
                logged.outcome() == CallLogs.Outcome.CREATED ? Response.Status.CREATED : Response.Status.OK));
    }

    /**
     * Changes a log: what is known after hang-up.
     *
     * @param crm   the CRM id
     * @param logId the log's id
     * @param body  what changed
     * @return the log as it is now
     */
    @PATCH
    @Path("{logId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Call logs")
    @Operation(operationId = "updateCallLog", summary = "Change a log: what is known after hang-up",
            description = "Send what changed: `durationSeconds`, `result`, `subject`, `note`, `recordingUrl`. The answer is the log as the CRM "
                    + "holds it now.",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "call-logs-unsupported host-not-allowed tenant-host-forbidden crm-credential-host-mismatch "
                + "crm-reauthentication-required log-not-found crm-rate-limited crm-unavailable"))
    @APIResponse(responseCode = "200", description = "The log as it is now.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallLogAnswer.class), examples = @ExampleObject(name = "after hang-up", value = """
            {"crm":"sample","outcome":"existing","logId":"5001","contact":{"id":"1001"},
             "subject":"Inbound call from +14155550100","note":"Left a message.","result":"answered","durationSeconds":240,
             "actions":[{"type":"open-url","url":"https://crm.example.com/activities/5001","target":"tab"}]}""")))
    public Uni<Response> update(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @Parameter(description = LOG_ID, example = "5001")
            @PathParam("logId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String logId,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "after hang-up", value = """
                    {"durationSeconds": 240, "note": "Left a message."}""")))
            @Valid @NotNull(message = BODY_REQUIRED) CallLogChangeRequest body, @BeanParam CrmHeaders crmHeaders, RoutingContext routing) {
        CallLogChange change = new CallLogChange(seconds(body.durationSeconds()), result(body.result()), body.subject(), body.note(),
                recording(body.recordingUrl()));
        return logs.update(crm, body.hostname(), logId, change, agent(crm, crmHeaders), ArrivalTimes.of(routing))
                .map(logged -> answer(crm, logged, Response.Status.OK));
    }

    /**
     * Reads a log back.
     *
     * @param crm      the CRM id
     * @param logId    the log's id
     * @param hostname the user's CRM host; optional where the CRM has a default
     * @return the log
     */
    @GET
    @Path("{logId}")
    @Tag(name = "Call logs")
    @Operation(operationId = "readCallLog", summary = "Read a log back", description = "The log as the CRM holds it, and the page that opens it.",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "invalid-request call-logs-unsupported host-not-allowed tenant-host-forbidden "
                + "crm-credential-host-mismatch crm-reauthentication-required log-not-found crm-rate-limited crm-unavailable"))
    @APIResponse(responseCode = "200", description = "The log.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallLogAnswer.class), examples = @ExampleObject(name = "the log", value = """
            {"crm":"sample","outcome":"existing","logId":"5001","contact":{"id":"1001"},
             "subject":"Inbound call from +14155550100","note":"Left a message.","result":"answered","durationSeconds":240,
             "actions":[{"type":"open-url","url":"https://crm.example.com/activities/5001","target":"tab"}]}""")))
    @APIResponse(responseCode = "422", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "a log the CRM does not have", value = """
            {"type":"urn:callpop:problem:log-not-found","title":"Log not found","status":422,"detail":"The sample CRM has no call log 9999.",
             "instance":"/api/v1/crms/sample/call-logs/9999","errors":[{"field":"logId","message":"The sample CRM has no call log 9999."}]}""")))
    public Uni<Response> read(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @Parameter(description = LOG_ID, schema = @Schema(implementation = String.class, examples = "5001"), examples = {@ExampleObject(name = "the log", value = "5001"),
                    @ExampleObject(name = "a log the CRM does not have", value = "9999")})
            @PathParam("logId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String logId,
            @Parameter(description = "The user's CRM host; optional where the CRM has a default host.")
            @QueryParam("hostname") @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
            @BeanParam CrmHeaders crmHeaders, RoutingContext routing) {
        return logs.read(crm, hostname, logId, agent(crm, crmHeaders), ArrivalTimes.of(routing)).map(logged -> answer(crm, logged, Response.Status.OK));
    }

    /** Several contacts have the number and the policy asks: the client posts again with the chosen one's {@code contact.id}. */
    @ServerExceptionMapper
    Response chooseContact(CallLogs.ContactChoiceRequired e, UriInfo uri) {
        Response problem = ProblemMappers.respond(ProblemKind.CONTACT_CHOICE_REQUIRED, e.getMessage(), uri);
        Problem body = (Problem) problem.getEntity();
        return Response.fromResponse(problem).entity(new ContactChoice(body, e.matches().stream().map(EventAnswer.Match::of).toList())).build();
    }

    /** The record of written logs is out of reach: a 503 the client retries with the same session id. */
    @ServerExceptionMapper
    Response storeUnavailable(CallLogs.StoreUnavailable e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(ProblemKind.CALL_LOG_STORE_UNAVAILABLE, e.getMessage(), uri))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfter().toSeconds()).build();
    }

    /**
     * The 409's body: the problem, and the contacts to choose from.
     *
     * @param problem  the problem's members
     * @param contacts the contacts with the number, best first
     */
    record ContactChoice(@JsonUnwrapped Problem problem, List<EventAnswer.Match> contacts) {
    }

    private static Response answer(String crm, CallLogs.Logged logged, Response.Status done) {
        CallLogAnswer answer = CallLogAnswer.of(crm, logged);
        if (logged.outcome() == CallLogs.Outcome.PENDING) {
            return Response.accepted(answer).header(HttpHeaders.RETRY_AFTER, logged.retryAfter().toSeconds()).build();
        }
        return Response.status(done).entity(answer).build();
    }

    private Agent agent(String crm, CrmHeaders crmHeaders) {
        return sealing.unsealed(Agent.of(identity, hostsClaim, crmHeaders.credentials()), crm).agent();
    }

    private static ClientContact contact(ContactRequest contact) {
        return contact == null ? ClientContact.NONE : new ClientContact(contact.id(), contact.name(), contact.phone(), contact.type());
    }

    private Instant startedAt(String value) {
        Instant now = clock.instant();
        if (value == null) {
            return now;
        }
        Instant startedAt;
        try {
            startedAt = Instant.parse(value);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("startedAt", "must be an ISO-8601 instant such as 2026-12-03T14:05:00Z");
        }
        if (startedAt.isAfter(now.plus(FUTURE_SLACK))) {
            throw ProblemException.invalid("startedAt", "is in the future: a call is logged once it started");
        }
        return startedAt;
    }

    private static Duration seconds(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static CallResult result(String word) {
        return word == null ? null : WireWords.parse(CallResult.class, word);
    }

    private static URI recording(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url, "not an https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("recordingUrl", InputRules.RECORDING_URL_MESSAGE);
        }
    }
}
