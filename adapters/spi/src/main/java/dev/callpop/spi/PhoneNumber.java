package dev.callpop.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A caller's phone number, checked and normalised by callpop (with libphonenumber) before an adapter
 * sees it, in the formats CRMs commonly store.
 *
 * @param e164           {@code +14155550100}
 * @param international  {@code +1 415-555-0100}
 * @param national       {@code (415) 555-0100}
 * @param nationalDigits {@code 4155550100}
 */
public record PhoneNumber(String e164, String international, String national, String nationalDigits) {

    /** Checks every format is present. */
    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(international, "international");
        Objects.requireNonNull(national, "national");
        Objects.requireNonNull(nationalDigits, "nationalDigits");
    }

    /**
     * The distinct formats, E.164 first: for CRMs whose users type numbers however they like, an adapter
     * can search for each (RingCentral App Connect calls these "phone number formats").
     *
     * @return the formats, most canonical first
     */
    public List<String> formats() {
        return List.copyOf(new LinkedHashSet<>(List.of(e164, international, national, nationalDigits)));
    }
}
