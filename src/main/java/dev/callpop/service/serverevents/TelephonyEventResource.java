package dev.callpop.service.serverevents;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.api.ProblemAnswers;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import dev.callpop.service.security.Fingerprints;
import dev.callpop.spi.WireWords;
import io.smallrye.mutiny.Uni;

/**
 * Telephony platforms' call events (webhooks, service hooks). Not behind the agents' bearer token: each source's
 * deliveries carry its API key or its Standard Webhooks signature ({@link TelephonySources#authenticate}). An event is
 * answered 202 once it is kept; a delivery taken before gets the same answer and changes nothing.
 */
@Path("/api/v1/telephony/{source}/events")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class TelephonyEventResource {

    /** The OpenAPI document's name of a telephony source's API key ({@link TelephonyKeyScheme}). */
    public static final String WEBHOOK_KEY = "webhookKey";
    private static final String OWN_SHAPE = "{\"eventId\": \"e-1\", \"kind\": \"ringing\", \"agent\": \"agent7@example.com\", "
            + "\"phone\": \"+14155550100\", \"direction\": \"inbound\", \"sessionId\": \"call-1\"}";

    private final TelephonySources sources;
    private final ServerEvents serverEvents;
    private final TelephonyConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    TelephonyEventResource(TelephonySources sources, ServerEvents serverEvents, TelephonyConfig config, ObjectMapper json, Clock clock) {
        this.sources = sources;
        this.serverEvents = serverEvents;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Takes one call event.
     *
     * @param source  the source's name
     * @param body    the platform's JSON, as it was signed
     * @param headers the delivery's headers (the key or the signature)
     * @return 202 with what was taken
     */
    @POST
    @Tag(name = "Server-side call events")
    @SecurityRequirement(name = WEBHOOK_KEY)
    @Operation(operationId = "takeTelephonyEvent", summary = "Take a telephony platform's call event (a webhook)",
            description = "A platform the operator configured for an organisation announces a call: ringing or answered pops the agent's "
                    + "CRM page in the stream the agent's client holds open (`GET /api/v1/crms/{crm}/agent-events`), ended logs the call "
                    + "in the agent's CRM. The body is the platform's own JSON, read by the source's JSON-pointer mapping "
                    + "(`callpop.telephony.sources.\"<source>\".mapping.*`; by default callpop's own shape, as in the example). "
                    + "Answered 202 only once the event is kept; the same delivery again (its `webhook-id`, the mapping's `event-id`, "
                    + "or the body's SHA-256) answers the same and changes nothing. Not behind the agents' bearer token: the "
                    + "delivery carries one of the source's API keys in `x-api-key`, or its Standard Webhooks signature.",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "unauthenticated unknown-telephony-source telephony-event-too-large agent-outside-organisation "
                    + "telephony-event-store-unavailable"))
    @APIResponse(responseCode = "202", description = "The event is kept (or was, for a retried delivery).", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TelephonyEventAnswer.class),
            examples = @ExampleObject(name = "callpop's own shape", value = """
                    {"source": "local-phone", "eventId": "event:e-1", "kind": "ringing", "sessionId": "call-1", "status": "kept"}""")))
    @APIResponse(responseCode = "503", headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds before delivering the same event again.",
            schema = @Schema(implementation = Integer.class)))
    public Uni<Response> take(@Parameter(description = "The telephony source, as the operator named it in `callpop.telephony.sources`.",
                    example = "local-phone") @PathParam("source") String source,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "callpop's own shape", summary = "The default mapping; send x-api-key", value = OWN_SHAPE)}))
            byte[] body, @Context HttpHeaders headers) {
        TelephonySources.Source from = sources.source(source);
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > config.maxEventBytes()) {
            throw new ProblemException(ProblemKind.TELEPHONY_EVENT_TOO_LARGE, "body", "The event has " + bytes.length + " bytes; callpop takes "
                    + config.maxEventBytes() + " at most (callpop.telephony.max-event-bytes). Nothing was kept.");
        }
        Instant now = clock.instant();
        String signedId = TelephonySources.authenticate(from, lowerCase(headers), bytes, now).orElse(null);
        JsonNode tree;
        try {
            tree = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "body", "The event is not valid JSON. Nothing was kept.");
        }
        if (tree == null || tree.isMissingNode()) {
            throw ProblemException.invalid("body", "is required: the platform's event as a JSON object");
        }
        CallEvent event = from.mapping().read(from.name(), tree, signedId, HexFormat.of().formatHex(Fingerprints.of(bytes)), now);
        if (!from.hasAgent(event.agent())) {
            throw new ProblemException(ProblemKind.AGENT_OUTSIDE_ORGANISATION, "agent", "The event's agent is not one of the organisation's "
                    + "agents of source '" + from.name() + "' (callpop.telephony.sources." + from.name() + ".agents). Nothing was kept.");
        }
        TelephonyEventAnswer answer = new TelephonyEventAnswer(from.name(), event.id(), WireWords.of(event.kind()), event.sessionId(), "kept");
        return serverEvents.take(event).map(kept -> Response.accepted(answer).build());
    }

    /** The waiting events are out of reach: a 503 the platform retries, nothing kept. */
    @ServerExceptionMapper
    Response storeUnavailable(WaitingEvents.Unavailable e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(ProblemKind.TELEPHONY_EVENT_STORE_UNAVAILABLE,
                        "callpop cannot keep call events now (" + e.getMessage() + "), so it kept nothing: deliver the same event again.", uri))
                .header(HttpHeaders.RETRY_AFTER, WaitingEvents.Unavailable.RETRY_AFTER.toSeconds()).build();
    }

    private static Map<String, String> lowerCase(HttpHeaders headers) {
        Map<String, String> byName = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            List<String> list = values;
            if (!list.isEmpty()) {
                byName.put(name.toLowerCase(Locale.ROOT), list.get(0));
            }
        });
        return byName;
    }

    /**
     * What callpop answers a platform: the same for a delivery and its retries.
     *
     * @param source    the source
     * @param eventId   the key its duplicates are recognised by
     * @param kind      {@code ringing}, {@code answered} or {@code ended}
     * @param sessionId the platform's call id, if the event had one
     * @param status    {@code kept}: callpop has it, and a retry changes nothing
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What callpop answers a platform's delivery: the same for the delivery and its retries.")
    public record TelephonyEventAnswer(@Schema(description = "The telephony source.") String source,
            @Schema(description = "The key the event's duplicates are recognised by: the `webhook-id`; `event:` and the mapping's `event-id`; or `sha256:` and the body's hash.") String eventId,
            @Schema(description = "What the event says of the call.", enumeration = {"ringing", "answered", "ended"}) String kind,
            @Schema(description = "The platform's id of the call, if the event has one: an ended call's log is written once per session.") String sessionId,
            @Schema(description = "`kept`: callpop has the event, and a retry changes nothing.", enumeration = "kept") String status) {
    }
}
