package dev.callpop.service.serverevents;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.spi.Call;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.WireWords;

/**
 * One source's mapping from the platform's JSON to a {@link CallEvent}, by JSON pointers from settings
 * ({@link TelephonyConfig.Mapping}). Every field it cannot read is a 400 naming the field and the pointers tried.
 */
final class EventMapping {

    /** The longest text taken from an event (notes included); longer ones are refused, not cut. */
    static final int TEXT_MAX = 4000;
    private static final int ID_MAX = 256;

    private final List<JsonPointer> kind;
    private final Map<String, CallEvent.Kind> kinds;
    private final List<JsonPointer> ringingIfPresent;
    private final List<JsonPointer> answeredIfPresent;
    private final List<JsonPointer> endedIfPresent;
    private final List<JsonPointer> agent;
    private final List<JsonPointer> phone;
    private final List<JsonPointer> direction;
    private final List<String> outboundValues;
    private final Call.Direction directionIfAbsent;
    private final List<JsonPointer> sessionId;
    private final List<JsonPointer> startedAt;
    private final List<JsonPointer> endedAt;
    private final List<JsonPointer> notes;
    private final List<JsonPointer> result;
    private final Map<String, CallResult> results;
    private final List<JsonPointer> eventId;

    /**
     * @param mapping the source's settings
     * @param key     the settings' key, for messages
     * @throws IllegalStateException when a pointer or a mapped value is not one (callpop does not start)
     */
    EventMapping(TelephonyConfig.Mapping mapping, String key) {
        this.kind = pointers(mapping.kind(), key + ".kind");
        this.kinds = new HashMap<>();
        for (CallEvent.Kind each : CallEvent.Kind.values()) {
            kinds.put(WireWords.of(each), each);
        }
        kinds.putAll(mapping.kinds());
        this.ringingIfPresent = pointers(mapping.ringingIfPresent().orElse(List.of()), key + ".ringing-if-present");
        this.answeredIfPresent = pointers(mapping.answeredIfPresent().orElse(List.of()), key + ".answered-if-present");
        this.endedIfPresent = pointers(mapping.endedIfPresent().orElse(List.of()), key + ".ended-if-present");
        this.agent = pointers(mapping.agent(), key + ".agent");
        this.phone = pointers(mapping.phone(), key + ".phone");
        this.direction = pointers(mapping.direction(), key + ".direction");
        this.outboundValues = new ArrayList<>(List.of("outbound"));
        mapping.outboundValues().ifPresent(values -> values.forEach(value -> outboundValues.add(value.toLowerCase(Locale.ROOT))));
        this.directionIfAbsent = mapping.directionIfAbsent();
        this.sessionId = pointers(mapping.sessionId(), key + ".session-id");
        this.startedAt = pointers(mapping.startedAt(), key + ".started-at");
        this.endedAt = pointers(mapping.endedAt(), key + ".ended-at");
        this.notes = pointers(mapping.notes(), key + ".notes");
        this.result = pointers(mapping.result(), key + ".result");
        this.results = new HashMap<>();
        mapping.results().forEach((value, word) -> {
            try {
                results.put(value, WireWords.parse(CallResult.class, word));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + ".results." + value + " is '" + word + "', not a call-log result: one of "
                        + List.of(CallResult.values()).stream().map(WireWords::of).toList());
            }
        });
        this.eventId = pointers(mapping.eventId(), key + ".event-id");
    }

    /**
     * @param source    the source's name
     * @param body      the event, parsed
     * @param signedId  the signed delivery's {@code webhook-id}, or {@code null}
     * @param bodyHash  the body's SHA-256, the de-duplication key of last resort
     * @param receivedAt when callpop took it
     * @return the call event
     * @throws ProblemException 400 naming the first field it cannot read
     */
    CallEvent read(String source, JsonNode body, String signedId, String bodyHash, Instant receivedAt) {
        if (!body.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        CallEvent.Kind eventKind = kind(body);
        String agentId = text(body, "agent", agent).orElseThrow(() -> missing("agent", agent)).toLowerCase(Locale.ROOT);
        String session = text(body, "sessionId", sessionId).orElse(null);
        if (eventKind == CallEvent.Kind.ENDED && session == null) {
            throw ProblemException.invalid("sessionId", "is required for an ended event (the call log's idempotency key): none of "
                    + names(sessionId) + " is in the event");
        }
        String id = signedId != null ? signedId : text(body, "eventId", eventId).map(value -> "event:" + value).orElse("sha256:" + bodyHash);
        return new CallEvent(source, id, eventKind, agentId, text(body, "phone", phone).orElse(null), direction(body), session,
                time(body, "startedAt", startedAt), time(body, "endedAt", endedAt), text(body, "notes", notes).orElse(null),
                result(body), receivedAt);
    }

    private CallEvent.Kind kind(JsonNode body) {
        if (anyPresent(body, endedIfPresent)) {
            return CallEvent.Kind.ENDED;
        }
        if (anyPresent(body, answeredIfPresent)) {
            return CallEvent.Kind.ANSWERED;
        }
        if (anyPresent(body, ringingIfPresent)) {
            return CallEvent.Kind.RINGING;
        }
        String value = text(body, "kind", kind).orElseThrow(() -> missing("kind", kind));
        CallEvent.Kind mapped = kinds.get(value);
        if (mapped == null) {
            throw ProblemException.invalid("kind", "'" + value + "' is not a kind callpop takes: one of " + kinds.keySet().stream().sorted().toList());
        }
        return mapped;
    }

    private Call.Direction direction(JsonNode body) {
        Optional<JsonNode> value = first(body, direction);
        if (value.isEmpty()) {
            return directionIfAbsent;
        }
        JsonNode node = value.get();
        if (node.isBoolean()) {
            return node.booleanValue() ? Call.Direction.OUTBOUND : Call.Direction.INBOUND;
        }
        String word = node.isTextual() ? node.textValue().toLowerCase(Locale.ROOT) : "";
        if (outboundValues.contains(word)) {
            return Call.Direction.OUTBOUND;
        }
        if ("inbound".equals(word)) {
            return Call.Direction.INBOUND;
        }
        throw ProblemException.invalid("direction", "must be inbound, outbound (or one of " + outboundValues + "), or a boolean true for outbound");
    }

    private CallResult result(JsonNode body) {
        Optional<String> value = text(body, "result", result);
        if (value.isEmpty()) {
            return null;
        }
        CallResult mapped = results.get(value.get());
        if (mapped != null) {
            return mapped;
        }
        try {
            return WireWords.parse(CallResult.class, value.get());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("result", "'" + value.get() + "' is not a call-log result nor one the source maps: one of "
                    + List.of(CallResult.values()).stream().map(WireWords::of).toList());
        }
    }

    private static Instant time(JsonNode body, String field, List<JsonPointer> pointers) {
        Optional<String> value = text(body, field, pointers);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.get()).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 date-time with its offset, such as 2026-12-03T14:05:00Z");
        }
    }

    /** The first pointer's value that is present and not null: text, or a number or boolean as text. */
    private static Optional<String> text(JsonNode body, String field, List<JsonPointer> pointers) {
        return first(body, pointers).map(node -> {
            if (!node.isValueNode()) {
                throw ProblemException.invalid(field, "must be a text, number or boolean, not a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            String text = node.asText();
            int max = "notes".equals(field) ? TEXT_MAX : ID_MAX;
            if (text.isBlank() || text.length() > max || text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
                throw ProblemException.invalid(field, "must be a text of 1 to " + max + " characters without control characters");
            }
            return text;
        });
    }

    private static Optional<JsonNode> first(JsonNode body, List<JsonPointer> pointers) {
        for (JsonPointer pointer : pointers) {
            JsonNode node = body.at(pointer);
            if (!node.isMissingNode() && !node.isNull()) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    private static boolean anyPresent(JsonNode body, List<JsonPointer> pointers) {
        return first(body, pointers).isPresent();
    }

    private static ProblemException missing(String field, List<JsonPointer> pointers) {
        return ProblemException.invalid(field, "is required: none of " + names(pointers) + " is in the event");
    }

    private static List<String> names(List<JsonPointer> pointers) {
        return pointers.stream().map(JsonPointer::toString).toList();
    }

    private static List<JsonPointer> pointers(List<String> values, String key) {
        List<JsonPointer> pointers = new ArrayList<>();
        for (String value : values) {
            try {
                pointers.add(JsonPointer.compile(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + " has '" + value + "', which is not a JSON pointer (RFC 6901, such as /agent/id)");
            }
        }
        return List.copyOf(pointers);
    }
}
