package dev.callpop.spi;

import java.util.Objects;

/**
 * A kind of contact record in a CRM with several (for example Bullhorn's Candidate, Contact and Lead).
 *
 * @param value   the name the CRM uses in its URLs and API, for example {@code ClientContact}
 * @param display the name users see, for example {@code Contact}; clients may send either, in any case
 */
public record ContactType(String value, String display) {

    /** Checks both names are present. */
    public ContactType {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(display, "display");
    }

    /**
     * Whether the client's word for a type names this one.
     *
     * @param name what the client sent
     * @return true when it equals the value or the display name, ignoring case
     */
    public boolean isNamedBy(String name) {
        return value.equalsIgnoreCase(name) || display.equalsIgnoreCase(name);
    }
}
