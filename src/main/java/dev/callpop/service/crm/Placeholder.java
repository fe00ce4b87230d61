package dev.callpop.service.crm;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The standard placeholders of a CRM page template ({@code https://{hostname}/contacts/{contactId}}), each with the
 * request field whose value fills it. Any other placeholder is a user's own CRM setting ({@link #isUserSettingName}),
 * filled from the event's {@code userSettings}.
 */
public enum Placeholder {

    /** The CRM host of the request. */
    HOSTNAME("hostname", "hostname"),
    /** The contact's record id. */
    CONTACT_ID("contactId", "contact.id"),
    /** The contact's type, as the CRM names it in URLs. */
    CONTACT_TYPE("contactType", "contact.type"),
    /** The caller's number, E.164. */
    PHONE("phone", "contact.phone"),
    /** The call log's id. */
    LOG_ID("logId", "logId");

    private static final Pattern USER_SETTING = Pattern.compile(UrlTemplate.USER_SETTING_NAME);

    private final String key;
    private final String requestField;

    Placeholder(String key, String requestField) {
        this.key = key;
        this.requestField = requestField;
    }

    /** @return its name in a template, without braces ({@code contactId}) */
    public String key() {
        return key;
    }

    /** @return the request field that carries its value ({@code contact.id}) */
    public String requestField() {
        return requestField;
    }

    /** @return its name as a template writes it ({@code {contactId}}) */
    @Override
    public String toString() {
        return "{" + key + "}";
    }

    /**
     * @param key a placeholder's name in a template
     * @return the standard placeholder of that name, or empty for a user setting's or an unknown one
     */
    public static Optional<Placeholder> named(String key) {
        return Arrays.stream(values()).filter(placeholder -> placeholder.key.equals(key)).findFirst();
    }

    /**
     * The one rule for a user setting's name in template CRMs and App Connect manifests: a setting name
     * ({@link UrlTemplate#USER_SETTING_NAME}) that is not a standard placeholder's.
     *
     * @param name a user setting's name
     * @return whether a template CRM accepts it
     */
    public static boolean isUserSettingName(String name) {
        return USER_SETTING.matcher(name).matches() && named(name).isEmpty();
    }
}
