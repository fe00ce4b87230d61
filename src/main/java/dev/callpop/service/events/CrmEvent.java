package dev.callpop.service.events;

/** The events a telephony client reports; each one's wire word ({@code call-received}, …) names its endpoint. */
public enum CrmEvent {
    /** A call rang or was answered. */
    CALL_RECEIVED,
    /** The agent wants to see a call log. */
    OPEN_LOG_PAGE,
    /** The agent logged out. */
    LOGOUT
}
