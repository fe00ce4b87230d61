package dev.callpop.spi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One of a CRM's hosts, as written in {@link CrmDescription#hostPatterns()}, in one of three forms:
 * <ul>
 * <li>an exact name: {@code crm.example.com};</li>
 * <li>{@code *.} and a domain, standing for exactly one DNS label under it: {@code *.pipedrive.com}
 * matches {@code acme.pipedrive.com}, not {@code pipedrive.com} nor {@code a.b.pipedrive.com};</li>
 * <li>{@code **.} and a domain, standing for the domain itself and any name under it, at any depth:
 * {@code **.clio.com} matches {@code clio.com}, {@code app.clio.com} and {@code eu.app.clio.com}. This
 * is what a RingCentral App Connect {@code urlIdentifier} such as {@code *.clio.com} or {@code *clio.com}
 * becomes.</li>
 * </ul>
 * Matching is label-safe in every form: a pattern never matches a name that merely ends with the same
 * characters ({@code **.example.com} does not match {@code evilexample.com}).
 *
 * @param pattern the lowercase pattern
 */
public record HostPattern(String pattern) {

    private static final String WILDCARD = "*.";
    private static final String ANY_DEPTH = "**.";
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
     * @param pattern a host name, or {@code *.} or {@code **.} and a domain; case does not matter
     * @return the pattern
     * @throws IllegalArgumentException saying why when it is none of them
     */
    public static HostPattern parse(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (!isHostName(lower.substring(prefix(lower).length()))) {
            throw new IllegalArgumentException("'" + pattern + "' is not a host name (such as crm.example.com), *. and a domain"
                    + " (such as *.example.com, one label under it) or **. and a domain (such as **.example.com, the domain and any name under it)");
        }
        return new HostPattern(lower);
    }

    /**
     * The pattern for a domain and every name under it.
     *
     * @param domain a host name
     * @return {@code **.} and the domain
     * @throws IllegalArgumentException when the domain is not a host name
     */
    public static HostPattern domainAndBelow(String domain) {
        return parse(ANY_DEPTH + domain);
    }

    private static String prefix(String pattern) {
        return pattern.startsWith(ANY_DEPTH) ? ANY_DEPTH : pattern.startsWith(WILDCARD) ? WILDCARD : "";
    }

    /**
     * @param host a lowercase host name
     * @return whether the host is this one, one label under this domain ({@code *.}), or this domain or
     *         any name under it ({@code **.})
     */
    public boolean matches(String host) {
        String prefix = prefix(pattern);
        if (prefix.isEmpty()) {
            return pattern.equals(host);
        }
        String domain = pattern.substring(prefix.length() - 1); // ".pipedrive.com"
        boolean under = host.endsWith(domain) && host.length() > domain.length();
        if (prefix.equals(ANY_DEPTH)) {
            return under || host.equals(domain.substring(1));
        }
        return under && host.lastIndexOf('.', host.length() - domain.length() - 1) < 0;
    }

    /**
     * The name the pattern is built on: the host of an exact pattern, the domain of a wildcard one.
     *
     * @return the host or domain, without {@code *.} or {@code **.}
     */
    public String domain() {
        return pattern.substring(prefix(pattern).length());
    }

    /** @return whether this pattern also matches names any number of labels under its domain ({@code **.}) */
    public boolean isAnyDepth() {
        return prefix(pattern).equals(ANY_DEPTH);
    }

    /**
     * A host this pattern matches, for messages and for filling sample URLs: the pattern itself, or
     * {@code acme} as the label a wildcard stands for ({@code acme.pipedrive.com}).
     *
     * @return the example host
     */
    public String example() {
        return prefix(pattern).isEmpty() ? pattern : "acme." + domain();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
