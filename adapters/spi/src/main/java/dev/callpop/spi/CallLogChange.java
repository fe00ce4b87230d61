package dev.callpop.spi;

import java.net.URI;
import java.time.Duration;

/**
 * What changed about a call after its log was written (known after hang-up); a {@code null} field is left as it is.
 * Checked by callpop like {@link CallLog}'s.
 *
 * @param duration     how long the call lasted, or {@code null}
 * @param result       how it ended, or {@code null}
 * @param subject      a new title, or {@code null}
 * @param note         a new note, plain text, or {@code null}
 * @param recordingUrl the recording, https, or {@code null}
 */
public record CallLogChange(Duration duration, CallResult result, String subject, String note, URI recordingUrl) {
}
