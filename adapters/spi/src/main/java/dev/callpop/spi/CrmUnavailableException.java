package dev.callpop.spi;

/**
 * The CRM failed or could not be reached, so the request could not be served. callpop answers with a
 * 503 problem response. Never put a secret in the message.
 */
public class CrmUnavailableException extends RuntimeException {

    /**
     * @param message what failed, for the operator
     * @param cause   the underlying failure, or {@code null}
     */
    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
