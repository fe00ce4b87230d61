package dev.callpop.service.crm;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.PhoneNumber;

/** The operator's page for callers nobody matches: {@code callpop.crms."<id>".no-match-url}. */
public final class NoMatchUrl {

    private NoMatchUrl() {
    }

    /**
     * Fills the template in for one call; each value is encoded for the part of the URL it lands in.
     *
     * @param template the template, with {@code {hostname}} and {@code {phone}}
     * @param hostname the request's CRM host
     * @param phone    the caller's number
     * @return the page
     */
    public static URI build(String template, String hostname, PhoneNumber phone) {
        return UriBuilder.fromUri(template).buildFromMap(Map.of(Placeholder.HOSTNAME.key(), hostname, Placeholder.PHONE.key(), phone.e164()));
    }

    /**
     * Stops the start when the template has an unknown placeholder, is not https, or is not on the CRM's hosts.
     *
     * @param crm      the CRM
     * @param template the template
     */
    static void check(RegisteredCrm crm, String template) {
        try {
            UrlTemplate.check(crm.settingsKey() + ".no-match-url", template,
                    Map.of(Placeholder.HOSTNAME.key(), crm.exampleHost(), Placeholder.PHONE.key(), UrlTemplate.SAMPLE_PHONE), List.of(), crm.hosts());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
