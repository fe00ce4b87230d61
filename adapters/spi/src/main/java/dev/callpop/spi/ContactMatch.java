package dev.callpop.spi;

/**
 * A contact the adapter found for the caller, listed to the client so the agent can choose.
 *
 * @param id   the record id in the CRM
 * @param name the contact's name, or {@code null} if the CRM has none
 * @param type the contact's type, or {@code null} for CRMs with one kind of contact
 */
public record ContactMatch(String id, String name, ContactType type) {

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
