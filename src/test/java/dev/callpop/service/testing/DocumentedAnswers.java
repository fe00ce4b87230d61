package dev.callpop.service.testing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares an answer with the one the documentation shows, ignoring only what varies between runs: in a documented
 * string, {@code …} stands for any characters (a token {@code "eyJ…"}, a code {@code "sample-code-…"}), and a
 * documented instant ({@code "2026-12-03T16:00:00Z"}) stands for any instant. Everything else is compared exactly:
 * the same members, the same array lengths, the same values.
 */
public final class DocumentedAnswers {

    /** What stands for any characters in a documented value. */
    public static final String ANYTHING = "…";

    private DocumentedAnswers() {
    }

    /**
     * @param documented the answer the documentation shows
     * @param actual     the answer callpop gave
     * @return where they differ, each as {@code path: what}; empty when the answer is the documented one
     */
    public static List<String> differences(JsonNode documented, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", documented, actual, differences);
        return differences;
    }

    /**
     * @param documented text with {@code …} for any characters
     * @param actual     the text
     * @return whether the whole text fits
     */
    public static boolean fits(String documented, String actual) {
        String pattern = Arrays.stream(documented.split(ANYTHING, -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(pattern, Pattern.DOTALL).matcher(actual).matches();
    }

    private static void compare(String path, JsonNode documented, JsonNode actual, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(path + ": missing, documented " + documented);
        } else if (documented.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + ": " + actual + " is not an object");
                return;
            }
            TreeSet<String> names = new TreeSet<>();
            documented.fieldNames().forEachRemaining(names::add);
            TreeSet<String> actualNames = new TreeSet<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!names.equals(actualNames)) {
                differences.add(path + ": members " + actualNames + ", documented " + names);
            }
            names.forEach(name -> compare(path + "." + name, documented.get(name), actual.path(name), differences));
        } else if (documented.isArray()) {
            if (!actual.isArray() || actual.size() != documented.size()) {
                differences.add(path + ": " + actual + ", documented " + documented.size() + " items");
                return;
            }
            Iterator<JsonNode> items = actual.elements();
            int index = 0;
            for (JsonNode item : documented) {
                compare(path + "[" + index++ + "]", item, items.next(), differences);
            }
        } else if (documented.isTextual() && actual.isTextual()) {
            if (!text(documented.asText(), actual.asText())) {
                differences.add(path + ": \"" + actual.asText() + "\", documented \"" + documented.asText() + "\"");
            }
        } else if (!documented.equals(actual)) {
            differences.add(path + ": " + actual + ", documented " + documented);
        }
    }

    private static boolean text(String documented, String actual) {
        if (documented.contains(ANYTHING)) {
            return fits(documented, actual);
        }
        if (instant(documented)) {
            return instant(actual);
        }
        return documented.equals(actual);
    }

    private static boolean instant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
