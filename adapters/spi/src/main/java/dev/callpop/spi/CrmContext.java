package dev.callpop.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What callpop settled for one request before calling the adapter.
 *
 * @param hostname       the CRM host this request is for: validated, lowercase, one of the CRM's hosts
 * @param canOpenLogPage whether log pages are opened for this CRM (the adapter's default, or the operator's setting)
 * @param credentials    the user's CRM credentials as the client sent them; {@link CrmCredentials#NONE} if none
 * @param userSettings   values of the user's own CRM settings the client sent with the event (a board id, a
 *                       workspace), by name: each name and value already checked ({@link CrmRecordId} for
 *                       values); empty when it sent none. Template CRMs fill placeholders with them.
 */
public record CrmContext(String hostname, boolean canOpenLogPage, CrmCredentials credentials, Map<String, String> userSettings) {

    /** Checks every part is present and copies the settings. */
    public CrmContext {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(credentials, "credentials");
        userSettings = Map.copyOf(userSettings);
    }

    /**
     * A context without user settings.
     *
     * @param hostname       the CRM host
     * @param canOpenLogPage whether log pages are opened
     * @param credentials    the user's CRM credentials
     */
    public CrmContext(String hostname, boolean canOpenLogPage, CrmCredentials credentials) {
        this(hostname, canOpenLogPage, credentials, Map.of());
    }

    /**
     * A context with no credentials, for tests.
     *
     * @param hostname       the CRM host
     * @param canOpenLogPage whether log pages are opened
     * @return the context
     */
    public static CrmContext of(String hostname, boolean canOpenLogPage) {
        return new CrmContext(hostname, canOpenLogPage, CrmCredentials.NONE);
    }
}
