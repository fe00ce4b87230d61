package dev.callpop.service.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenRedactingLogFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failed: JsonWebSignature{\"alg\":\"RS256\"}->eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl | failed: JsonWebSignature{\"alg\":\"RS256\"}-><redacted>",
            "header Authorization: Bearer abcdefgh12345678 | header Authorization: <redacted>",
            "sealed: eyJhbGciOiJBMjU2S1ciLCJlbmMiOiJBMjU2R0NNIn0.a2V5a2V5.aXZpdg.Y2lwaGVy.dGFn end | sealed: <redacted> end",
            "no token here: eyJ alone, bearer x | no token here: eyJ alone, bearer x"})
    void redactsTokenShapedText(String line, String expected) {
        assertThat(TokenRedactingLogFilter.redact(line)).isEqualTo(expected);
    }

    @Test
    void aRecordLosesItsTokensInTheMessageAndInTheExceptionChain() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";
        ExtLogRecord record = new ExtLogRecord(Level.WARN, "Token verification has failed: %s", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] {jwt});
        IllegalStateException cause = new IllegalStateException("inner " + jwt);
        record.setThrown(new RuntimeException("outer Bearer abcdefgh12345678", cause));

        assertThat(new TokenRedactingLogFilter().isLoggable(record)).as("redacted, never dropped").isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("Token verification has failed: <redacted>");
        assertThat(record.getThrown().getMessage()).isEqualTo("java.lang.RuntimeException: outer <redacted>");
        assertThat(record.getThrown().getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: inner <redacted>");
        assertThat(record.getThrown().getCause().getStackTrace()).as("where it was thrown stays").isEqualTo(cause.getStackTrace());
    }
}
