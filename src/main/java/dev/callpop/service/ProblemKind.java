package dev.callpop.service;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * The stable {@code type}s of callpop's problem responses: {@code urn:callpop:problem:<kind>}. Clients
 * branch on these, never on the human-readable title or detail.
 */
final class ProblemKind {

    /** The prefix of every problem type. */
    static final String TYPE_PREFIX = "urn:callpop:problem:";

    /** 400: a field is missing, malformed, too long or not allowed; {@code errors} lists each. */
    static final String INVALID_REQUEST = "invalid-request";
    /** 400: the body is not JSON, or a field has the wrong JSON type. */
    static final String MALFORMED_JSON = "malformed-json";
    /** 400: the hostname is well-formed but not one of the CRM's hosts. */
    static final String HOST_NOT_ALLOWED = "host-not-allowed";
    /** 400: the contact type is not one of the CRM's. */
    static final String UNKNOWN_CONTACT_TYPE = "unknown-contact-type";
    /** 401: no bearer token, or one that is invalid, expired, from another issuer or for another audience. */
    static final String UNAUTHENTICATED = "unauthenticated";
    /** 403: the token lacks the role this endpoint needs. */
    static final String FORBIDDEN = "forbidden";
    /** 403: the token's organisation does not own the requested CRM host. */
    static final String TENANT_HOST_FORBIDDEN = "tenant-host-forbidden";
    /** 404: no enabled CRM has that id. */
    static final String UNKNOWN_CRM = "unknown-crm";
    /** 404, 405, 406, 413, 415, …: the HTTP request itself does not fit (path, method, media type, size). */
    static final String HTTP_PREFIX = "http-";
    /** 403: the CRM refused the user's CRM credentials: the client must sign the user in to the CRM again. */
    static final String CRM_REAUTHENTICATION_REQUIRED = "crm-reauthentication-required";
    /** 429: the CRM is limiting requests; {@code Retry-After} says for how long, when the CRM said. */
    static final String CRM_RATE_LIMITED = "crm-rate-limited";
    /** 503: the CRM failed or could not be reached. */
    static final String CRM_UNAVAILABLE = "crm-unavailable";
    /** 503: callpop cannot verify tokens now: its OIDC identity provider could not be reached. */
    static final String IDENTITY_PROVIDER_UNAVAILABLE = "identity-provider-unavailable";
    /** 500: a bug in callpop or in an adapter; the log has the details. */
    static final String INTERNAL_ERROR = "internal-error";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(INVALID_REQUEST, "Invalid request"),
            Map.entry(MALFORMED_JSON, "Malformed JSON"),
            Map.entry(HOST_NOT_ALLOWED, "Hostname not allowed for this CRM"),
            Map.entry(UNKNOWN_CONTACT_TYPE, "Unknown contact type"),
            Map.entry(UNKNOWN_CRM, "Unknown CRM"),
            Map.entry(UNAUTHENTICATED, "Authentication required"),
            Map.entry(FORBIDDEN, "Forbidden"),
            Map.entry(TENANT_HOST_FORBIDDEN, "CRM host belongs to another organisation"),
            Map.entry(CRM_UNAVAILABLE, "CRM unavailable"),
            Map.entry(CRM_REAUTHENTICATION_REQUIRED, "Sign in to the CRM again"),
            Map.entry(CRM_RATE_LIMITED, "CRM rate limit reached"),
            Map.entry(IDENTITY_PROVIDER_UNAVAILABLE, "Identity provider unavailable"),
            Map.entry(INTERNAL_ERROR, "Internal error"));

    private ProblemKind() {
    }

    /**
     * @param kind   a kind of this class's or one an adapter chose (for example {@code log-page-unavailable})
     * @param status the HTTP status
     * @return a short human-readable summary of the kind
     */
    static String title(String kind, int status) {
        String title = TITLES.get(kind);
        if (title != null) {
            return title;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        if (kind.startsWith(HTTP_PREFIX) && known != null) {
            return known.getReasonPhrase();
        }
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1).replace('-', ' ');
    }
}
