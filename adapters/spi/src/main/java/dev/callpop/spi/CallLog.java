package dev.callpop.spi;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call, as callpop asks an adapter to write it into the CRM ({@link CrmCallLogs#createLog}). callpop has checked
 * every field: the contact is one of the CRM's records, the texts are bounded plain text without control characters,
 * the recording URL is https.
 *
 * @param sessionId   the telephony platform's id of the call: one log per session id
 * @param contact     the contact the log is written to; its id is never {@code null}
 * @param direction   the call's direction
 * @param from        the calling number, or {@code null}
 * @param to          the called number, or {@code null}
 * @param startedAt   when the call started
 * @param duration    how long it lasted, or {@code null} while unknown (a log written when the call starts)
 * @param result      how it ended, or {@code null} while unknown
 * @param subject     the log's title, never {@code null} (callpop writes one when the client sent none)
 * @param note        the agent's note, plain text (escape it where the CRM renders markup), or {@code null}
 * @param recordingUrl the call's recording, https, or {@code null}
 */
public record CallLog(String sessionId, Contact contact, Call.Direction direction, String from, String to, Instant startedAt,
                      Duration duration, CallResult result, String subject, String note, URI recordingUrl) {

    /** Checks the parts a log cannot do without. */
    public CallLog {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(contact.id(), "contact.id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * The log as the CRM holds it once written with this id: what {@link CrmCallLogs#createLog} answers where the CRM
     * keeps the call as it was sent.
     *
     * @param logId the id the CRM gave the log
     * @return the record
     */
    public CallLogRecord writtenAs(String logId) {
        return new CallLogRecord(logId, contact, subject, note, result, duration);
    }
}
