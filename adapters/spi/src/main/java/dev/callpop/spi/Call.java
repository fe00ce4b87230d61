package dev.callpop.spi;

/**
 * The call an event is about. Any field may be {@code null} when the client did not send it.
 *
 * @param id        the telephony system's id for the call
 * @param direction inbound or outbound
 * @param from      the calling number
 * @param to        the called number
 * @param phase     ringing or answered
 */
public record Call(String id, Direction direction, String from, String to, Phase phase) {

    /** Which way a call goes, seen from the agent. */
    public enum Direction {
        /** Somebody calls the agent. */
        INBOUND,
        /** The agent calls somebody. */
        OUTBOUND
    }

    /** How far a call has got. */
    public enum Phase {
        /** The agent's phone is ringing. */
        RINGING,
        /** The agent has picked up. */
        ANSWERED
    }
}
