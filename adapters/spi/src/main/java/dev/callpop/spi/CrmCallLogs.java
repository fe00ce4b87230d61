package dev.callpop.spi;

import java.util.List;
import java.util.Optional;

/**
 * The optional capability of writing call logs into the CRM: the call's activity, note or event, created once per
 * telephony session, updated after hang-up, read back.
 *
 * <h2>Who implements it</h2>
 * A {@link CrmAdapter} that also implements {@code CrmCallLogs} (the same bean) writes logs; callpop answers a 4xx
 * {@code call-logs-unsupported} for every other CRM, and its CRM listing says which CRMs log. Nothing else
 * registers it.
 *
 * <h2>Once per session</h2>
 * callpop keeps which session id already has a log (in the process, or in Redis shared by every replica), lets one
 * create run per session at a time, and keeps the result of a create that outlived its caller. Before it creates a
 * log, it asks {@link #findLog}: a CRM that can find a log by the session id (Bullhorn keeps it in a Note's
 * {@code externalID}) answers it, so even a lost record of callpop's never makes a second log.
 *
 * <h2>Threading and time</h2>
 * Every method may block (it calls the CRM): callpop calls each on the CRM's own threads for writes, under the CRM's
 * write time limit ({@code callpop.crms."<id>".log-timeout}), never on the threads that serve call pops, so a CRM
 * slow to write delays no pop. A write is not interrupted at its caller's deadline: it runs to its end and callpop
 * keeps its result. Thread-safe, no per-user state.
 *
 * <h2>Errors</h2>
 * As for {@link CrmAdapter}: {@link CrmAuthenticationException} when the CRM refuses the user's credentials,
 * {@link CrmInputException} when the input cannot be written (a contact the CRM does not have: kind
 * {@code contact-not-found}), {@link CrmUnavailableException} when the CRM fails. Never put a token or the note's
 * text in a message or a log line.
 */
public interface CrmCallLogs {

    /**
     * The log this CRM already holds for a telephony session, where the CRM can find one by the session id.
     *
     * @param sessionId the session id callpop writes logs once for
     * @param context   the hostname, the user's credentials and settings
     * @return the log, or empty when there is none or the CRM cannot look logs up by session (the default)
     */
    default Optional<CallLogRecord> findLog(String sessionId, CrmContext context) {
        return Optional.empty();
    }

    /**
     * The contacts a look-up matched, with the record dates the {@code oldest} and {@code most-recently-updated}
     * log-match policies choose by ({@link ContactMatch#createdAt()}, {@link ContactMatch#updatedAt()}). callpop calls it
     * only for a call log whose policy needs dates, when several contacts matched and some came without them, so a
     * CRM whose search gives no dates pays for them only then (one request for all the matches, where it can).
     *
     * @param matches the look-up's matches, best first
     * @param context the hostname, the user's credentials and settings
     * @return the same matches in the same order, each with the dates the CRM gives (left {@code null} where it gives
     *         none); the default answers them as they are
     */
    default List<ContactMatch> datedMatches(List<ContactMatch> matches, CrmContext context) {
        return matches;
    }

    /**
     * Writes the call's log.
     *
     * @param log     the call, checked
     * @param context the hostname, the user's credentials and settings
     * @return the log written, with its id
     * @throws CrmInputException {@code contact-not-found} when the CRM has no such contact
     */
    CallLogRecord createLog(CallLog log, CrmContext context);

    /**
     * Changes a log the CRM holds; only the fields the change sets.
     *
     * @param logId   the log's id
     * @param change  what changed
     * @param context the hostname, the user's credentials and settings
     * @return the log as it is now
     * @throws CrmInputException {@code log-not-found} when the CRM has no such log
     */
    CallLogRecord updateLog(String logId, CallLogChange change, CrmContext context);

    /**
     * Reads a log back.
     *
     * @param logId   the log's id
     * @param context the hostname, the user's credentials and settings
     * @return the log
     * @throws CrmInputException {@code log-not-found} when the CRM has no such log
     */
    CallLogRecord readLog(String logId, CrmContext context);
}
