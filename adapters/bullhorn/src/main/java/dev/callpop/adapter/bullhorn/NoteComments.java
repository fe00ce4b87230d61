package dev.callpop.adapter.bullhorn;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.WireWords;

/**
 * A call Note's {@code comments}, which Bullhorn shows as entered: plain text lines, the subject first, then the
 * agent's note, then {@code Result: answered} and {@code Recording: https://…} where known. Read back, the last
 * lines count as result and recording only when they have that shape, so a Note someone wrote in Bullhorn reads
 * as a subject and a note. Never shown in {@code toString}: it holds the agent's words.
 *
 * @param subject      the first line, or {@code null}
 * @param note         the lines between, or {@code null}
 * @param result       how the call ended, or {@code null}
 * @param recordingUrl the recording, or {@code null}
 */
record NoteComments(String subject, String note, CallResult result, URI recordingUrl) {

    private static final String RESULT = "Result: ";
    private static final String RECORDING = "Recording: ";

    /** @return the comments Bullhorn stores */
    String text() {
        List<String> lines = new ArrayList<>();
        if (subject != null) {
            lines.add(subject);
        }
        if (note != null) {
            lines.add(note);
        }
        if (result != null) {
            lines.add(RESULT + WireWords.of(result));
        }
        if (recordingUrl != null) {
            lines.add(RECORDING + recordingUrl);
        }
        return String.join("\n", lines);
    }

    /**
     * @param change what changed after the log was written
     * @return these comments with what the change sets
     */
    NoteComments with(CallLogChange change) {
        return new NoteComments(change.subject() != null ? change.subject() : subject, change.note() != null ? change.note() : note,
                change.result() != null ? change.result() : result, change.recordingUrl() != null ? change.recordingUrl() : recordingUrl);
    }

    /**
     * @param change what changed
     * @return whether it changes the comments (and not only the minutes)
     */
    static boolean changedBy(CallLogChange change) {
        return change.subject() != null || change.note() != null || change.result() != null || change.recordingUrl() != null;
    }

    /**
     * @param comments a Note's comments, or {@code null}
     * @return their parts
     */
    static NoteComments parse(String comments) {
        if (comments == null || comments.isEmpty()) {
            return new NoteComments(null, null, null, null);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(comments.split("\r?\n", -1)));
        URI recordingUrl = last(lines, RECORDING) == null ? null : recording(last(lines, RECORDING));
        if (recordingUrl != null) {
            lines.remove(lines.size() - 1);
        }
        CallResult result = last(lines, RESULT) == null ? null : result(last(lines, RESULT));
        if (result != null) {
            lines.remove(lines.size() - 1);
        }
        String subject = lines.isEmpty() ? null : lines.remove(0);
        String note = lines.isEmpty() ? null : String.join("\n", lines);
        return new NoteComments(subject, note, result, recordingUrl);
    }

    /** The value of the last line, if it starts with the label (and is not the subject line); else {@code null}. */
    private static String last(List<String> lines, String label) {
        String line = lines.size() < 2 ? "" : lines.get(lines.size() - 1);
        return line.startsWith(label) ? line.substring(label.length()) : null;
    }

    private static URI recording(String value) {
        try {
            URI uri = new URI(value);
            return "https".equals(uri.getScheme()) ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static CallResult result(String word) {
        try {
            return WireWords.parse(CallResult.class, word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "NoteComments[***]";
    }
}
