package dev.callpop.adapter.pipedrive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.callpop.spi.CallResult;
import dev.callpop.spi.WireWords;

/**
 * An activity's note as callpop writes it: the agent's plain text, then a line {@code Recording: https://…} and a
 * line {@code Result: answered} where the call has them. Pipedrive renders a note as HTML, so the whole text is
 * escaped ({@code & < > " '}) and newlines become {@code <br>}: nothing the client sends is ever markup.
 * {@link #parse} reverses exactly that.
 *
 * @param text         the agent's note, plain text, or {@code null}
 * @param recordingUrl the call's recording, or {@code null}
 * @param result       how the call ended, or {@code null}
 */
record PipedriveNote(String text, URI recordingUrl, CallResult result) {

    private static final String RECORDING = "Recording: ";
    private static final String RESULT = "Result: ";
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n]");
    private static final Pattern ESCAPED = Pattern.compile("<br>|&amp;|&lt;|&gt;|&quot;|&#39;");
    private static final Map<String, String> UNESCAPED = Map.of(
            "<br>", "\n", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'");

    /** @return the note's HTML for Pipedrive, or {@code null} when there is nothing to write */
    String html() {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            lines.add(text);
        }
        if (recordingUrl != null) {
            lines.add(RECORDING + recordingUrl);
        }
        if (result != null) {
            lines.add(RESULT + WireWords.of(result));
        }
        return lines.isEmpty() ? null : escape(String.join("\n", lines));
    }

    /**
     * The note callpop wrote, read back from Pipedrive's HTML; trailing recording and result lines are taken for
     * callpop's.
     *
     * @param html the activity's note, or {@code null}
     * @return the note
     */
    static PipedriveNote parse(String html) {
        if (html == null || html.isEmpty()) {
            return new PipedriveNote(null, null, null);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(unescape(html).split("\n", -1)));
        CallResult result = null;
        String last = lines.get(lines.size() - 1);
        if (last.startsWith(RESULT)) {
            result = resultOf(last.substring(RESULT.length()));
            if (result != null) {
                lines.remove(lines.size() - 1);
            }
        }
        URI recording = null;
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith(RECORDING + "https://")) {
            recording = uriOf(lines.get(lines.size() - 1).substring(RECORDING.length()));
            if (recording != null) {
                lines.remove(lines.size() - 1);
            }
        }
        return new PipedriveNote(lines.isEmpty() ? null : String.join("\n", lines), recording, result);
    }

    /** HTML-escapes {@code & < > " '} and turns each line break into {@code <br>}. */
    static String escape(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
        return LINE_BREAK.matcher(escaped).replaceAll("<br>");
    }

    /** The reverse of {@link #escape}, in one pass, so that an escaped {@code &amp;lt;} stays {@code &lt;}. */
    static String unescape(String html) {
        Matcher matcher = ESCAPED.matcher(html);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(text, Matcher.quoteReplacement(UNESCAPED.get(matcher.group())));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    private static CallResult resultOf(String word) {
        try {
            return WireWords.parse(CallResult.class, word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static URI uriOf(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
