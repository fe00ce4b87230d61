package dev.callpop.spi;

import java.time.Instant;

/**
 * A contact the adapter found for the caller, listed to the client so the agent can choose.
 *
 * @param id        the record id in the CRM
 * @param name      the contact's name, or {@code null} if the CRM has none
 * @param type      the contact's type, or {@code null} for CRMs with one kind of contact
 * @param createdAt when the record was created in the CRM, or {@code null} when the CRM did not say; a call log's
 *                  {@code oldest} policy picks by it
 * @param updatedAt when the record last changed, or {@code null}; the {@code most-recently-updated} policy picks by it
 */
public record ContactMatch(String id, String name, ContactType type, Instant createdAt, Instant updatedAt) {

    /**
     * A match without the record's dates.
     *
     * @param id   the record id in the CRM
     * @param name the contact's name, or {@code null}
     * @param type the contact's type, or {@code null}
     */
    public ContactMatch(String id, String name, ContactType type) {
        this(id, name, type, null, null);
    }

    /**
     * The matched contact, to open its page.
     *
     * @param phone the number it was found by
     * @return the contact
     */
    public Contact asContact(PhoneNumber phone) {
        return new Contact(id, name, phone.e164(), type);
    }
}
