package dev.callpop.service.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.callpop.service.calllogs.CallLogs;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.WireWords;

/**
 * callpop's answer about a call log: what became of it, the log as the CRM holds it, and what opens it.
 *
 * @param crm               the CRM id
 * @param outcome           {@code created} (201), {@code existing} (200: the same session, or an update or read) or
 *                          {@code pending} (202: still being written; ask again with the same session id)
 * @param sessionId         the session id, for a create
 * @param logId             the log's id in the CRM
 * @param contact           the contact it belongs to
 * @param subject           its title, where known
 * @param note              its note, where known
 * @param result            how the call ended, where known
 * @param durationSeconds   how long it lasted, where known
 * @param actions           what opens it: the log's page, or the contact's where the CRM opens no log pages
 * @param reason            why nothing opens, when nothing does
 * @param retryAfterSeconds for {@code pending}: when to ask again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"crm", "outcome", "sessionId", "logId", "contact", "subject", "note", "result", "durationSeconds", "actions", "reason",
        "retryAfterSeconds"})
@Schema(description = "What became of a call log, the log as the CRM holds it, and what opens it.", requiredProperties = {"crm", "outcome"})
public record CallLogAnswer(
        @Schema(description = "The CRM id.") String crm,
        @Schema(enumeration = {"created", "existing", "pending"}, description = "`created` (201), `existing` (200: the session's log "
                + "written before, or an update or read) or `pending` (202: still being written; ask again with the same session id).") String outcome,
        @Schema(description = "The session id, for a create.") String sessionId,
        @Schema(description = "The log's id in the CRM.") String logId,
        @Schema(description = "The contact the log belongs to.") EventAnswer.Match contact,
        @Schema(description = "Its title, where known.") String subject,
        @Schema(description = "Its note, where known.") String note,
        @Schema(enumeration = {"answered", "missed", "voicemail", "busy", "rejected", "failed"}, description = "How the call ended, where known.")
        String result,
        @Schema(description = "How long the call lasted, in seconds, where known.") Long durationSeconds,
        @Schema(description = "What opens the log: its page, or the contact's where the CRM opens no log pages.") List<EventAnswer.Action> actions,
        @Schema(description = "Why nothing opens, when nothing does.") String reason,
        @Schema(description = "For `pending`: seconds to wait before asking again (also in `Retry-After`).") Long retryAfterSeconds) {

    /**
     * @param crm    the CRM id
     * @param logged what became of the log
     * @return the answer
     */
    public static CallLogAnswer of(String crm, CallLogs.Logged logged) {
        CallLogRecord log = logged.log();
        if (log == null) {
            return new CallLogAnswer(crm, WireWords.of(logged.outcome()), logged.sessionId(), null, null, null, null, null, null, null,
                    "The log is still being written: ask again with the same session id.", logged.retryAfter().toSeconds());
        }
        EventAnswer.Match contact = log.contact() == null || log.contact().id() == null ? null
                : new EventAnswer.Match(log.contact().id(), log.contact().name(), log.contact().type() == null ? null : log.contact().type().value());
        return new CallLogAnswer(crm, WireWords.of(logged.outcome()), logged.sessionId(), log.logId(), contact, log.subject(), log.note(),
                log.result() == null ? null : WireWords.of(log.result()), log.duration() == null ? null : log.duration().toSeconds(),
                logged.page() == null ? List.of() : logged.page().actions().stream().map(EventAnswer.Action::of).toList(),
                logged.page() == null ? null : logged.page().reason(), null);
    }
}
