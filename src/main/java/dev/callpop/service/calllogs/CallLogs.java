package dev.callpop.service.calllogs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.crm.CrmCalls;
import dev.callpop.service.crm.CrmFailures;
import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.events.ClientContact;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.events.PopRules;
import dev.callpop.service.security.Agent;
import dev.callpop.spi.Call;
import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.PhoneNumber;
import io.smallrye.mutiny.Uni;

/**
 * Writing a call's log into the CRM, once per telephony session: who it is written to (the contact the client named,
 * or the one with the number, by the log-match policy), the record that makes it once ({@link SessionLogs}), and the
 * write itself on the CRM's threads for writes, which runs to its end even when the client stopped waiting: its result
 * is kept, and the client's retry with the same session id gets it.
 */
@Singleton
public class CallLogs {

    private static final Logger LOG = Logger.getLogger(CallLogs.class);
    static final String CREATE = "call-log-create";
    static final String UPDATE = "call-log-update";
    static final String READ = "call-log-read";
    /** Asking the CRM for the dates of the contacts a number matched, for a call log's date policy. */
    static final String CONTACT_DATES = "call-log-contact-dates";
    /** How soon a client asks again about a create still running. */
    private static final Duration ASK_AGAIN = Duration.ofSeconds(2);

    private final CrmEvents events;
    private final CrmCalls guard;
    private final SessionLogs sessions;

    CallLogs(CrmEvents events, CrmCalls guard, SessionLogs sessions) {
        this.events = events;
        this.guard = guard;
        this.sessions = sessions;
    }

    /**
     * A call to log, as the API checked it.
     *
     * @param sessionId    the telephony platform's id of the call
     * @param hostname     the client's CRM host, or {@code null} for the CRM's default
     * @param contact      the contact the client named (its id), or what it knows of the caller
     * @param phone        the number to find the contact by when it named none, or {@code null}
     * @param logMatch     the user's choice among several matches, or {@code null} for the operator's
     * @param direction    the call's direction
     * @param from         the calling number, or {@code null}
     * @param to           the called number, or {@code null}
     * @param startedAt    when the call started
     * @param duration     how long it lasted, or {@code null}
     * @param result       how it ended, or {@code null}
     * @param subject      the log's title, or {@code null} for callpop's
     * @param note         the agent's note, or {@code null}
     * @param recordingUrl the recording, or {@code null}
     */
    public record NewLog(String sessionId, String hostname, ClientContact contact, String phone, CrmsConfig.LogMatch logMatch,
                         Call.Direction direction, String from, String to, Instant startedAt, Duration duration, CallResult result,
                         String subject, String note, URI recordingUrl) {
    }

    /** How a request about a log ended. */
    public enum Outcome {
        /** This request wrote it. */
        CREATED,
        /** It was there already (the same session id, or an update or read). */
        EXISTING,
        /** Its write is still running: ask again with the same session id. */
        PENDING
    }

    /**
     * A log written, found, or still being written.
     *
     * @param outcome    how the request ended
     * @param sessionId  the session id, for a create
     * @param log        the log (its id at least), or {@code null} while pending
     * @param page       what opens it: the log's page, or the contact's where the CRM opens no log pages; {@code null} while pending
     * @param retryAfter when to ask again, while pending
     */
    public record Logged(Outcome outcome, String sessionId, CallLogRecord log, CallPop page, Duration retryAfter) {
    }

    /** The record of written logs cannot be reached: nothing was written, and the same request may be sent again. */
    public static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable() {
            super("callpop cannot reach its record of written call logs now, so it wrote nothing: send the same request again.", null, false, false);
        }

        /** @return when to send it again */
        public Duration retryAfter() {
            return ASK_AGAIN;
        }
    }

    /**
     * Several contacts have the number and the policy is to ask: the client posts again with the chosen one's id.
     */
    public static final class ContactChoiceRequired extends RuntimeException {
        private final transient List<ContactMatch> matches;

        ContactChoiceRequired(String crm, List<ContactMatch> matches) {
            super(matches.size() + " contacts of " + crm + " have this number: send contact.id with the one to log the call to.", null, false, false);
            this.matches = List.copyOf(matches);
        }

        /** @return the contacts to choose from, best first */
        public List<ContactMatch> matches() {
            return matches;
        }
    }

    /**
     * Creates a call's log, once per session id.
     *
     * @param crmId     the CRM id
     * @param log       the call
     * @param agent     the signed-in agent
     * @param arrivedAt when the request arrived ({@link System#nanoTime()}): the answer comes by then plus {@code log-timeout}
     * @return the log written (or found), or pending
     */
    public Uni<Logged> create(String crmId, NewLog log, Agent agent, long arrivedAt) {
        CrmEvents.Target target = events.target(crmId, log.hostname(), agent);
        RegisteredCrm crm = target.crm();
        CrmCallLogs logs = capability(crm);
        CrmsConfig.LogMatch policy = logMatch(crm, log.logMatch());
        return contact(target, log, policy, agent, arrivedAt).flatMap(contact -> {
            String key = crm.id() + "|" + target.context().hostname() + "|" + log.sessionId();
            CallLog call = new CallLog(log.sessionId(), contact, log.direction(), log.from(), log.to(), log.startedAt(), log.duration(),
                    log.result(), log.subject() != null ? log.subject() : subject(log, contact), log.note(), log.recordingUrl());
            Duration lease = crm.settings().logTimeout().multipliedBy(6);
            return sessions.claim(key, lease)
                    .onFailure().transform(failure -> {
                        LOG.warnf("The record of written call logs did not answer a create on CRM '%s': %s", crm.id(), failure.toString());
                        return new StoreUnavailable();
                    })
                    .flatMap(claim -> {
                        if (claim instanceof SessionLogs.Claim.Done done) {
                            return Uni.createFrom().item(existing(target, log.sessionId(), done.log(), agent));
                        }
                        if (claim instanceof SessionLogs.Claim.Running running) {
                            return Uni.createFrom().item(pending(log.sessionId(), running.retryAfter()));
                        }
                        return write(target, key, ((SessionLogs.Claim.Claimed) claim).owner(), call, logs, agent, arrivedAt);
                    });
        });
    }

    /** The write, subscribed apart from the request so that it runs to its end and its result is kept; the answer waits for it until the deadline. */
    private Uni<Logged> write(CrmEvents.Target target, String key, String owner, CallLog call, CrmCallLogs logs, Agent agent, long arrivedAt) {
        RegisteredCrm crm = target.crm();
        CompletableFuture<CallLogRecord> written = guard.write(crm, CREATE,
                        () -> logs.findLog(call.sessionId(), target.context()).orElseGet(() -> logs.createLog(call, target.context())))
                // Only a failed write gives the claim back: a log that was written never does, even when recording it fails.
                // Both name the claim's owner: a create that outlived its lease frees or overwrites no newer claim of the session.
                .onFailure().call(failure -> sessions.release(key, owner).onFailure().invoke(released ->
                        LOG.warnf("Could not release the call-log claim of a failed create on CRM '%s': %s", crm.id(), released.toString())))
                .call(record -> sessions.complete(key, owner, new SessionLogs.LoggedSession(record.logId(), call.contact().id(),
                                call.contact().type() == null ? null : call.contact().type().value()))
                        .invoke(recorded -> {
                            if (!recorded) {
                                LOG.warnf("A call log written to CRM '%s' outlived its claim's lease and a newer create of the session holds it now: "
                                        + "it was not recorded as the session's", crm.id());
                            }
                        })
                        .onFailure().invoke(unrecorded -> LOG.warnf("A call log written to CRM '%s' could not be recorded as its session's (%s): "
                                + "its claim holds until its lease ends", crm.id(), unrecorded.toString()))
                        .onFailure().recoverWithNull())
                .subscribeAsCompletionStage();
        return asOutage(crm, waitFor(crm, written, arrivedAt))
                .map(record -> record == null ? pending(call.sessionId(), ASK_AGAIN)
                        : new Logged(Outcome.CREATED, call.sessionId(), withContact(record, call.contact()), page(target, record.logId(), call.contact(), agent), null));
    }

    /** The CRM's outage (failed, busy with every write it may have, breaker open) as the 503 that says why. */
    private static <T> Uni<T> asOutage(RegisteredCrm crm, Uni<T> write) {
        return write.onFailure(CrmFailures::isOutage).transform(failure -> failure instanceof CrmUnavailableException ? failure
                : new CrmUnavailableException(crm.displayName() + CrmFailures.outageReason(crm, failure), failure));
    }

    /** The CRM's answer by the request's deadline, or {@code null} when it is still being written. */
    private static <T> Uni<T> waitFor(RegisteredCrm crm, CompletableFuture<T> write, long arrivedAt) {
        Duration left = Duration.ofNanos(arrivedAt + crm.settings().logTimeout().toNanos() - System.nanoTime());
        // A copy: giving up on it leaves the write itself running.
        Uni<T> answer = Uni.createFrom().completionStage(write.copy());
        return left.isNegative() || left.isZero() ? (write.isDone() ? answer : Uni.createFrom().nullItem())
                : answer.ifNoItem().after(left).recoverWithItem(() -> null);
    }

    /**
     * Changes a log: what is known after hang-up.
     *
     * @param crmId     the CRM id
     * @param hostname  the client's CRM host, or {@code null}
     * @param logId     the log's id
     * @param change    what changed
     * @param agent     the signed-in agent
     * @param arrivedAt when the request arrived
     * @return the log as it is now, or pending
     */
    public Uni<Logged> update(String crmId, String hostname, String logId, CallLogChange change, Agent agent, long arrivedAt) {
        return onLog(crmId, hostname, UPDATE, agent, arrivedAt, (logs, target) -> () -> logs.updateLog(logId, change, target.context()));
    }

    /**
     * Reads a log back.
     *
     * @param crmId     the CRM id
     * @param hostname  the client's CRM host, or {@code null}
     * @param logId     the log's id
     * @param agent     the signed-in agent
     * @param arrivedAt when the request arrived
     * @return the log
     */
    public Uni<Logged> read(String crmId, String hostname, String logId, Agent agent, long arrivedAt) {
        return onLog(crmId, hostname, READ, agent, arrivedAt, (logs, target) -> () -> logs.readLog(logId, target.context()));
    }

    private interface LogCall {
        Callable<CallLogRecord> of(CrmCallLogs logs, CrmEvents.Target target);
    }

    private Uni<Logged> onLog(String crmId, String hostname, String event, Agent agent, long arrivedAt, LogCall call) {
        CrmEvents.Target target = events.target(crmId, hostname, agent);
        RegisteredCrm crm = target.crm();
        CrmCallLogs logs = capability(crm);
        CompletableFuture<CallLogRecord> done = guard.write(crm, event, call.of(logs, target)).subscribeAsCompletionStage();
        return asOutage(crm, waitFor(crm, done, arrivedAt)).map(record -> record == null ? pending(null, ASK_AGAIN)
                : new Logged(Outcome.EXISTING, null, record, page(target, record.logId(), record.contact(), agent), null));
    }

    private static CrmCallLogs capability(RegisteredCrm crm) {
        if (crm.adapter() instanceof CrmCallLogs logs) {
            return logs;
        }
        throw new ProblemException(ProblemKind.CALL_LOGS_UNSUPPORTED, null, crm.displayName()
                + " has no call-log API in callpop: its pages open, but callpop writes no logs into it. GET /api/v1/crms says which CRMs log.");
    }

    private static CrmsConfig.LogMatch logMatch(RegisteredCrm crm, CrmsConfig.LogMatch chosen) {
        PopRules.checkAllowed(crm, "logMatch", chosen, crm.settings().allowedPreferences().logMatch(), crm.settingsKey() + ".allowed-preferences.log-match");
        return chosen != null ? chosen : crm.settings().logMatch();
    }

    /** The contact the client named, else the one with the number by the policy. */
    private Uni<Contact> contact(CrmEvents.Target target, NewLog log, CrmsConfig.LogMatch policy, Agent agent, long arrivedAt) {
        RegisteredCrm crm = target.crm();
        Contact named = CrmEvents.contactOf(crm, log.contact());
        if (named.id() != null) {
            return Uni.createFrom().item(named);
        }
        String raw = log.phone() != null ? log.phone() : log.contact().phone() != null ? log.contact().phone()
                : log.direction() == Call.Direction.OUTBOUND ? log.to() : log.from();
        if (raw == null) {
            throw ProblemException.invalid("contact.id", "is required: the contact to log the call to, or a phone number to find it by");
        }
        PhoneNumber phone = events.phoneNumber(raw).orElseThrow(() -> ProblemException.invalid("phone", "is not a phone number callpop can look up"));
        if (!crm.description().findsContactsByPhone()) {
            throw ProblemException.invalid("contact.id", "is required: " + crm.displayName() + " does not look contacts up by phone number");
        }
        CrmCallLogs logs = capability(crm);
        return asOutage(crm, events.callers(target, phone, agent, arrivedAt))
                .flatMap(matches -> needsDates(matches, policy)
                        // On the CRM's threads for writes: a call log's own time, not a pop's deadline.
                        ? asOutage(crm, guard.write(crm, CONTACT_DATES, () -> logs.datedMatches(matches, target.context())))
                        : Uni.createFrom().item(matches))
                .map(matches -> chosen(crm, matches, phone, policy));
    }

    /** Whether the policy chooses among these matches by a date some of them lack: then the CRM is asked for the dates. */
    private static boolean needsDates(List<ContactMatch> matches, CrmsConfig.LogMatch policy) {
        Function<ContactMatch, Instant> date = switch (policy) {
            case OLDEST -> ContactMatch::createdAt;
            case MOST_RECENTLY_UPDATED -> ContactMatch::updatedAt;
            case ASK, FIRST -> null;
        };
        return date != null && matches.size() > 1 && matches.stream().anyMatch(match -> date.apply(match) == null);
    }

    private static Contact chosen(RegisteredCrm crm, List<ContactMatch> matches, PhoneNumber phone, CrmsConfig.LogMatch policy) {
        if (matches.isEmpty()) {
            throw new ProblemException(ProblemKind.NO_CONTACT_FOR_NUMBER, "phone", "No contact of " + crm.displayName()
                    + " has this number, and callpop does not create contacts: send contact.id with the contact to log the call to.");
        }
        if (matches.size() == 1) {
            return matches.get(0).asContact(phone);
        }
        return switch (policy) {
            case ASK -> throw new ContactChoiceRequired(crm.displayName(), matches);
            case FIRST -> matches.get(0).asContact(phone);
            case MOST_RECENTLY_UPDATED -> latest(matches, ContactMatch::updatedAt, Comparator.reverseOrder()).asContact(phone);
            case OLDEST -> latest(matches, ContactMatch::createdAt, Comparator.naturalOrder()).asContact(phone);
        };
    }

    /** The match first by a date the CRM gave (matches without it last, the CRM's order kept among equals). */
    private static ContactMatch latest(List<ContactMatch> matches, Function<ContactMatch, Instant> date, Comparator<Instant> order) {
        return matches.stream().min(Comparator.comparing(date, Comparator.nullsLast(order))).orElseThrow();
    }

    private static String subject(NewLog log, Contact contact) {
        String other = log.direction() == Call.Direction.OUTBOUND ? log.to() : log.from();
        String who = contact.name() != null ? contact.name() : other != null ? other : "contact " + contact.id();
        return (log.direction() == Call.Direction.OUTBOUND ? "Outbound call to " : "Inbound call from ") + who;
    }

    private Logged existing(CrmEvents.Target target, String sessionId, SessionLogs.LoggedSession log, Agent agent) {
        Contact contact = new Contact(log.contactId(), null, null, null);
        CallLogRecord record = new CallLogRecord(log.logId(), contact, null, null, null, null);
        return new Logged(Outcome.EXISTING, sessionId, record, page(target, log.logId(), contact, agent), null);
    }

    private static Logged pending(String sessionId, Duration retryAfter) {
        return new Logged(Outcome.PENDING, sessionId, null, null, retryAfter);
    }

    private static CallLogRecord withContact(CallLogRecord record, Contact contact) {
        return record.contact() != null && record.contact().id() != null ? record
                : new CallLogRecord(record.logId(), contact, record.subject(), record.note(), record.result(), record.duration());
    }

    /** The page that opens the log: its own where the CRM opens log pages, else the contact's; none when neither can open. */
    private CallPop page(CrmEvents.Target target, String logId, Contact contact, Agent agent) {
        ClientContact known = contact == null || contact.id() == null ? null
                : new ClientContact(contact.id(), null, null, contact.type() == null ? null : contact.type().value());
        try {
            return events.openLogPage(target.crm().id(), target.context().hostname(), logId, known, target.context().userSettings(), agent);
        } catch (RuntimeException e) {
            return CallPop.nothing("The log was written; " + target.crm().displayName() + " opens neither its page nor the contact's here.");
        }
    }
}
