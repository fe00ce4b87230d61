package dev.callpop.service.problem;

import jakarta.ws.rs.core.Response;

/**
 * The stable kinds of callpop's own problem responses, each with its HTTP status: the answer's
 * {@code type} is {@code urn:callpop:problem:<slug>}. Clients branch on these, never on the
 * human-readable title or detail. Adapters add kinds of their own ({@link dev.callpop.spi.CrmInputException#kind()},
 * answered 422), and an HTTP request that does not fit at all is {@code http-<status>}.
 */
public enum ProblemKind {

    /** 400: a field is missing, malformed, too long or not allowed; {@code errors} lists each. */
    INVALID_REQUEST(400, "Invalid request"),
    /** 400: the body is not JSON, or a field has the wrong JSON type. */
    MALFORMED_JSON(400, "Malformed JSON"),
    /** 400: the hostname is well-formed but not one of the CRM's hosts. */
    HOST_NOT_ALLOWED(400, "Hostname not allowed for this CRM"),
    /** 400: the contact type is not one of the CRM's. */
    UNKNOWN_CONTACT_TYPE(400, "Unknown contact type"),
    /** 400: a user's preference is well-formed but not one the operator allows for this CRM. */
    PREFERENCE_NOT_ALLOWED(400, "Preference not allowed"),
    /** 401: no bearer token, or one that is invalid, expired, from another issuer or for another audience. */
    UNAUTHENTICATED(401, "Authentication required"),
    /** 403: the token lacks the role this endpoint needs. */
    FORBIDDEN(403, "Forbidden"),
    /**
     * 403: a browser page on an origin that is not in {@code quarkus.http.cors.origins} called callpop (answered before
     * anything else is read: the detail names the origin and the setting).
     */
    ORIGIN_NOT_ALLOWED(403, "Origin not allowed"),
    /** 403: the token's organisation does not own the requested CRM host. */
    TENANT_HOST_FORBIDDEN(403, "CRM host belongs to another organisation"),
    /** 403: the sealed CRM credential ({@code X-CRM-Token}) was sealed for another CRM host than the request names. */
    CRM_CREDENTIAL_HOST_MISMATCH(403, "CRM credential is for another host"),
    /** 404: no enabled CRM has that id. */
    UNKNOWN_CRM(404, "Unknown CRM"),
    /** 403: the CRM refused the user's CRM credentials: the client must sign the user in to the CRM again. */
    CRM_REAUTHENTICATION_REQUIRED(403, "Sign in to the CRM again"),
    /** 429: the CRM is limiting requests; {@code Retry-After} says for how long, when the CRM said. */
    CRM_RATE_LIMITED(429, "CRM rate limit reached"),
    /** 503: the CRM failed or could not be reached. */
    CRM_UNAVAILABLE(503, "CRM unavailable"),
    /** 503: callpop cannot verify tokens now: its OIDC identity provider could not be reached. */
    IDENTITY_PROVIDER_UNAVAILABLE(503, "Identity provider unavailable"),
    /** 500: a bug in callpop or in an adapter; the log has the details. */
    INTERNAL_ERROR(500, "Internal error"),
    /** 404: the CRM exists but users cannot sign in to it through callpop (its adapter has no sign-in), or sign-in is off. */
    SIGN_IN_UNSUPPORTED(404, "Sign-in not supported for this CRM"),
    /** 400: the sign-in's redirect URI is not one the operator allowed ({@code callpop.sign-in.redirect-uris}). */
    REDIRECT_URI_NOT_ALLOWED(400, "Redirect URI not allowed"),
    /** 400: the sign-in {@code state} is not one callpop issued to this user for this CRM, was altered, or has expired. */
    SIGN_IN_STATE_INVALID(400, "Invalid sign-in state"),
    /** 404: the CRM exists but callpop cannot write call logs into it (its adapter has no {@code CrmCallLogs}). */
    CALL_LOGS_UNSUPPORTED(404, "Call logs not supported for this CRM"),
    /** 409: several contacts have the call's number and the log-match policy is {@code ask}: {@code contacts} lists them. */
    CONTACT_CHOICE_REQUIRED(409, "Choose the contact to log the call to"),
    /** 422: no contact has the call's number; callpop does not create contacts. */
    NO_CONTACT_FOR_NUMBER(422, "No contact has this number"),
    /** 503: the record of which sessions have their log (Redis) cannot be reached; retry with the same session id. */
    CALL_LOG_STORE_UNAVAILABLE(503, "Call-log store unavailable"),
    /** 404: no telephony source of that name is configured ({@code callpop.telephony.sources.<name>}). */
    UNKNOWN_TELEPHONY_SOURCE(404, "Unknown telephony source"),
    /** 422: a telephony event names an agent the source's {@code agents} pattern does not match: not of its organisation. */
    AGENT_OUTSIDE_ORGANISATION(422, "Agent outside the source's organisation"),
    /** 413: a telephony event is larger than {@code callpop.telephony.max-event-bytes}. */
    TELEPHONY_EVENT_TOO_LARGE(413, "Telephony event too large"),
    /** 503: callpop cannot keep telephony events now (Redis out of reach, or one replica's limit reached); the platform retries. */
    TELEPHONY_EVENT_STORE_UNAVAILABLE(503, "Telephony event store unavailable");

    /** The prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:callpop:problem:";
    /** The prefix of the kinds of HTTP requests that do not fit (path, method, media type, size). */
    static final String HTTP_PREFIX = "http-";

    private final int status;
    private final String title;

    ProblemKind(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** @return the HTTP status answered */
    public int status() {
        return status;
    }

    /** @return a short human-readable summary */
    public String title() {
        return title;
    }

    /** @return the kind's part of the problem type, such as {@code invalid-request} */
    public String slug() {
        return dev.callpop.spi.WireWords.of(this);
    }

    /**
     * The title of a kind that is not one of callpop's own.
     *
     * @param slug   an adapter's kind (for example {@code log-page-unavailable}) or {@code http-<status>}
     * @param status the HTTP status
     * @return a short human-readable summary
     */
    public static String title(String slug, int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (slug.startsWith(HTTP_PREFIX) && known != null) {
            return known.getReasonPhrase();
        }
        return Character.toUpperCase(slug.charAt(0)) + slug.substring(1).replace('-', ' ');
    }
}
