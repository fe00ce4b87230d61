package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the client knows of a contact. Every field is optional.
 *
 * @param id    the contact's record id in the CRM
 * @param name  the contact's name, for display
 * @param phone the contact's phone number
 * @param type  the contact type, for CRMs with several (Bullhorn: Candidate, Contact, Lead)
 */
public record ContactRequest(
        @Schema(description = "The contact's record id in the CRM.")
        @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String id,
        @Schema(description = "The contact's name.")
        @Size(max = 256, message = InputRules.TEXT_MESSAGE) @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE) String name,
        @Schema(description = "The contact's phone number: with no `id`, callpop looks the caller up by it (else by the call's other party).")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String phone,
        @Schema(description = "The contact type, for CRMs with several (Bullhorn: Candidate, Contact or Lead); required with `id` there. Its value or display name, any case.")
        @Pattern(regexp = InputRules.TYPE, message = InputRules.TYPE_MESSAGE) String type) {
}
