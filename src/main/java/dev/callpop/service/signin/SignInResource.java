package dev.callpop.service.signin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.callpop.service.api.ApiDocs;
import dev.callpop.service.api.ArrivalTimes;
import dev.callpop.service.api.ProblemAnswers;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import dev.callpop.service.security.Agent;
import dev.callpop.service.security.SecurityConfig;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmCredentials;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Signing the user in to a CRM through callpop, for CRMs whose adapter can ({@link dev.callpop.spi.CrmSignIn}):
 * start (the CRM's authorization page and a signed {@code state}), complete (the code for the user's
 * credentials) and refresh. The telephony client never holds the app's client secret.
 */
@Path("/api/v1/crms/{crm}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.client-role}")
public class SignInResource {

    private static final String BODY_REQUIRED = "is required: send a JSON object";

    private final SignInFlow flow;
    private final SecurityIdentity identity;
    private final String hostsClaim;

    SignInResource(SignInFlow flow, SecurityIdentity identity, SecurityConfig security) {
        this.flow = flow;
        this.identity = identity;
        this.hostsClaim = security.tenantHostsClaim();
    }

    /**
     * Starts a sign-in: the CRM's authorization page for the user, and the {@code state} to send back.
     *
     * @param crm  the CRM id
     * @param body the redirect URI and what the CRM needs to find the user
     * @return the authorization page and the state
     */
    @POST
    @Path("sign-in")
    @Tag(name = "Sign-in")
    @Operation(operationId = "startSignIn", summary = "Start signing the user in to the CRM",
            description = """
            Answers the CRM's authorization page for the user (`authorizationUrl`: open it; a path is a page of callpop \
            itself, such as the sample CRM's stand-in) and callpop's signed `state`, bound to the user, the CRM and the \
            redirect URI for 10 minutes. The `redirectUri` must be under one of `callpop.sign-in.redirect-uris` (the local \
            profile allows `http://localhost:8080/demo/`). Bullhorn also needs `username`, to find the user's data centre.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "sign-in-unsupported redirect-uri-not-allowed host-not-allowed tenant-host-forbidden "
                + "crm-username-required crm-username-unknown crm-rate-limited crm-unavailable"))
    @APIResponse(responseCode = "200", description = "The authorization page and the state.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignInStartAnswer.class), examples = @ExampleObject(name = "the sample CRM", value = """
            {"crm":"sample","authorizationUrl":"/demo/sample-crm/authorize?client_id=callpop-sample&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fdemo%2F&state=eyJ…&code_challenge=…&code_challenge_method=S256",
             "state":"eyJ…"}""")))
    @APIResponse(responseCode = "400", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "a redirect URI not allowed", value = """
            {"type":"urn:callpop:problem:redirect-uri-not-allowed","title":"Redirect URI not allowed","status":400,
             "detail":"redirectUri is not one this callpop allows: ask the operator which are.","instance":"/api/v1/crms/sample/sign-in",
             "errors":[{"field":"redirectUri","message":"redirectUri is not one this callpop allows: ask the operator which are."}]}""")))
    public Uni<SignInStartAnswer> start(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "the sample CRM", summary = "Back to the demo page, as the local profile allows", value = """
                    {"redirectUri": "http://localhost:8080/demo/"}"""),
            @ExampleObject(name = "a redirect URI not allowed", summary = "Refused: not under callpop.sign-in.redirect-uris", value = """
                    {"redirectUri": "https://softphone.example.com/oauth/"}""")}))
            @Valid @NotNull(message = BODY_REQUIRED) SignInStartRequest body, RoutingContext routing) {
        return flow.start(crm, body, agent(), ArrivalTimes.of(routing));
    }

    /**
     * Completes a sign-in: callpop exchanges the code for the user's credentials.
     *
     * @param crm  the CRM id
     * @param body the code and the state
     * @return the user's credentials, sealed when a sealing key is configured
     */
    @POST
    @Path("sign-in/complete")
    @Tag(name = "Sign-in")
    @Operation(operationId = "completeSignIn", summary = "Complete the sign-in: the code for the user's CRM credentials",
            description = """
            Send the `code` and `state` the CRM put on the redirect URI. callpop checks the state and exchanges the code with \
            the app's client secret, which the client never holds. The answer's `headers` are what to send as `X-CRM-*` with \
            every event, `hostname` the user's CRM host. With `callpop.sealed-credentials.keys` set (the local profile), the \
            tokens are sealed: `refreshToken` and `X-CRM-Token` are one JWE only callpop opens, valid for \
            `callpop.sealed-credentials.lifetime` (30 days); `expiresAt` is when the CRM's access token inside expires \
            (refresh before then).""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "sign-in-unsupported sign-in-state-invalid tenant-host-forbidden crm-reauthentication-required "
                + "crm-rate-limited crm-unavailable"))
    @APIResponse(responseCode = "200", description = "The user's CRM credentials.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignInAnswer.class), examples = @ExampleObject(name = "code and state", value = """
            {"crm":"sample","sealed":true,"refreshToken":"eyJ…","expiresAt":"2026-12-03T16:00:00Z","hostname":"crm.example.com",
             "headers":{"X-CRM-Token":"eyJ…"}}""")))
    @APIResponse(responseCode = "400", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "a state callpop did not issue", value = """
            {"type":"urn:callpop:problem:sign-in-state-invalid","title":"Invalid sign-in state","status":400,
             "detail":"state is not one callpop issued to this user for this CRM. Send the state this user's sign-in started with.",
             "instance":"/api/v1/crms/sample/sign-in/complete",
             "errors":[{"field":"state","message":"state is not one callpop issued to this user for this CRM. Send the state this user's sign-in started with."}]}""")))
    public Uni<SignInAnswer> complete(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "code and state", summary = "What the CRM put on the redirect URI (the sample CRM's stand-in page answers "
                    + "exactly this body as JSON)", value = """
                    {"code": "sample-code-…", "state": "eyJ…"}"""),
            @ExampleObject(name = "a state callpop did not issue", summary = "Refused: altered, forged, expired or someone else's", value = """
                    {"code": "sample-code-x", "state": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"}""")}))
            @Valid @NotNull(message = BODY_REQUIRED) SignInCompleteRequest body, RoutingContext routing) {
        return flow.complete(crm, body, agent(), ArrivalTimes.of(routing));
    }

    /**
     * Trades a refresh token (or a sealed credential) for fresh credentials.
     *
     * @param crm  the CRM id
     * @param body the refresh token
     * @return the user's fresh credentials
     */
    @POST
    @Path("refresh")
    @Tag(name = "Sign-in")
    @Operation(operationId = "refreshSignIn", summary = "Fresh CRM credentials for a refresh token",
            description = """
            Send the `refreshToken` of the last sign-in or refresh (with sealed credentials, the sealed value; Bullhorn without \
            sealing also needs `username`). The answer is like the sign-in's; the host the CRM answers is checked again.""",
            extensions = @Extension(name = ProblemAnswers.PROBLEMS, value = "sign-in-unsupported tenant-host-forbidden crm-credential-host-mismatch "
                + "crm-reauthentication-required crm-username-required crm-rate-limited crm-unavailable"))
    @APIResponse(responseCode = "200", description = "The user's fresh CRM credentials.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignInAnswer.class), examples = @ExampleObject(name = "sealed credential", value = """
            {"crm":"sample","sealed":true,"refreshToken":"eyJ…","expiresAt":"2026-12-03T16:00:00Z","hostname":"crm.example.com",
             "headers":{"X-CRM-Token":"eyJ…"}}""")))
    @APIResponse(responseCode = "403", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON, examples = @ExampleObject(
            name = "a refresh token the CRM refuses", value = """
            {"type":"urn:callpop:problem:crm-reauthentication-required","title":"Sign in to the CRM again","status":403,
             "detail":"The sample CRM refused the refresh token. Start the sign-in again.","instance":"/api/v1/crms/sample/refresh"}""")))
    public Uni<SignInAnswer> refresh(@Parameter(description = ApiDocs.CRM_ID, example = "sample") @PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "sealed credential", summary = "The refreshToken of the sign-in", value = """
                    {"refreshToken": "eyJ…"}"""),
            @ExampleObject(name = "a refresh token the CRM refuses", summary = "Refused: sign the user in again", value = """
                    {"refreshToken": "not-a-sealed-credential"}""")}))
            @Valid @NotNull(message = BODY_REQUIRED) RefreshRequest body, RoutingContext routing) {
        return flow.refresh(crm, body, agent(), ArrivalTimes.of(routing));
    }

    /** The CRM refused the code or the refresh token: the sign-in starts again. */
    @ServerExceptionMapper
    Response crmRefused(CrmAuthenticationException e, UriInfo uri) {
        return ProblemMappers.respond(ProblemKind.CRM_REAUTHENTICATION_REQUIRED, e.getMessage() + " Start the sign-in again.", uri);
    }

    private Agent agent() {
        return Agent.of(identity, hostsClaim, CrmCredentials.NONE);
    }
}
