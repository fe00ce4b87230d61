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

/**
 * The telephony client's API: list the CRMs, and report the three events. Each event answers with the
 * actions the client carries out.
 */
@Path("/api/v1/crms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.client-role}")
public class CrmResource {

    private static final String BODY_REQUIRED = "is required: send the event as a JSON object";

    private final CrmRegistry registry;
    private final CrmEvents events;
    private final JsonWebToken token;
    private final SecurityConfig security;

    CrmResource(CrmRegistry registry, CrmEvents events, JsonWebToken token, SecurityConfig security) {
        this.registry = registry;
        this.events = events;
        this.token = token;
        this.security = security;
    }

    /** @return every CRM served here, with what it can do */
    @GET
    public CrmView.Listing list() {
        return new CrmView.Listing(registry.all().stream().map(CrmView::of).toList());
    }

    /**
     * @param crm the CRM id
     * @return the CRM and what it can do
     */
    @GET
    @Path("{crm}")
    public CrmView describe(@PathParam("crm") String crm) {
        return CrmView.of(registry.get(crm));
    }

    /**
     * A call rang or was answered: which CRM pages to open.
     *
     * @param crm  the CRM id
     * @param body what the client knows of the caller and the call
     * @return the pages to open
     */
    @POST
    @Path("{crm}/call-received")
    @Consumes(MediaType.APPLICATION_JSON)
    public EventAnswer callReceived(@PathParam("crm") String crm,
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
    @Consumes(MediaType.APPLICATION_JSON)
    public EventAnswer logout(@PathParam("crm") String crm,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "Pipedrive with tokens", summary = "callpop revokes the refresh token, then the access token",
                    value = "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"accessToken\": \"<access>\", \"refreshToken\": \"<refresh>\"}}")}))
            @Valid @NotNull(message = BODY_REQUIRED) LogoutRequest body, @BeanParam CrmHeaders.Params crmHeaders) throws Exception {
        return events.logout(crm, body, caller(crmHeaders));
    }

    private Caller caller(CrmHeaders.Params crm) {
        String claim = security.tenantHostsClaim();
        // containsClaim first: getClaim of a non-standard claim costs an exception inside smallrye-jwt.
        Object hosts = token.containsClaim(claim) ? token.getClaim(claim) : null;
        return new Caller(token.getIssuer() + "|" + token.getSubject(), TenantHosts.fromClaim(claim, hosts), crm.credentials());
    }
}
