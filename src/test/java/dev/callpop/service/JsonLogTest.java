package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** In the prod profile each log line is one JSON object, with the request id, and no token. */
class JsonLogTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

    @Test
    void aRecordBecomesOneJsonObjectWithTheRequestIdAndNoToken() throws Exception {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.WARN, "Token verification has failed: %s, \"quoted\"", ExtLogRecord.FormatStyle.PRINTF,
                "dev.callpop.Test");
        record.setParameters(new Object[] {JWT});
        record.setLoggerName("io.quarkus.oidc.runtime.OidcProvider");
        record.setThrown(new IllegalStateException("bad token " + JWT));
        org.jboss.logmanager.MDC.put("requestId", "softphone-123");
        try {
            record.copyMdc();
            assertThat(new TokenRedactingLogFilter(true).isLoggable(record)).isTrue();
        } finally {
            org.jboss.logmanager.MDC.remove("requestId");
        }
        String line = record.getFormattedMessage();
        assertThat(line).doesNotContain("\n").doesNotContain(JWT);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("loggerName").asText()).isEqualTo("io.quarkus.oidc.runtime.OidcProvider");
        assertThat(json.path("message").asText()).isEqualTo("Token verification has failed: <redacted>, \"quoted\"");
        assertThat(json.path("mdc").path("requestId").asText()).isEqualTo("softphone-123");
        assertThat(json.path("exception").toString()).contains("bad token <redacted>");
        assertThat(record.getThrown()).as("the stack trace is inside the JSON, not after it").isNull();
    }

    @Test
    void withoutJsonTheRecordOnlyLosesItsTokens() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Bearer abcdefgh12345678 refused", ExtLogRecord.FormatStyle.NO_FORMAT, "x");
        new TokenRedactingLogFilter(false).isLoggable(record);
        assertThat(record.getFormattedMessage()).isEqualTo("<redacted> refused");
    }
}
