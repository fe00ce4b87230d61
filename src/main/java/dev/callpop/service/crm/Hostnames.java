package dev.callpop.service.crm;

import java.util.Locale;
import java.util.Optional;

import dev.callpop.spi.HostPattern;

/**
 * What callpop accepts as a CRM hostname: a plain DNS name in ASCII (LDH labels), nothing else. No
 * scheme, user info, port, path, IP literal, trailing dot or non-ASCII look-alike letters; an
 * internationalised name must come in its punycode ({@code xn--}) form.
 */
public final class Hostnames {

    /** The longest DNS name. */
    public static final int MAX_LENGTH = 253;

    private Hostnames() {
    }

    /**
     * @param raw a hostname from a client or a setting
     * @return what is wrong with it, to follow the field's name in a message; empty when it is a host name
     */
    public static Optional<String> fault(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("must be a plain ASCII host name (an internationalised name in its punycode xn-- form), without spaces or control characters");
        }
        if (!HostPattern.isHostName(raw.toLowerCase(Locale.ROOT))) {
            return Optional.of("must be a host name such as acme.example.com: letters, digits, '-' and '.', with no scheme, user, port, path or IP address");
        }
        return Optional.empty();
    }

    /**
     * @param raw a hostname {@link #fault} found nothing wrong with
     * @return it in lowercase, as callpop compares and sends it
     */
    public static String normalise(String raw) {
        return raw.toLowerCase(Locale.ROOT);
    }
}
