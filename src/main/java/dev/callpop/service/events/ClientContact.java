package dev.callpop.service.events;

/**
 * What the telephony client knows of a contact, before callpop checked it against the CRM. Every field
 * may be {@code null}.
 *
 * @param id    the contact's record id in the CRM
 * @param name  the contact's name, for display
 * @param phone the contact's phone number as the client sent it
 * @param type  the contact type as the client named it (the CRM's value or its display name)
 */
public record ClientContact(String id, String name, String phone, String type) {

    /** Nothing known. */
    public static final ClientContact NONE = new ClientContact(null, null, null, null);
}
