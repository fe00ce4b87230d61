package dev.callpop.spi;

/**
 * The CRM refused the user's CRM credentials (HTTP 401 or 403 from its API, or none were sent where they
 * are needed). callpop answers 403 {@code crm-reauthentication-required}: the client must sign the user in
 * to the CRM again. Never put a credential in the message.
 */
public class CrmAuthenticationException extends RuntimeException {

    /**
     * @param message what the CRM refused, for the client developer
     */
    public CrmAuthenticationException(String message) {
        super(message);
    }
}
