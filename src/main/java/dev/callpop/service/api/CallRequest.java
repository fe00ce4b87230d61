package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The call an event is about. Every field is optional.
 *
 * @param id        the telephony system's call id
 * @param direction {@code inbound} or {@code outbound}
 * @param from      the calling number
 * @param to        the called number
 * @param phase     {@code ringing} or {@code answered}
 */
public record CallRequest(
        @Schema(description = "The telephony platform's id of the call.")
        @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String id,
        @Schema(description = "`inbound` (the default) or `outbound`.")
        @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
        @Schema(description = "The calling number.")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String from,
        @Schema(description = "The called number.")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String to,
        @Schema(description = "`ringing` or `answered`; pop rules decide on which the page opens. A missing phase pops.")
        @Pattern(regexp = "ringing|answered", message = "must be ringing or answered") String phase) {
}
