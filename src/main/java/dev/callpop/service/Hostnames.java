package dev.callpop.service;

import java.util.Locale;

import dev.callpop.spi.HostPattern;

/**
 * What callpop accepts as a CRM hostname: a plain DNS name in ASCII (LDH labels), nothing else. No
 * scheme, user info, port, path, IP literal, trailing dot or non-ASCII look-alike letters; an
 * internationalised name must come in its punycode ({@code xn--}) form.
 */
final class Hostnames {

    static final int MAX_LENGTH = 253;

    private Hostnames() {
    }

    /**
     * Checks a hostname from a client or a setting and returns it in lowercase.
     *
     * @param field where the name came from, for the message
     * @param raw   the name
     * @return the lowercase name
     * @throws ProblemException (400 {@code invalid-request}) naming what is wrong
     */
    static String parse(String field, String raw) {
        if (raw.length() > MAX_LENGTH) {
            throw ProblemException.invalid(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalid(field,
                    "must be a plain ASCII host name (an internationalised name in its punycode xn-- form), without spaces or control characters");
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (!HostPattern.isHostName(name)) {
            throw ProblemException.invalid(field,
                    "must be a host name such as acme.example.com: letters, digits, '-' and '.', with no scheme, user, port, path or IP address");
        }
        return name;
    }
}
