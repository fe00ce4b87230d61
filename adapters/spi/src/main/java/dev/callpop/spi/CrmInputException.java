package dev.callpop.spi;

/**
 * The client's input cannot be served by this CRM. callpop answers with a 4xx problem response whose
 * {@code type} ends in {@link #kind()} and whose detail is the message, so write the message for the
 * client developer who has to fix the request. Never put a secret in it.
 */
public class CrmInputException extends RuntimeException {

    private final String kind;
    private final String field;

    /**
     * @param kind    a short stable slug for this kind of problem, for example {@code log-page-unavailable}
     * @param field   the request field at fault, for example {@code contact.type}, or {@code null}
     * @param message what is wrong and how to fix it
     */
    public CrmInputException(String kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    /** @return the stable slug naming this kind of problem */
    public String kind() {
        return kind;
    }

    /** @return the request field at fault, or {@code null} */
    public String field() {
        return field;
    }
}
