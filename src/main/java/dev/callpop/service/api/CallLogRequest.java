package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/crms/{crm}/call-logs}: one call to write into the CRM, once per {@code sessionId}.
 *
 * @param sessionId       the telephony platform's id of the call: a second request with it answers the same log
 * @param hostname        the user's CRM host; optional where the CRM has a default
 * @param contact         the contact to log the call to ({@code id}, and {@code type} where the CRM has several), or
 *                        what the client knows of the caller
 * @param phone           the number to find the contact by when the client names none (else the contact's, else the
 *                        call's other party)
 * @param logMatch        which contact when several have the number: {@code ask}, {@code first},
 *                        {@code most-recently-updated}, {@code oldest}; optional (the operator's {@code log-match})
 * @param direction       {@code inbound} (the default) or {@code outbound}
 * @param from            the calling number
 * @param to              the called number
 * @param startedAt       when the call started, ISO-8601 ({@code 2026-12-03T14:05:00Z}); optional (now)
 * @param durationSeconds how long it lasted; optional
 * @param result          {@code answered}, {@code missed}, {@code voicemail}, {@code busy}, {@code rejected}, {@code failed}
 * @param subject         the log's title; optional (callpop writes "Inbound call from …")
 * @param note            the agent's note, plain text
 * @param recordingUrl    the call's recording, https
 */
public record CallLogRequest(
        @Schema(description = "The telephony platform's id of the call: one log per session id.")
        @NotNull(message = "is required: the telephony platform's id of the call")
        @Pattern(regexp = InputRules.SESSION_ID, message = InputRules.SESSION_ID_MESSAGE) String sessionId,
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Schema(description = "The contact to log the call to (`id`, and `type` where the CRM has several).")
        @Valid ContactRequest contact,
        @Schema(description = "With no `contact.id`: the number to find the contact by (else the call's other party).")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String phone,
        @Schema(description = "Which contact among several with the number: `ask` (409 with the contacts), `first`, `most-recently-updated` or `oldest`; within the operator's bounds.")
        @Pattern(regexp = InputRules.LOG_MATCH, message = InputRules.LOG_MATCH_MESSAGE) String logMatch,
        @Schema(description = "`inbound` (the default) or `outbound`.")
        @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
        @Schema(description = "The calling number.")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String from,
        @Schema(description = "The called number.")
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String to,
        @Schema(description = "When the call started, an ISO-8601 instant such as `2026-12-03T14:05:00Z`; now when absent; not in the future.")
        @Size(max = 64, message = "must be an ISO-8601 instant such as 2026-12-03T14:05:00Z") String startedAt,
        @Schema(description = "How long the call lasted, 0 to 86400 seconds.")
        @Min(value = 0, message = InputRules.DURATION_MESSAGE) @Max(value = InputRules.DURATION_MAX, message = InputRules.DURATION_MESSAGE) Integer durationSeconds,
        @Schema(description = "How the call ended: `answered`, `missed`, `voicemail`, `busy`, `rejected` or `failed`.")
        @Pattern(regexp = InputRules.CALL_RESULT, message = InputRules.CALL_RESULT_MESSAGE) String result,
        @Schema(description = "The log's title, at most 255 characters; callpop writes \"Inbound call from …\" when absent.")
        @Size(max = InputRules.SUBJECT_MAX, message = InputRules.SUBJECT_MESSAGE)
        @Pattern(regexp = InputRules.TEXT, message = InputRules.SUBJECT_MESSAGE) String subject,
        @Schema(description = "Plain text, at most 10,000 characters: lines and tabs, no other control characters.")
        @Size(max = InputRules.NOTE_MAX, message = InputRules.NOTE_MESSAGE)
        @Pattern(regexp = InputRules.NOTE, message = InputRules.NOTE_MESSAGE) String note,
        @Schema(description = "An https URL of the call's recording, at most 2048 characters.")
        @Pattern(regexp = InputRules.RECORDING_URL, message = InputRules.RECORDING_URL_MESSAGE) String recordingUrl) {
}
