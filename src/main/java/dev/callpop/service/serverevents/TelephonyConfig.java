package dev.callpop.service.serverevents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Call events that telephony platforms post to callpop (webhooks, service hooks), and the agents' streams they are
 * pushed to: {@code callpop.telephony.*}. Each platform an operator accepts events from is a source,
 * {@code callpop.telephony.sources."<name>".*}, posting to {@code POST /api/v1/telephony/<name>/events}.
 */
@ConfigMapping(prefix = "callpop.telephony")
public interface TelephonyConfig {

    /**
     * The claim of the agent's callpop token that says which platform agent it is (compared case-insensitively with
     * the agent the events name), within the token's organisation: an e-mail address, or a claim holding the
     * platform's agent id. A token without it cannot open an agent stream.
     *
     * @return the claim's name
     */
    @WithDefault("email")
    String agentClaim();

    /**
     * How often an open agent stream gets a comment line, so that proxies keep it open and the client notices a
     * dead connection.
     *
     * @return the interval
     */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * How long a ringing or answered event waits for its agent's stream when none is open: a stream that opens in
     * time still pops it; after that it is dropped (a late pop is useless) and counted.
     *
     * @return the time a pop waits
     */
    @WithDefault("30s")
    Duration ringingHold();

    /**
     * How long an ended event waits for its agent's stream when none is open: the call is logged when a stream of the
     * agent opens (with its CRM credentials) within it; after that it is dropped and counted.
     *
     * @return the time a call waits to be logged
     */
    @WithDefault("3D")
    Duration endedRetention();

    /**
     * How often waiting events are checked: expired ones dropped, calls whose log failed for a CRM outage tried again
     * for agents whose stream is open.
     *
     * @return the interval
     */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * How long after a log write failed for an outage (the CRM, or the record of written logs) it is tried again; also
     * how often a replica looks for calls of the agents whose streams it holds that wait unannounced (claimed by a
     * replica that died, whose lease has ended).
     *
     * @return the wait
     */
    @WithDefault("30s")
    Duration logRetry();

    /**
     * How long a replica holds an ended call it is logging before another may log it: a replica killed meanwhile
     * delays the call's log by this much. Longer than any log write waits ({@code callpop.crms."<id>".log-timeout}).
     *
     * @return the lease
     */
    @WithDefault("2M")
    Duration logLease();

    /**
     * The largest event body callpop takes, in bytes; larger ones answer 413 (the HTTP server refuses anything over
     * {@code quarkus.http.limits.max-body-size} before that).
     *
     * @return the limit
     */
    @WithDefault("8192")
    int maxEventBytes();

    /**
     * How many events one replica keeps at most without Redis, waiting for their agents and remembered as
     * duplicates; an event beyond it answers 503, so that the platform retries.
     *
     * @return the limit
     */
    @WithDefault("100000")
    int maxKeptEvents();

    /**
     * Whether an ended event writes the call's log for an agent who chose nothing ({@code always}, {@code never}).
     *
     * @return the operator's default
     */
    @WithDefault("always")
    LogCalls logCalls();

    /**
     * What agents may choose for themselves with their stream's {@code logCalls}.
     *
     * @return the choices allowed
     */
    @WithDefault("always,never")
    Set<LogCalls> allowedLogCalls();

    /**
     * The platforms events are taken from, by name (the {@code {source}} of the events' URL).
     *
     * @return the sources
     */
    Map<String, Source> sources();

    /** Whether ended calls are logged in the CRM. */
    enum LogCalls {
        /** Every ended call is logged. */
        ALWAYS,
        /** No call is logged. */
        NEVER
    }

    /** One platform posting events for one organisation. */
    interface Source {

        /**
         * The CRM whose pages pop and where calls are logged ({@code sample}, {@code pipedrive}, …).
         *
         * @return the CRM id
         */
        String crm();

        /**
         * The organisation's CRM host, one its agents' tokens allow (the organisation is the one of the tokens'
         * {@code callpop.security.tenant-hosts-claim}); defaults to the CRM's default host. Only agent streams opened
         * for this CRM host get the source's events.
         *
         * @return the host
         */
        Optional<String> hostname();

        /**
         * A regular expression every identity of the organisation's agents matches, whole and ignoring case (such as
         * {@code [^@]+@acme\\.example} where the platform names agents by e-mail): an event naming any other agent is
         * refused (422 {@code agent-outside-organisation}, nothing kept), and a stream whose agent does not match does
         * not get the source's events. Unset: any agent (callpop keeps no list of a platform's agents; an event for an
         * agent who never connects waits its time and is dropped).
         *
         * @return the pattern
         */
        Optional<String> agents();

        /**
         * API keys the platform sends in {@code x-api-key} (several while one is being replaced). Secrets: set them
         * from a secret ({@code CALLPOP_TELEPHONY_SOURCES__<NAME>__API_KEYS}); never logged.
         *
         * @return the keys
         */
        Optional<List<String>> apiKeys();

        /**
         * Standard Webhooks signing secrets ({@code whsec_<base64>}, or any other text used as it is), several while one
         * is being replaced: the platform signs {@code webhook-id.webhook-timestamp.body} with HMAC-SHA256 in
         * {@code webhook-signature}. Secrets, never logged.
         *
         * @return the secrets
         */
        Optional<List<String>> signingSecrets();

        /**
         * How far a signed event's {@code webhook-timestamp} may be from callpop's clock: older (or newer) deliveries
         * are refused, so that a captured one cannot be replayed later.
         *
         * @return the tolerance
         */
        @WithDefault("5M")
        Duration signatureTolerance();

        /**
         * How the platform's JSON becomes a call event.
         *
         * @return the mapping
         */
        Mapping mapping();
    }

    /**
     * JSON pointers (RFC 6901) into the platform's event, each a list tried in order (the first present wins), so
     * that one source can take a platform's several shapes. The defaults read callpop's own event shape:
     * {@code {"eventId", "kind", "agent", "phone", "direction", "sessionId", "startedAt", "endedAt", "notes", "result"}}.
     */
    interface Mapping {

        /**
         * Where the event's kind is; its values are {@code ringing}, {@code answered}, {@code ended} or those
         * {@link #kinds()} maps.
         *
         * @return the pointers
         */
        @WithDefault("/kind")
        List<String> kind();

        /**
         * The platform's kind values, each mapped to {@code ringing}, {@code answered} or {@code ended}.
         *
         * @return the values' kinds
         */
        Map<String, CallEvent.Kind> kinds();

        /**
         * Pointers whose presence makes an event a ringing one, for platforms whose shapes have no kind field.
         *
         * @return the pointers
         */
        Optional<List<String>> ringingIfPresent();

        /**
         * Pointers whose presence makes an event an answered one.
         *
         * @return the pointers
         */
        Optional<List<String>> answeredIfPresent();

        /**
         * Pointers whose presence makes an event an ended one (checked first).
         *
         * @return the pointers
         */
        Optional<List<String>> endedIfPresent();

        /**
         * The platform's agent: compared with the value of the token claim {@code callpop.telephony.agent-claim}.
         *
         * @return the pointers
         */
        @WithDefault("/agent")
        List<String> agent();

        /**
         * The other party's number: the caller of an inbound call, the number dialled of an outbound one.
         *
         * @return the pointers
         */
        @WithDefault("/phone")
        List<String> phone();

        /**
         * The call's direction: a text ({@code inbound}/{@code outbound}, or {@link #outboundValues()}) or a boolean
         * that is true for outbound calls (such as {@code isOutbound}).
         *
         * @return the pointers
         */
        @WithDefault("/direction")
        List<String> direction();

        /**
         * Text values of {@link #direction()} that mean outbound, besides {@code outbound}.
         *
         * @return the values
         */
        Optional<List<String>> outboundValues();

        /**
         * The direction of an event that carries none.
         *
         * @return the direction
         */
        @WithDefault("inbound")
        dev.callpop.spi.Call.Direction directionIfAbsent();

        /**
         * The call's id at the platform: the call log's idempotency key (required for ended events).
         *
         * @return the pointers
         */
        @WithDefault("/sessionId")
        List<String> sessionId();

        /**
         * When the call started (an ISO-8601 instant or date-time with offset).
         *
         * @return the pointers
         */
        @WithDefault("/startedAt")
        List<String> startedAt();

        /**
         * When the call ended.
         *
         * @return the pointers
         */
        @WithDefault("/endedAt")
        List<String> endedAt();

        /**
         * The agent's notes, for the log.
         *
         * @return the pointers
         */
        @WithDefault("/notes")
        List<String> notes();

        /**
         * How the call ended: callpop's call-log results ({@code answered}, {@code missed}, {@code voicemail},
         * {@code busy}, {@code rejected}) or the platform's values that {@link #results()} maps.
         *
         * @return the pointers
         */
        @WithDefault("/result")
        List<String> result();

        /**
         * The platform's result values, each mapped to a call-log result.
         *
         * @return the values' results
         */
        Map<String, String> results();

        /**
         * Where the event's own id is, the key its duplicates are recognised by when it is not signed (a signed event's
         * {@code webhook-id} is that key); an event with none is recognised by its body's SHA-256.
         *
         * @return the pointers
         */
        @WithDefault("/eventId")
        List<String> eventId();
    }
}
