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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.callpop.service.api.ArrivalTimes;
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
    public Uni<SignInStartAnswer> start(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "Pipedrive", value = "{\"redirectUri\": \"chrome-extension://abcdefghijklmnopabcdefghijklmnop/oauth.html\"}"),
            @ExampleObject(name = "Bullhorn", summary = "Bullhorn needs the username to find the user's data centre",
                    value = "{\"redirectUri\": \"https://softphone.example.com/oauth/\", \"username\": \"ada.lovelace\"}")}))
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
    public Uni<SignInAnswer> complete(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "code and state", value = "{\"code\": \"<code from the redirect>\", \"state\": \"<state from the start>\"}")}))
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
    public Uni<SignInAnswer> refresh(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "refresh token", value = "{\"refreshToken\": \"<refreshToken from the sign-in>\"}")}))
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
