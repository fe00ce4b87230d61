package dev.callpop.service;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The telephony client's API: list the CRMs, and report the three events. Each event answers with the
 * actions the client carries out. Everything but a CRM call runs on the I/O thread that received the
 * request (the adapter SPI's threading rules): a thread switch cost more than a known-contact call-pop.
 */
@Path("/api/v1/crms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.client-role}")
public class CrmResource {

    private static final String BODY_REQUIRED = "is required: send the event as a JSON object";

    private final CrmRegistry registry;
    private final CrmEvents events;
    private final SecurityIdentity identity;
    private final SecurityConfig security;

    CrmResource(CrmRegistry registry, CrmEvents events, SecurityIdentity identity, SecurityConfig security) {
        this.registry = registry;
        this.events = events;
        this.identity = identity;
        this.security = security;
    }

    /** @return every CRM served here, with what it can do */
    @GET
    @NonBlocking
    public CrmView.Listing list() {
        return new CrmView.Listing(registry.all().stream().map(CrmView::of).toList());
    }

    /**
     * @param crm the CRM id
     * @return the CRM and what it can do
     */
    @GET
    @Path("{crm}")
    @NonBlocking
    public CrmView describe(@PathParam("crm") String crm) {
        return CrmView.of(registry.get(crm));
    }

    /**
     * A call rang or was answered: which CRM pages to open. Answered on the I/O thread; only a look-up in
     * the CRM moves to a worker thread (see {@link CrmCalls}).
     *
     * @param crm  the CRM id
     * @param body what the client knows of the caller and the call
     * @return the pages to open
     */
    @POST
    @Path("{crm}/call-received")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<EventAnswer> callReceived(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "known contact", summary = "The client knows the caller's record id",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"42\", \"name\": \"Ada Lovelace\"}, "
                            + "\"call\": {\"id\": \"c-1\", \"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"+14155550100\"}}"),
            @ExampleObject(name = "number only", summary = "callpop looks the caller up (send X-CRM-Token for real CRMs)",
                    value = "{\"call\": {\"direction\": \"inbound\", \"phase\": \"ringing\", \"from\": \"(415) 555-0100\"}}"),
            @ExampleObject(name = "Bullhorn", summary = "A Bullhorn contact; the hostname is the user's ATS host",
                    value = "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"9876\", \"type\": \"Contact\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) CallReceivedRequest body, @BeanParam CrmHeaders.Params crmHeaders) {
        return events.callReceived(crm, body, caller(crmHeaders));
    }

    /**
     * The user wants to see a call log: the page to open.
     *
     * @param crm  the CRM id
     * @param body the log id and, when known, the contact
     * @return the page to open
     */
    @POST
    @Path("{crm}/open-log-page")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    public EventAnswer openLogPage(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "log with contact", summary = "Where log pages are off, the contact's page opens",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"logId\": \"555\", \"contact\": {\"id\": \"42\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) OpenLogPageRequest body, @BeanParam CrmHeaders.Params crmHeaders) throws Exception {
        return events.openLogPage(crm, body, caller(crmHeaders));
    }

    /**
     * The user logged out: what the client cleans up, and how the server-side clean-up went.
     *
     * @param crm  the CRM id
     * @param body the hostname and, for CRMs that revoke them, the user's CRM tokens
     * @return the clean-up actions and steps
     */
    @POST
    @Path("{crm}/logout")
    @Blocking // adapters may revoke tokens at the CRM
    @Consumes(MediaType.APPLICATION_JSON)
    public EventAnswer logout(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "Pipedrive with tokens", summary = "callpop revokes the refresh token, then the access token",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"accessToken\": \"<access>\", \"refreshToken\": \"<refresh>\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) LogoutRequest body, @BeanParam CrmHeaders.Params crmHeaders) throws Exception {
        return events.logout(crm, body, caller(crmHeaders));
    }

    private Caller caller(CrmHeaders.Params crm) {
        // Every endpoint here needs a role, so the identity is Quarkus OIDC's and its principal the verified JWT.
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        String claim = security.tenantHostsClaim();
        return new Caller(jwt.getIssuer() + "|" + jwt.getSubject(), TenantHosts.fromClaim(claim, customClaim(jwt, claim)), crm.credentials());
    }

    /** Reads the verified claims directly: smallrye-jwt's getClaim throws and catches an exception for every non-standard name. */
    private static Object customClaim(JsonWebToken jwt, String name) {
        return jwt instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(name) : jwt.getClaim(name);
    }
}
