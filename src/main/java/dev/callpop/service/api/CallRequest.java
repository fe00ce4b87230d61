package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;

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
        @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String id,
        @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String from,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String to,
        @Pattern(regexp = "ringing|answered", message = "must be ringing or answered") String phase) {
}
