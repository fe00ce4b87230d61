package dev.callpop.service.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.problem.Problem;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Which browser pages may call callpop, decided before Quarkus's CORS filter sees the request:
 * <ul>
 * <li>the reference client ({@code /client/…}) is served to every origin: it carries no secret, and a softphone page
 * on any origin imports it as an ES module;</li>
 * <li>everything else stays limited to {@code quarkus.http.cors.origins} (and the page's own origin), as Quarkus's
 * CORS filter decides; a page on another origin gets a 403 {@code origin-not-allowed} problem naming its origin and the
 * setting, instead of the filter's empty 403.</li>
 * </ul>
 * The rule of which origins are allowed is Quarkus's (listed origins, {@code /regex/} entries, {@code *}, same origin);
 * this class reads the same setting so that its refusals are the filter's.
 */
@Singleton
public class BrowserOrigins {

    /** The path of the reference client's files. */
    static final String CLIENT_PATH = "/client/";
    /** The longest origin quoted back in a refusal. */
    private static final int QUOTED = 200;

    private final boolean checked;
    private final boolean anyOrigin;
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final ObjectMapper json;

    BrowserOrigins(@ConfigProperty(name = "quarkus.http.cors.enabled") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins, ObjectMapper json) {
        // Quarkus's own settings, read as its CORS filter reads them (not callpop's: they have no mapping here).
        this.checked = corsEnabled;
        this.origins = origins.orElse(List.of());
        this.anyOrigin = this.origins.size() == 1 && (this.origins.get(0).equals("*") || this.origins.get(0).equals("/.*/"));
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !checked) {
            routing.next();
        } else if (request.path().startsWith(CLIENT_PATH)) {
            clientForAnyOrigin(routing);
        } else if (allowed(origin, request)) {
            routing.next();
        } else {
            refuse(routing, origin);
        }
    }

    /** The client's files to any origin: the CORS filter does not see the origin, and the answer allows them all. */
    private static void clientForAnyOrigin(RoutingContext routing) {
        routing.request().headers().remove(HttpHeaders.ORIGIN);
        routing.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (routing.request().method() == HttpMethod.OPTIONS) {
            routing.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD").setStatusCode(204).end();
        } else {
            routing.next();
        }
    }

    private boolean allowed(String origin, HttpServerRequest request) {
        return anyOrigin || origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin) || sameOrigin(origin, request);
    }

    /** Whether the page is callpop's own (the demo): same scheme, host and port as the request. */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        HostAndPort self = request.authority();
        URI page;
        try {
            page = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = request.scheme();
        return self != null && scheme != null && scheme.equalsIgnoreCase(page.getScheme()) && self.host().equalsIgnoreCase(page.getHost())
                && port(scheme, self.port()) == port(scheme, page.getPort()) && (page.getRawPath() == null || page.getRawPath().isEmpty());
    }

    private static int port(String scheme, int port) {
        if (port >= 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private void refuse(RoutingContext routing, String origin) {
        ProblemKind kind = ProblemKind.ORIGIN_NOT_ALLOWED;
        String quoted = origin.length() > QUOTED ? origin.substring(0, QUOTED) + "…" : origin;
        String detail = "A page on " + quoted + " may not call callpop: its origin is not in quarkus.http.cors.origins. The operator adds it"
                + " there (comma-separated), for example -Dquarkus.http.cors.origins=" + quoted + " or QUARKUS_HTTP_CORS_ORIGINS="
                + quoted + ".";
        Problem problem = new Problem(ProblemKind.TYPE_PREFIX + kind.slug(), kind.title(), kind.status(), detail, routing.request().path(), List.of());
        try {
            routing.response().setStatusCode(kind.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            routing.fail(e);
        }
    }
}
