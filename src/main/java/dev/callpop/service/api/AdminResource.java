package dev.callpop.service.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.callpop.service.crm.CrmRegistry;

/** For operators: what callpop is configured to serve. Needs the admin role. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("${callpop.security.admin-role}")
public class AdminResource {

    private final CrmRegistry registry;

    AdminResource(CrmRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every adapter found at start-up, enabled or not, with its effective settings and the class behind it.
     *
     * @return the adapters
     */
    @GET
    @Path("crms")
    public List<AdapterAnswer> crms() {
        return registry.registered().stream().map(AdapterAnswer::of).toList();
    }
}
