package dev.callpop.spi;

/**
 * Event: the user wants to see the CRM's record of a call.
 *
 * @param logId   the id of the log (activity, note, event) in the CRM; never {@code null}; always a {@link CrmRecordId}
 * @param contact the contact the log belongs to, or {@code null} when the client does not know it
 */
public record OpenLogPage(String logId, Contact contact) {

    /** Refuses a missing log id, or one that could move a URL (see {@link CrmRecordId}). */
    public OpenLogPage {
        java.util.Objects.requireNonNull(logId, "logId");
        CrmRecordId.check("logId", logId);
    }
}
