package dev.callpop.service.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    @Tag(name = "Admin")
    @Operation(operationId = "adminListCrms", summary = "Every CRM found, with its effective settings",
            description = "For operators: every CRM adapter and template CRM found at start-up, enabled or not, what defines it (a class, a "
                    + "setting or an App Connect manifest entry) and its effective settings. Needs the admin role.")
    public List<AdapterAnswer> crms() {
        return registry.registered().stream().map(AdapterAnswer::of).toList();
    }
}
