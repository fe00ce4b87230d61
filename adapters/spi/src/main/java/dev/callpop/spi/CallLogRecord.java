package dev.callpop.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A call log as the CRM holds it: what {@link CrmCallLogs} answers after writing or reading one.
 *
 * @param logId    the log's id in the CRM (an activity, a note): a {@link CrmRecordId}
 * @param contact  the contact it belongs to, as far as the CRM says (at least its id where it has one), or {@code null}
 * @param subject  its title, or {@code null}
 * @param note     its note as plain text (unescaped where the CRM stores markup), or {@code null}
 * @param result   how the call ended, where the CRM keeps it, or {@code null}
 * @param duration how long the call lasted, where the CRM keeps it, or {@code null}
 */
public record CallLogRecord(String logId, Contact contact, String subject, String note, CallResult result, Duration duration) {

    /** Refuses a log id that could move a URL (see {@link CrmRecordId}). */
    public CallLogRecord {
        Objects.requireNonNull(logId, "logId");
        CrmRecordId.check("logId", logId);
    }

    /**
     * @param change what changed after the call
     * @return this log with the change's fields set and the rest as they were
     */
    public CallLogRecord changedBy(CallLogChange change) {
        return new CallLogRecord(logId, contact, change.subject() != null ? change.subject() : subject,
                change.note() != null ? change.note() : note, change.result() != null ? change.result() : result,
                change.duration() != null ? change.duration() : duration);
    }
}
