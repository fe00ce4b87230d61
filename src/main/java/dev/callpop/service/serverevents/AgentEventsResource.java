package dev.callpop.service.serverevents;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.callpop.service.api.ApiDocs;
import dev.callpop.service.api.CrmHeaders;
import dev.callpop.service.api.ProblemAnswers;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.events.PopPreferences;
import dev.callpop.service.events.PopRules;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SealedCredentials;
import dev.callpop.service.security.SecurityConfig;
import dev.callpop.spi.Call;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.WireWords;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Vertx;

/**
 * An agent's stream of server-side call events (Server-Sent Events): {@code ready} once open, {@code pop} when the
 * agent's platform says a call rings (or is answered, by the preferences), {@code call-log} when an ended call was
 * logged, {@code call-log-failed} when it cannot be, and comment lines as heartbeats. The client opens it with its
 * bearer token and {@code X-CRM-*} headers as on every event (with {@code fetch}: a browser's {@code EventSource}
 * sends no headers); the credentials stay in this replica's memory while the stream is open.
 */
@Path("/api/v1/crms/{crm}/agent-events")
@RolesAllowed("${callpop.security.client-role}")
public class AgentEventsResource {

    private static final Logger LOG = Logger.getLogger(AgentEventsResource.class);

    private final CrmEvents events;
    private final ServerEvents serverEvents;
    private final TelephonySources sources;
    private final TelephonyConfig config;
    private final SecurityIdentity identity;
    private final SealedCredentials sealing;
    private final String hostsClaim;

    AgentEventsResource(CrmEvents events, ServerEvents serverEvents, TelephonySources sources, TelephonyConfig config, SecurityIdentity identity,
                        SealedCredentials sealing, SecurityConfig security) {
        this.events = events;
        this.serverEvents = serverEvents;
        this.sources = sources;
        this.config = config;
        this.identity = identity;
        this.sealing = sealing;
        this.hostsClaim = security.tenantHostsClaim();
    }

    /**
     * Opens the agent's stream.
     *
     * @param crm             the CRM id
     * @param hostname        the agent's CRM host; optional where the CRM has a default
     * @param inbound         the agent's pop preference for inbound calls ({@code ringing}, {@code answered}, {@code never})
     * @param outbound        for outbound calls
     * @param multipleMatches what several matches open
     * @param logCalls        whether ended calls are logged ({@code always}, {@code never})
     * @param logMatch        which contact a call is logged to among several
     * @param crmHeaders      the agent's CRM credentials
     * @param sse             the event builder
     * @return the stream
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Tag(name = "Server-side call events")
    @Operation(operationId = "openAgentEvents", summary = "Hold the agent's stream of server-side call events open",
            description = "Server-Sent Events for the agent the token's `callpop.telephony.agent-claim` names (`email` by default), for "
                    + "every telephony source configured for this CRM and host. Events: `ready` once open (`crm`, `hostname`, `agent`, "
                    + "`sources`); `pop`, what a call-received with the event's number, direction and phase answers (the same rules, "
                    + "look-up, preferences and guard, with this request's `X-CRM-*` credentials), plus `sessionId`; `call-log`, an ended "
                    + "call logged, as `POST …/call-logs` answers it; `call-log-failed`, the problem that endpoint would answer, plus "
                    + "`sessionId`; comment lines as heartbeats. Each open stream of the agent gets each push once. The credentials "
                    + "stay in the memory of the replica holding the stream while it is open. A browser's `EventSource` sends no headers: "
                    + "read it with `fetch` (the reference client's `listen`).",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "invalid-request host-not-allowed preference-not-allowed "
                    + "tenant-host-forbidden crm-credential-host-mismatch"))
    @APIResponse(responseCode = "200", description = "The stream, open until the client closes it.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "`event: <name>` and `data: <JSON>` lines, as Server-Sent Events.")))
    public Multi<OutboundSseEvent> open(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @Parameter(description = "The agent's CRM host; optional where the CRM has a default.") @QueryParam("hostname") String hostname,
            @Parameter(description = "When inbound calls pop: `ringing`, `answered`, `never`; within the operator's bounds.")
            @QueryParam("inbound") String inbound,
            @Parameter(description = "When outbound calls pop: `ringing`, `answered`, `never`; within the operator's bounds.")
            @QueryParam("outbound") String outbound,
            @Parameter(description = "What several matching contacts open, as the call-received preference; within the operator's bounds.")
            @QueryParam("multipleMatches") String multipleMatches,
            @Parameter(description = "Whether ended calls are logged: `always`, `never`; within `callpop.telephony.allowed-log-calls`.")
            @QueryParam("logCalls") String logCalls,
            @Parameter(description = "Which contact a call is logged to among several: `ask`, `first`, `most-recently-updated`, `oldest`.")
            @QueryParam("logMatch") String logMatch, @BeanParam CrmHeaders crmHeaders, @Context Sse sse) {
        Agent agent = sealing.unsealed(Agent.of(identity, hostsClaim, crmHeaders.credentials()), crm).agent();
        if (hostname != null && hostname.length() > 253) {
            throw ProblemException.invalid("hostname", "must be at most 253 characters");
        }
        CrmEvents.Target target = events.target(crm, hostname, agent);
        RegisteredCrm registered = target.crm();
        String key = registered.settingsKey() + ".allowed-preferences.";
        PopPreferences preferences = new PopPreferences(word(CrmsConfig.PopOn.class, "inbound", inbound),
                word(CrmsConfig.PopOn.class, "outbound", outbound), word(MatchPolicy.OnMultipleMatches.class, "multipleMatches", multipleMatches));
        PopRules.checkAllowed(registered, "inbound", preferences.inbound(), registered.allowedPopOn(Call.Direction.INBOUND), key + "inbound");
        PopRules.checkAllowed(registered, "outbound", preferences.outbound(), registered.allowedPopOn(Call.Direction.OUTBOUND), key + "outbound");
        PopRules.checkAllowed(registered, "multipleMatches", preferences.multipleMatches(), registered.settings().allowedPreferences().multipleMatches(),
                key + "multiple-matches");
        CrmsConfig.LogMatch match = word(CrmsConfig.LogMatch.class, "logMatch", logMatch);
        PopRules.checkAllowed(registered, "logMatch", match, registered.settings().allowedPreferences().logMatch(), key + "log-match");
        TelephonyConfig.LogCalls log = word(TelephonyConfig.LogCalls.class, "logCalls", logCalls);
        PopRules.checkAllowed(registered, "logCalls", log, config.allowedLogCalls(), "callpop.telephony.allowed-log-calls");
        String platformAgent = platformAgent();
        String host = target.context().hostname();
        List<String> sourceNames = sources.of(registered.id(), host, platformAgent).stream().map(TelephonySources.Source::name).toList();
        List<String> agentKeys = sourceNames.stream().map(name -> CallEvent.agentKey(name, platformAgent)).toList();
        String ready = serverEvents.encode(new Ready(registered.id(), host, platformAgent, sourceNames));
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            AgentStream stream = new AgentStream(registered.id(), host, agent, preferences, log != null ? log : config.logCalls(), match, agentKeys,
                    emitter, sse, Vertx.currentContext());
            emitter.onTermination(() -> serverEvents.closed(stream));
            stream.send(ServerEvents.READY, ready);
            serverEvents.opened(stream);
        }, BackPressureStrategy.BUFFER).onTermination().invoke((failure, cancelled) ->
                LOG.debugf("An agent stream ended: %s", failure != null ? failure.toString() : cancelled ? "closed by the client" : "completed"));
    }

    /** The platform agent the token names, lower-cased. */
    private String platformAgent() {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Object claim = jwt.getClaim(config.agentClaim());
        String value = claim instanceof JsonString text ? text.getString() : claim instanceof String text ? text : null;
        if (value == null || value.isBlank() || value.length() > 256) {
            throw new ProblemException(ProblemKind.FORBIDDEN, null, "The token has no " + config.agentClaim()
                    + " claim (callpop.telephony.agent-claim) naming the platform's agent, so no call event can be for it.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E word(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return WireWords.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "' is not one of "
                    + List.of(type.getEnumConstants()).stream().map(WireWords::of).toList());
        }
    }

    /**
     * The {@code ready} event: what the stream is for.
     *
     * @param crm      the CRM id
     * @param hostname the CRM host
     * @param agent    the platform's agent, as the token names it
     * @param sources  the telephony sources whose events reach it
     */
    record Ready(String crm, String hostname, String agent, List<String> sources) {
    }
}
