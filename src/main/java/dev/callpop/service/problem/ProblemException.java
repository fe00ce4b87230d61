package dev.callpop.service.problem;

/**
 * A request callpop refuses, answered as an RFC 9457 problem with a stable {@code type}. Thrown by the
 * service itself; adapters throw {@link dev.callpop.spi.CrmInputException}, which is answered the same way.
 */
public final class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final String field;

    /**
     * @param kind   the kind, which sets the status
     * @param field  the request field at fault, or {@code null}
     * @param detail what is wrong and how to fix it
     */
    public ProblemException(ProblemKind kind, String field, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    /**
     * A field of the request is missing or malformed (400 {@code invalid-request}).
     *
     * @param field   the field
     * @param message what is wrong with it, to follow its name
     * @return the problem
     */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemKind.INVALID_REQUEST, field, field + " " + message);
    }

    /** @return the kind */
    public ProblemKind kind() {
        return kind;
    }

    /** @return the field at fault, or {@code null} */
    public String field() {
        return field;
    }
}
