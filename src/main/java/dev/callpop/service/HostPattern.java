package dev.callpop.service;

/**
 * One of a CRM's hosts: an exact name ({@code crm.example.com}) or {@code *.} and a domain, standing for
 * exactly one DNS label under it ({@code *.pipedrive.com} matches {@code acme.pipedrive.com}, not
 * {@code pipedrive.com} nor {@code a.b.pipedrive.com}).
 */
record HostPattern(String pattern) {

    private static final String WILDCARD = "*.";

    /**
     * Parses a pattern from an adapter or a setting.
     *
     * @param field   the setting or adapter the pattern comes from, for the message
     * @param pattern the pattern
     * @return the checked, lowercase pattern
     * @throws IllegalArgumentException naming the field when the pattern is not a host name or {@code *.} and one
     */
    static HostPattern parse(String field, String pattern) {
        boolean wildcard = pattern.startsWith(WILDCARD);
        String name = wildcard ? pattern.substring(WILDCARD.length()) : pattern;
        try {
            return new HostPattern((wildcard ? WILDCARD : "") + Hostnames.parse(field, name));
        } catch (ProblemException e) {
            throw new IllegalArgumentException(field + ": '" + pattern + "' is not a host pattern: " + e.getMessage(), e);
        }
    }

    /**
     * @param host a lowercase host name, as {@link Hostnames#parse} returns it
     * @return whether the host is this one, or one label under this domain
     */
    boolean matches(String host) {
        if (!pattern.startsWith(WILDCARD)) {
            return pattern.equals(host);
        }
        String domain = pattern.substring(1); // ".pipedrive.com"
        return host.endsWith(domain) && host.length() > domain.length()
                && host.lastIndexOf('.', host.length() - domain.length() - 1) < 0;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
