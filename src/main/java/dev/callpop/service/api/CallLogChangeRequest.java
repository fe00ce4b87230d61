package dev.callpop.service.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v1/crms/{crm}/call-logs/{logId}}: what is known after hang-up. Only the fields sent change.
 *
 * @param hostname        the user's CRM host; optional where the CRM has a default
 * @param durationSeconds how long the call lasted
 * @param result          how it ended
 * @param subject         a new title
 * @param note            a new note, plain text
 * @param recordingUrl    the recording, https
 */
public record CallLogChangeRequest(
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Schema(description = "How long the call lasted, 0 to 86400 seconds.")
        @Min(value = 0, message = InputRules.DURATION_MESSAGE) @Max(value = InputRules.DURATION_MAX, message = InputRules.DURATION_MESSAGE) Integer durationSeconds,
        @Schema(description = "How the call ended: `answered`, `missed`, `voicemail`, `busy`, `rejected` or `failed`.")
        @Pattern(regexp = InputRules.CALL_RESULT, message = InputRules.CALL_RESULT_MESSAGE) String result,
        @Schema(description = "The log's title, at most 255 characters.")
        @Size(max = InputRules.SUBJECT_MAX, message = InputRules.SUBJECT_MESSAGE)
        @Pattern(regexp = InputRules.TEXT, message = InputRules.SUBJECT_MESSAGE) String subject,
        @Schema(description = "Plain text, at most 10,000 characters: lines and tabs, no other control characters.")
        @Size(max = InputRules.NOTE_MAX, message = InputRules.NOTE_MESSAGE)
        @Pattern(regexp = InputRules.NOTE, message = InputRules.NOTE_MESSAGE) String note,
        @Schema(description = "An https URL of the call's recording, at most 2048 characters.")
        @Pattern(regexp = InputRules.RECORDING_URL, message = InputRules.RECORDING_URL_MESSAGE) String recordingUrl) {
}
