package dev.callpop.spi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One of a CRM's hosts, as written in {@link CrmDescription#hostPatterns()}: an exact name
 * ({@code crm.example.com}) or {@code *.} and a domain, standing for exactly one DNS label under it
 * ({@code *.pipedrive.com} matches {@code acme.pipedrive.com}, not {@code pipedrive.com} nor
 * {@code a.b.pipedrive.com}).
 *
 * @param pattern the lowercase pattern
 */
public record HostPattern(String pattern) {

    private static final String WILDCARD = "*.";
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile(".*\\.[0-9]+");

    /**
     * Whether a lowercase string is a plain DNS host name: LDH labels, at least two, no IP literal, no
     * port, user, path or trailing dot, at most 253 characters.
     *
     * @param name the candidate, already lowercase
     * @return true for a host name
     */
    public static boolean isHostName(String name) {
        return name.length() <= 253 && DNS_NAME.matcher(name).matches() && !NUMERIC_LAST_LABEL.matcher(name).matches();
    }

    /**
     * Parses a pattern.
     *
     * @param pattern a host name, or {@code *.} and a domain; case does not matter
     * @return the pattern
     * @throws IllegalArgumentException saying why when it is neither
     */
    public static HostPattern parse(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        boolean wildcard = lower.startsWith(WILDCARD);
        if (!isHostName(wildcard ? lower.substring(WILDCARD.length()) : lower)) {
            throw new IllegalArgumentException("'" + pattern + "' is not a host name (such as crm.example.com) or *. and a domain (such as *.example.com)");
        }
        return new HostPattern(lower);
    }

    /**
     * @param host a lowercase host name
     * @return whether the host is this one, or one label under this domain
     */
    public boolean matches(String host) {
        if (!pattern.startsWith(WILDCARD)) {
            return pattern.equals(host);
        }
        String domain = pattern.substring(1); // ".pipedrive.com"
        return host.endsWith(domain) && host.length() > domain.length()
                && host.lastIndexOf('.', host.length() - domain.length() - 1) < 0;
    }

    /**
     * A host this pattern matches, for messages and for filling sample URLs: the pattern itself, or
     * {@code acme} as the label a wildcard stands for ({@code acme.pipedrive.com}).
     *
     * @return the example host
     */
    public String example() {
        return pattern.startsWith(WILDCARD) ? "acme." + pattern.substring(WILDCARD.length()) : pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
