package dev.callpop.service.problem;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmUnavailableException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure becomes an {@code application/problem+json} answer: bad input a 4xx that says what is
 * wrong, a CRM outage a 503, and anything else a 500 whose details stay in the log.
 */
public class ProblemMappers {

    /** The media type of every problem answer. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The status of every kind an adapter refuses input with ({@link CrmInputException#kind()}). */
    public static final int ADAPTER_STATUS = 422;
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.field() == null ? List.of() : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return respond(e.kind(), e.getMessage(), uri, errors);
    }

    @ServerExceptionMapper
    Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return respond(ProblemKind.INVALID_REQUEST, detail, uri, errors);
    }

    // Quarkus REST Jackson ships a mapper for MismatchedInputException with an empty body; ours goes first.
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    Response wrongJsonType(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String detail = "The body is not valid JSON.";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            detail = "The body does not fit the event: " + field + " has the wrong JSON type.";
        } else if (e instanceof JsonMappingException) {
            detail = "The body must be a JSON object.";
        }
        return respond(ProblemKind.MALFORMED_JSON, detail, uri, List.of());
    }

    @ServerExceptionMapper
    Response adapterRefused(CrmInputException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.field() == null ? List.of() : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return respond(ADAPTER_STATUS, e.kind(), ProblemKind.title(e.kind(), ADAPTER_STATUS), e.getMessage(), uri, errors);
    }

    @ServerExceptionMapper
    Response crmRateLimited(CrmRateLimitedException e, UriInfo uri) {
        Response problem = respond(ProblemKind.CRM_RATE_LIMITED, e.getMessage(), uri, List.of());
        return e.retryAfter()
                .map(wait -> Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, wait.toSeconds()).build())
                .orElse(problem);
    }

    @ServerExceptionMapper
    Response crmUnavailable(CrmUnavailableException e, UriInfo uri) {
        LOG.warnf("CRM unavailable on %s: %s", uri.getPath(), e.getMessage());
        return respond(ProblemKind.CRM_UNAVAILABLE, e.getMessage(), uri, List.of());
    }

    // Authentication is not proactive (application.properties), so these reach the mappers.
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response problem = respond(ProblemKind.UNAUTHENTICATED,
                "Send a valid bearer token from the configured issuer, for this service's audience, naming its user (sub): Authorization: Bearer <token>.",
                uri, List.of());
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    // Quarkus OIDC could not reach the issuer to verify a token: an outage the client may retry, not a bug.
    @ServerExceptionMapper
    Response identityProviderUnavailable(OIDCException e, UriInfo uri) {
        LOG.warnf("Identity provider unavailable on %s: %s", uri.getPath(), e.getMessage());
        return respond(ProblemKind.IDENTITY_PROVIDER_UNAVAILABLE,
                "callpop cannot verify tokens right now: its identity provider could not be reached. Try again shortly.", uri, List.of());
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemKind.FORBIDDEN, "The token does not carry the role this endpoint needs.", uri, List.of());
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            // The JSON reader wraps a syntax error in a plain 400.
            return malformedJson(json, uri);
        }
        if (status >= 500) {
            return bug(e, uri);
        }
        String slug = ProblemKind.HTTP_PREFIX + status;
        return respond(status, slug, ProblemKind.title(slug, status), hint(status), uri, List.of());
    }

    @ServerExceptionMapper
    Response bug(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Internal error on %s", uri.getPath());
        return respond(ProblemKind.INTERNAL_ERROR, "callpop failed to answer; the server log has the details.", uri, List.of());
    }

    private static String hint(int status) {
        return switch (status) {
            case 404 -> "No such endpoint. The events are POST /api/v1/crms/{crm}/call-received, open-log-page and logout.";
            case 405 -> "This endpoint does not take that HTTP method.";
            case 406 -> "callpop answers in application/json only.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The HTTP request was refused.";
        };
    }

    /** A map key safe to name in a field (a bad key is named by its map alone). */
    private static final Pattern MAP_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.length() == 0 ? "" : ".").append(node.getName());
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getKey() instanceof String key && MAP_KEY.matcher(key).matches()) {
                field.append('.').append(key); // a map's entry: userSettings.boardId
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    /**
     * @param kind   the kind
     * @param detail what is wrong and how to fix it
     * @param uri    the request's URI
     * @return the problem answer
     */
    public static Response respond(ProblemKind kind, String detail, UriInfo uri) {
        return respond(kind, detail, uri, List.of());
    }

    private static Response respond(ProblemKind kind, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(kind.status(), kind.slug(), kind.title(), detail, uri, errors);
    }

    private static Response respond(int status, String slug, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem problem = new Problem(ProblemKind.TYPE_PREFIX + slug, title, status, detail, uri.getPath(), errors);
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }
}
