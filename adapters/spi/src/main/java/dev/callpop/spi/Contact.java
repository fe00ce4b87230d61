package dev.callpop.spi;

/**
 * What the client knows of a contact (the caller, or the contact a call log belongs to). Any field may
 * be {@code null} when the client did not send it.
 *
 * @param id    the contact's record id in the CRM; always a {@link CrmRecordId}
 * @param name  the contact's name, for display only
 * @param phone the contact's phone number as the client sent it
 * @param type  the contact's type, resolved to one of the CRM's {@link CrmDescription#contactTypes()}
 */
public record Contact(String id, String name, String phone, ContactType type) {

    /** Refuses an id that could move a URL (see {@link CrmRecordId}). */
    public Contact {
        CrmRecordId.check("contact.id", id);
    }

    /**
     * A contact known only by its id.
     *
     * @param id the record id
     * @return the contact
     */
    public static Contact withId(String id) {
        return new Contact(id, null, null, null);
    }
}
