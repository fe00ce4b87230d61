package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The user's own pop preferences, sent with a call-received event. Every field is optional: one not sent
 * leaves the operator's setting in force, and one the operator does not allow is refused, naming it.
 *
 * @param inbound         on which phase inbound calls open pages: {@code ringing}, {@code answered} or {@code never}
 * @param outbound        the same for outbound calls
 * @param multipleMatches what several matches open: {@code open-all}, {@code first}, {@code search-page} or
 *                        {@code prompt} (the agent chooses)
 */
public record PreferencesRequest(
        @Schema(description = "On which phase inbound calls open pages: `ringing`, `answered` or `never`.")
        @Pattern(regexp = InputRules.POP_ON, message = InputRules.POP_ON_MESSAGE) String inbound,
        @Schema(description = "On which phase outbound calls open pages: `ringing`, `answered` or `never`.")
        @Pattern(regexp = InputRules.POP_ON, message = InputRules.POP_ON_MESSAGE) String outbound,
        @Schema(description = "What several matches open: `open-all`, `first`, `search-page` or `prompt` (a `choose-contact` action).")
        @Pattern(regexp = InputRules.MULTIPLE_MATCHES, message = InputRules.MULTIPLE_MATCHES_MESSAGE) String multipleMatches) {
}
