package dev.callpop.service;

/**
 * A request callpop refuses, answered as an RFC 9457 problem with a stable {@code type}. Thrown by the
 * service itself; adapters throw {@link dev.callpop.spi.CrmInputException}, which is answered the same way.
 */
final class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String field;

    ProblemException(int status, String kind, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.field = field;
    }

    /** A field of the request is missing or malformed (400 {@code invalid-request}). */
    static ProblemException invalid(String field, String message) {
        return new ProblemException(400, ProblemKind.INVALID_REQUEST, field, field + " " + message);
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }

    String field() {
        return field;
    }
}
