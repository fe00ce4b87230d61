package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
        @NotNull(message = "is required: the telephony platform's id of the call")
        @Pattern(regexp = InputRules.SESSION_ID, message = InputRules.SESSION_ID_MESSAGE) String sessionId,
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Valid ContactRequest contact,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String phone,
        @Pattern(regexp = InputRules.LOG_MATCH, message = InputRules.LOG_MATCH_MESSAGE) String logMatch,
        @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String from,
        @Pattern(regexp = InputRules.PHONE, message = InputRules.PHONE_MESSAGE) String to,
        @Size(max = 64, message = "must be an ISO-8601 instant such as 2026-12-03T14:05:00Z") String startedAt,
        @Min(value = 0, message = InputRules.DURATION_MESSAGE) @Max(value = InputRules.DURATION_MAX, message = InputRules.DURATION_MESSAGE) Integer durationSeconds,
        @Pattern(regexp = InputRules.CALL_RESULT, message = InputRules.CALL_RESULT_MESSAGE) String result,
        @Size(max = InputRules.SUBJECT_MAX, message = InputRules.SUBJECT_MESSAGE)
        @Pattern(regexp = InputRules.TEXT, message = InputRules.SUBJECT_MESSAGE) String subject,
        @Size(max = InputRules.NOTE_MAX, message = InputRules.NOTE_MESSAGE)
        @Pattern(regexp = InputRules.NOTE, message = InputRules.NOTE_MESSAGE) String note,
        @Pattern(regexp = InputRules.RECORDING_URL, message = InputRules.RECORDING_URL_MESSAGE) String recordingUrl) {
}
