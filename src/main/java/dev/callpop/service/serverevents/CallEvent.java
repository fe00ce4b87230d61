package dev.callpop.service.serverevents;

import java.time.Duration;
import java.time.Instant;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallResult;

/**
 * A telephony platform's call event, as its source's mapping read it: no CRM credential, nothing the agent's client
 * sent. What callpop keeps of an event until it is pushed or logged.
 *
 * @param source     the source's name
 * @param id         the key its duplicates are recognised by (the signed {@code webhook-id}, the event's own id, or
 *                   its body's SHA-256)
 * @param kind       ringing, answered or ended
 * @param agent      the platform's agent, lower-cased
 * @param phone      the other party's number, or {@code null}
 * @param direction  the call's direction
 * @param sessionId  the platform's call id, or {@code null} (never for an ended event)
 * @param startedAt  when the call started, or {@code null}
 * @param endedAt    when it ended, or {@code null}
 * @param notes      the agent's notes, or {@code null}
 * @param result     how it ended, or {@code null}
 * @param receivedAt when callpop took it
 */
public record CallEvent(String source, String id, Kind kind, String agent, String phone, Call.Direction direction, String sessionId,
                        Instant startedAt, Instant endedAt, String notes, CallResult result, Instant receivedAt) {

    /** What happened to the call. */
    public enum Kind {
        /** The agent's phone rings (or an outbound call was placed). */
        RINGING,
        /** The agent answered. */
        ANSWERED,
        /** The call is over: it is logged. */
        ENDED
    }

    /** @return whom the event is for: its source and agent, the key of the agent's streams and waiting events */
    public String agentKey() {
        return agentKey(source, agent);
    }

    /**
     * @param source a source's name
     * @param agent  the agent, lower-cased
     * @return the key of that agent's streams and waiting events
     */
    static String agentKey(String source, String agent) {
        return source + "|" + agent;
    }

    /** @return how long the call lasted, when both ends are known and in order */
    Duration duration() {
        return startedAt == null || endedAt == null || endedAt.isBefore(startedAt) ? null : Duration.between(startedAt, endedAt);
    }

    @Override
    public String toString() {
        return "CallEvent[" + source + " " + id + " " + kind + "]";
    }
}
