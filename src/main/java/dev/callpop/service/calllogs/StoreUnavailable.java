package dev.callpop.service.calllogs;

import java.time.Duration;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.callpop.service.api.problem.ProblemKind;
import dev.callpop.service.api.problem.ProblemMappers;

/**
 * The record of written logs did not answer (Redis down, unreachable or hung), so a create wrote nothing: answered 503
 * {@code call-log-store-unavailable} with {@code Retry-After}; the client sends the same request, same session id, again.
 */
final class StoreUnavailable extends RuntimeException {

    /** How soon the client asks again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    StoreUnavailable() {
        super("callpop cannot reach its record of written call logs now, so it wrote nothing: send the same request again.", null, false, false);
    }

    /** The answer to it. */
    static final class Answer {
        @ServerExceptionMapper
        Response storeUnavailable(StoreUnavailable e, UriInfo uri) {
            return Response.fromResponse(ProblemMappers.respond(ProblemKind.CALL_LOG_STORE_UNAVAILABLE, e.getMessage(), uri))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER.toSeconds()).build();
        }
    }
}
