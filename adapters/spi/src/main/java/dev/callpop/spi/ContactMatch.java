package dev.callpop.spi;

/**
 * A contact the adapter found for the caller, listed to the client so the agent can choose.
 *
 * @param id   the record id in the CRM
 * @param name the contact's name, or {@code null} if the CRM has none
 * @param type the contact's type, or {@code null} for CRMs with one kind of contact
 */
public record ContactMatch(String id, String name, ContactType type) {
}
