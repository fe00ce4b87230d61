package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the client knows of a contact. Every field is optional.
 *
 * @param id    the contact's record id in the CRM
 * @param name  the contact's name, for display
 * @param phone the contact's phone number
 * @param type  the contact type, for CRMs with several (Bullhorn: Candidate, Contact, Lead)
 */
public record ContactRequest(
        @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String id,
        @Size(max = 256, message = InputRules.TEXT_MESSAGE) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE) String name,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String phone,
        @Pattern(regexp = InputRules.TYPE, message = InputRules.TYPE_MESSAGE) String type) {
}
