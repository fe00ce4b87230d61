package dev.callpop.service.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Replaces anything shaped like a bearer token or a JWT in a log line, and in the messages of the
 * exceptions it carries, with {@code <redacted>}. Libraries callpop uses do log tokens: Quarkus OIDC's
 * "Token verification has failed" warning quotes the whole token it refused. Attached to every log
 * handler in application.properties; it runs before the handler formats the record, as text or JSON.
 */
@LoggingFilter(name = "redact-tokens")
public final class TokenRedactingLogFilter implements Filter {

    /** What a token in a log line becomes. */
    public static final String REDACTED = "<redacted>";
    private static final Pattern TOKEN = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){0,3}"
                    + "|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            if (message != null && TOKEN.matcher(message).find()) {
                ext.setMessage(redact(message), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        if (record.getThrown() != null && mentionsToken(record.getThrown())) {
            record.setThrown(redacted(record.getThrown()));
        }
        return true;
    }

    static String redact(String text) {
        return TOKEN.matcher(text).replaceAll(REDACTED);
    }

    private static boolean mentionsToken(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (TOKEN.matcher(String.valueOf(t.getMessage())).find()) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the exception chain with redacted messages and the original stack traces. */
    private static Throwable redacted(Throwable thrown) {
        Throwable copy = new RedactedException(thrown.getClass().getName() + ": " + redact(String.valueOf(thrown.getMessage())),
                thrown.getCause() == null ? null : redacted(thrown.getCause()));
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message quoted a token. */
    static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
