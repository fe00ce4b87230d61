package dev.callpop.service.api;

import java.util.List;

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
public record CallLogAnswer(String crm, String outcome, String sessionId, String logId, EventAnswer.Match contact, String subject, String note,
                            String result, Long durationSeconds, List<EventAnswer.Action> actions, String reason, Long retryAfterSeconds) {

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
