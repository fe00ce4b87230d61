package dev.callpop.adapter.pipedrive;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.callpop.adapter.pipedrive.PipedriveActivitiesApi.Activity;
import dev.callpop.adapter.pipedrive.PipedriveActivitiesApi.ActivityAnswer;
import dev.callpop.adapter.pipedrive.PipedriveActivitiesApi.ActivityFields;
import dev.callpop.adapter.pipedrive.PipedriveActivitiesApi.ActivityType;
import dev.callpop.adapter.pipedrive.PipedriveActivitiesApi.Participant;
import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmUnavailableException;

/**
 * Call logs as Pipedrive activities of the company's call type, with the person as primary participant and the
 * person's organization. The call type is looked up once per company host and kept a few minutes, so the types cost
 * a company one request every few minutes rather than one per log. One instance per adapter; thread-safe.
 */
class PipedriveCallLogs {

    /** How long a company's call type is kept: an admin's change of the types shows within minutes. */
    static final Duration ACTIVITY_TYPE_TTL = Duration.ofMinutes(5);

    private static final String CALL_TYPE = "call";
    private static final DateTimeFormatter DUE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DUE_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final String NUMBER = "[0-9]{1,18}";
    /** The most ids one {@code GET /api/v2/persons?ids=…} takes. */
    private static final int MAX_IDS = 100;

    private final PipedriveConfig config;
    private final PipedriveActivitiesApi activities;
    /** The call type's key by company host. */
    private final Cache<String, String> callTypes = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(ACTIVITY_TYPE_TTL)
            .build();

    PipedriveCallLogs(PipedriveConfig config, PipedriveActivitiesApi activities) {
        this.config = config;
        this.activities = activities;
    }

    CallLogRecord create(CallLog log, CrmContext context) {
        String authorization = PipedriveCrmAdapter.bearer(context, "Writing a call log to Pipedrive");
        String baseUrl = PipedriveCrmAdapter.companyApi(config, context.hostname());
        long personId = personId(log.contact().id());
        PipedriveActivitiesApi.Person person = notFoundAs(contactNotFound(log.contact().id()),
                () -> activities.person(baseUrl, authorization, personId)).data();
        String type = callTypes.get(context.hostname(), host -> callType(baseUrl, authorization));
        PipedriveNote note = new PipedriveNote(log.note(), log.recordingUrl(), log.result());
        ZonedDateTime started = log.startedAt().atZone(ZoneOffset.UTC);
        ActivityFields fields = new ActivityFields(log.subject(), type, log.result() != null || log.duration() != null,
                DUE_DATE.format(started), DUE_TIME.format(started), duration(log.duration()), note.html(),
                List.of(new Participant(personId, true)), person == null ? null : person.orgId());
        ActivityAnswer answer = activities.createActivity(baseUrl, authorization, fields);
        if (answer == null || answer.data() == null || answer.data().id() == null) {
            throw new CrmUnavailableException("Pipedrive's answer to a new activity has no activity id.", null);
        }
        return log.writtenAs(Long.toString(answer.data().id()));
    }

    /**
     * Sends only what the change sets. The note, its recording line and its result line are one field in Pipedrive:
     * a change to one of them rewrites the note, with the others as Pipedrive holds them.
     */
    CallLogRecord update(String logId, CallLogChange change, CrmContext context) {
        String authorization = PipedriveCrmAdapter.bearer(context, "Changing a call log in Pipedrive");
        String baseUrl = PipedriveCrmAdapter.companyApi(config, context.hostname());
        long id = activityId(logId);
        boolean noteChanges = change.note() != null || change.recordingUrl() != null || change.result() != null;
        if (!noteChanges && change.subject() == null && change.duration() == null) {
            return read(logId, context);
        }
        String html = null;
        if (noteChanges) {
            PipedriveNote held = change.note() != null && change.recordingUrl() != null && change.result() != null
                    ? new PipedriveNote(null, null, null)
                    : PipedriveNote.parse(activity(id, () -> activities.activity(baseUrl, authorization, id)).note());
            html = new PipedriveNote(change.note() != null ? change.note() : held.text(),
                    change.recordingUrl() != null ? change.recordingUrl() : held.recordingUrl(),
                    change.result() != null ? change.result() : held.result()).html();
        }
        Boolean done = change.result() != null || change.duration() != null ? Boolean.TRUE : null;
        ActivityFields fields = new ActivityFields(change.subject(), null, done, null, null, duration(change.duration()), html, null, null);
        return record(activity(id, () -> activities.updateActivity(baseUrl, authorization, id, fields)));
    }

    CallLogRecord read(String logId, CrmContext context) {
        String authorization = PipedriveCrmAdapter.bearer(context, "Reading a call log from Pipedrive");
        String baseUrl = PipedriveCrmAdapter.companyApi(config, context.hostname());
        long id = activityId(logId);
        return record(activity(id, () -> activities.activity(baseUrl, authorization, id)));
    }

    /** The active type keyed {@code call}, else the active type named "Call". */
    private String callType(String baseUrl, String authorization) {
        PipedriveActivitiesApi.ActivityTypes answer = activities.activityTypes(baseUrl, authorization);
        List<ActivityType> types = answer == null || answer.data() == null ? List.of() : answer.data();
        return types.stream().filter(type -> type.active() && CALL_TYPE.equals(type.keyString())).findFirst()
                .or(() -> types.stream().filter(type -> type.active() && type.keyString() != null && "Call".equalsIgnoreCase(type.name())).findFirst())
                .map(ActivityType::keyString)
                .orElseThrow(() -> new CrmInputException("call-type-missing", null,
                        "The Pipedrive company has no active activity type with the key 'call' or the name 'Call'; "
                                + "a Pipedrive admin can add or reactivate it under Company settings > Activities."));
    }

    private static CallLogRecord record(Activity activity) {
        PipedriveNote note = PipedriveNote.parse(activity.note());
        Long personId = activity.participants() == null ? null : activity.participants().stream()
                .filter(Participant::primary).map(Participant::personId).findFirst().orElse(null);
        if (personId == null) {
            personId = activity.personId();
        }
        return new CallLogRecord(Long.toString(activity.id()), personId == null ? null : Contact.withId(Long.toString(personId)),
                activity.subject(), note.text(), note.result(), duration(activity.duration()));
    }

    /** The activity, or {@code log-not-found} for Pipedrive's 404. */
    private static Activity activity(long id, Supplier<ActivityAnswer> call) {
        ActivityAnswer answer = notFoundAs(logNotFound(Long.toString(id)), call);
        if (answer == null || answer.data() == null || answer.data().id() == null) {
            throw new CrmUnavailableException("Pipedrive's answer for activity " + id + " has no activity.", null);
        }
        return answer.data();
    }

    /** Pipedrive's 404 as the input error; every other error as it comes, for callpop to map. */
    private static <T> T notFoundAs(CrmInputException notFound, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw notFound;
            }
            throw e;
        }
    }

    /**
     * The matches with their persons' {@code add_time} and {@code update_time}: one request for all of them
     * ({@code GET /api/v2/persons?ids=…}), since the persons search answers no dates. A person Pipedrive leaves out of
     * the answer, a date it does not give or that cannot be read, stays {@code null}.
     */
    List<ContactMatch> dated(List<ContactMatch> matches, CrmContext context) {
        List<String> ids = matches.stream().map(ContactMatch::id).filter(id -> id.matches(NUMBER)).distinct().limit(MAX_IDS).toList();
        if (ids.isEmpty()) {
            return matches;
        }
        String authorization = PipedriveCrmAdapter.bearer(context, "Choosing the person to log a call to in Pipedrive");
        PipedriveActivitiesApi.PersonList found = activities.persons(PipedriveCrmAdapter.companyApi(config, context.hostname()), authorization,
                String.join(",", ids), ids.size());
        Map<String, PipedriveActivitiesApi.DatedPerson> byId = found == null || found.data() == null ? Map.of()
                : found.data().stream().collect(Collectors.toMap(person -> Long.toString(person.id()), person -> person, (first, second) -> first));
        return matches.stream().map(match -> {
            PipedriveActivitiesApi.DatedPerson person = byId.get(match.id());
            return person == null ? match
                    : new ContactMatch(match.id(), match.name(), match.type(), instant(person.addTime()), instant(person.updateTime()));
        }).toList();
    }

    /** An RFC 3339 time of Pipedrive's as an instant; {@code null} when there is none or it cannot be read. */
    static Instant instant(String time) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long personId(String contactId) {
        if (!contactId.matches(NUMBER)) {
            throw contactNotFound(contactId);
        }
        return Long.parseLong(contactId);
    }

    private static long activityId(String logId) {
        if (logId == null || !logId.matches(NUMBER)) {
            throw logNotFound(logId);
        }
        return Long.parseLong(logId);
    }

    private static CrmInputException contactNotFound(String contactId) {
        return new CrmInputException("contact-not-found", "contact.id",
                "Pipedrive has no person with the id '" + contactId + "'; look the caller up again.");
    }

    private static CrmInputException logNotFound(String logId) {
        return new CrmInputException("log-not-found", "logId", "Pipedrive has no activity with the id '" + logId + "'.");
    }

    /** {@code HH:MM}, a started minute counted whole, so that a short call is not logged as none. */
    static String duration(Duration duration) {
        if (duration == null) {
            return null;
        }
        long minutes = (Math.max(0, duration.getSeconds()) + 59) / 60;
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    /** Pipedrive's {@code HH:MM} (or {@code HH:MM:SS}), or {@code null} when it has none or another form. */
    static Duration duration(String hhmm) {
        if (hhmm == null || !hhmm.matches("[0-9]{1,4}:[0-5][0-9](:[0-5][0-9])?")) {
            return null;
        }
        String[] parts = hhmm.split(":");
        Duration duration = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]));
        return parts.length == 3 ? duration.plusSeconds(Long.parseLong(parts[2])) : duration;
    }
}
