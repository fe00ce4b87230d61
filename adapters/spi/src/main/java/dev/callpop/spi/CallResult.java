package dev.callpop.spi;

/** How a call ended, as a call log records it (wire words: {@code answered}, {@code missed}, …). */
public enum CallResult {
    /** The agent and the other party spoke. */
    ANSWERED,
    /** Nobody picked up an inbound call. */
    MISSED,
    /** The call went to voicemail. */
    VOICEMAIL,
    /** The other party was busy. */
    BUSY,
    /** The call was declined. */
    REJECTED,
    /** The call could not be connected. */
    FAILED
}
