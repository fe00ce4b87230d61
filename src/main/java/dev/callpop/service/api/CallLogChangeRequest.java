package dev.callpop.service.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Min(value = 0, message = InputRules.DURATION_MESSAGE) @Max(value = InputRules.DURATION_MAX, message = InputRules.DURATION_MESSAGE) Integer durationSeconds,
        @Pattern(regexp = InputRules.CALL_RESULT, message = InputRules.CALL_RESULT_MESSAGE) String result,
        @Size(max = InputRules.SUBJECT_MAX, message = InputRules.SUBJECT_MESSAGE)
        @Pattern(regexp = InputRules.TEXT, message = InputRules.SUBJECT_MESSAGE) String subject,
        @Size(max = InputRules.NOTE_MAX, message = InputRules.NOTE_MESSAGE)
        @Pattern(regexp = InputRules.NOTE, message = InputRules.NOTE_MESSAGE) String note,
        @Pattern(regexp = InputRules.RECORDING_URL, message = InputRules.RECORDING_URL_MESSAGE) String recordingUrl) {
}
