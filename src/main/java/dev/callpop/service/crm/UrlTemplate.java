package dev.callpop.service.crm;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.HostPattern;

/**
 * A CRM page URL template from settings or a manifest ({@code https://{hostname}/contacts/{contactId}}):
 * the one check every such template passes before callpop starts.
 */
public final class UrlTemplate {

    /**
     * What the name of a user's own CRM setting is, as a template placeholder ({@code {contactBoardId}}) and as a
     * key of an event's {@code userSettings}: a letter, then up to 63 letters, digits or {@code _}.
     */
    public static final String USER_SETTING_NAME = "[A-Za-z][A-Za-z0-9_]{0,63}";

    /** The phone number sample templates are filled with when checked. */
    public static final String SAMPLE_PHONE = "+14155550100";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private UrlTemplate() {
    }

    /**
     * The host rule for every page callpop opens, at start-up (templates) and per answer (adapters' URLs):
     * no user info, no port, and a host that is one of the CRM's.
     *
     * @param url   the page
     * @param hosts the CRM's hosts
     * @return whether the page is on them
     */
    public static boolean isOnHosts(URI url, List<HostPattern> hosts) {
        String host = url.getHost();
        return host != null && url.getRawUserInfo() == null && url.getPort() == -1
                && hosts.stream().anyMatch(pattern -> pattern.matches(host));
    }

    /** @return the placeholder names a template uses, in order */
    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Checks a template by filling it with sample values.
     *
     * @param key      the setting it comes from, for the message
     * @param template the template
     * @param sample   a sample value for every placeholder the template may use
     * @param needsOneOf standard placeholders of which the template must use at least one (none: no such rule)
     * @param hosts    the CRM's hosts
     * @throws IllegalArgumentException naming the setting: an unknown or missing placeholder, not a URL,
     *                                  not https, a user or port, or a host that is not the CRM's
     */
    public static void check(String key, String template, Map<String, String> sample, List<Placeholder> needsOneOf, List<HostPattern> hosts) {
        Set<String> unknown = new LinkedHashSet<>(placeholders(template));
        unknown.removeAll(sample.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(key + " has the unknown placeholder(s) " + unknown + "; it may use "
                    + sample.keySet().stream().sorted().map(name -> "{" + name + "}").toList());
        }
        if (!needsOneOf.isEmpty() && needsOneOf.stream().map(Placeholder::key).noneMatch(placeholders(template)::contains)) {
            throw new IllegalArgumentException(key + " must contain " + needsOneOf.stream().map(Placeholder::toString).collect(Collectors.joining(" or ")));
        }
        URI url;
        try {
            url = UriBuilder.fromUri(template).buildFromMap(sample);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL template: " + e.getMessage(), e);
        }
        if (!"https".equals(url.getScheme())) {
            throw new IllegalArgumentException(key + " must be an https URL, not " + template);
        }
        if (!isOnHosts(url, hosts)) {
            throw new IllegalArgumentException(key + " must point at one of the CRM's hosts " + hosts + " (use {hostname}), not " + template);
        }
    }
}
