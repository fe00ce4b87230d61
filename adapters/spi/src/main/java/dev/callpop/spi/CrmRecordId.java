package dev.callpop.spi;

import java.util.regex.Pattern;

/**
 * What callpop accepts as a CRM record id (a contact or a call log): 1 to 128 of {@code [A-Za-z0-9._-]},
 * starting with a letter or digit. Such an id can neither leave its URL path segment (no {@code /},
 * no {@code .} or {@code ..} segment) nor start a query or fragment, whatever the template it fills.
 * {@link Contact} and {@link OpenLogPage} refuse any other id, so an adapter never sees one.
 */
public final class CrmRecordId {

    /** The rule, as a regular expression. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    private static final Pattern SAFE = Pattern.compile(PATTERN);

    private CrmRecordId() {
    }

    /**
     * @param field the field the id came from, for the message
     * @param id    the id, or {@code null}
     * @return the id
     * @throws IllegalArgumentException when the id is present and breaks the rule
     */
    public static String check(String field, String id) {
        if (id != null && !SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }
}
