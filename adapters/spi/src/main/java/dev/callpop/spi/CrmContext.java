package dev.callpop.spi;

import java.util.Objects;

/**
 * What callpop settled for one request before calling the adapter.
 *
 * @param hostname       the CRM host this request is for: validated, lowercase, one of the CRM's hosts
 * @param canOpenLogPage whether log pages are opened for this CRM (the adapter's default, or the operator's setting)
 */
public record CrmContext(String hostname, boolean canOpenLogPage) {

    /** Checks the hostname is present. */
    public CrmContext {
        Objects.requireNonNull(hostname, "hostname");
    }
}
