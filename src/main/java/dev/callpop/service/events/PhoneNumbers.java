package dev.callpop.service.events;

import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import dev.callpop.spi.PhoneNumber;

/** Turns what a telephony client sends into a checked phone number, with Google's libphonenumber. */
@Singleton
class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    PhoneNumbers(LookupConfig config) {
        this.defaultRegion = config.defaultRegion().toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalStateException("callpop.lookup.default-region is '" + config.defaultRegion()
                    + "', which is not a region libphonenumber knows (use an ISO 3166 code such as US, GB, DE)");
        }
    }

    /**
     * @param raw what the client sent
     * @return the number in its formats, or empty when it cannot be a phone number (too short, an
     *         extension, letters, a number no region assigns)
     */
    Optional<PhoneNumber> parse(String raw) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(
                    UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                    UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL),
                    UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL),
                    UTIL.getNationalSignificantNumber(number)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
