package dev.callpop.service;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.PhoneNumber;

/** The operator's page for callers nobody matches: {@code callpop.crms."<id>".no-match-url}. */
final class NoMatchUrl {

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
    static URI build(String template, String hostname, PhoneNumber phone) {
        return UriBuilder.fromUri(template).buildFromMap(Map.of("hostname", hostname, "phone", phone.e164()));
    }

    /**
     * Stops the start when the template has an unknown placeholder, is not https, or is not on the CRM's hosts.
     *
     * @param crm      the CRM
     * @param template the template
     */
    static void check(RegisteredCrm crm, String template) {
        String key = "callpop.crms." + crm.id() + ".no-match-url";
        String host = crm.defaultHostname().orElse(crm.hosts().get(0).pattern().replace("*", "acme"));
        URI url;
        try {
            url = build(template, host, new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + " is not a URL template with only {hostname} and {phone}: " + e.getMessage(), e);
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null || !crm.isOwnHost(url.getHost()) || url.getRawUserInfo() != null) {
            throw new IllegalStateException(key + " must be an https URL on one of the CRM's hosts " + crm.hosts() + ", not " + template);
        }
    }
}
