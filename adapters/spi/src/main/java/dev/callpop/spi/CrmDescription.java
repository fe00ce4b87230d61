package dev.callpop.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CRM is and can do, read once by callpop at start-up and published by {@code GET /api/v1/crms}.
 *
 * @param displayName     the CRM's name as users know it, for example {@code Pipedrive}
 * @param hostPatterns    the CRM's own hosts as {@link HostPattern}s: exact names ({@code crm.example.com}), a
 *                        {@code **.} prefix for a domain and every name under it, or a {@code *.}
 *                        prefix standing for exactly one DNS label ({@code *.pipedrive.com} matches
 *                        {@code acme.pipedrive.com}, not {@code pipedrive.com} nor {@code a.b.pipedrive.com}).
 *                        Every URL the adapter returns must be on one of these (or on a host the operator added).
 * @param defaultHostname the hostname used when the client sends none, if the CRM has one host for everybody
 * @param canOpenLogPage  whether callpop opens log pages for this CRM unless the operator says otherwise
 *                        (when false, the contact page is opened instead, as RingCentral App Connect does)
 * @param findsContactsByPhone whether {@link CrmAdapter#findContacts} looks callers up in the CRM
 * @param contactTypes    the kinds of contact records, when the CRM has several (Bullhorn: Candidate,
 *                        Contact, Lead); empty when it has one kind. When not empty, a contact id comes with a type.
 */
public record CrmDescription(String displayName, List<String> hostPatterns, Optional<String> defaultHostname,
                             boolean canOpenLogPage, boolean findsContactsByPhone, List<ContactType> contactTypes) {

    /** Checks the description is complete and copies the lists. */
    public CrmDescription {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(defaultHostname, "defaultHostname");
        hostPatterns = List.copyOf(hostPatterns);
        contactTypes = List.copyOf(contactTypes);
        if (hostPatterns.isEmpty()) {
            throw new IllegalArgumentException("a CRM needs at least one host pattern");
        }
    }
}
