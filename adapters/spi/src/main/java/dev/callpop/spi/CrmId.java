package dev.callpop.spi;

import java.util.regex.Pattern;

/**
 * What a CRM id is ({@link CrmAdapter#id()}, a template CRM's key, an App Connect platform's id): a
 * lowercase letter, then up to 31 lowercase letters, digits and {@code -}, for example {@code pipedrive}
 * or {@code acme-crm}. It names the CRM in callpop's URLs and settings, so it is safe in both as it is.
 */
public final class CrmId {

    /** The rule, as a regular expression. */
    public static final String PATTERN = "[a-z][a-z0-9-]{0,31}";

    /** The rule in words, for messages. */
    public static final String RULE = "a lowercase letter, then at most 31 lowercase letters, digits or '-'";

    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    private CrmId() {
    }

    /**
     * @param id a candidate id, or {@code null}
     * @return whether it is a CRM id
     */
    public static boolean isValid(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
