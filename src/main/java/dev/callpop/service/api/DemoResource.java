package dev.callpop.service.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The demo softphone page, for development and demos only: {@code /demo/}. Served only where
 * {@code callpop.demo.enabled} is true (the local, dev and test profiles); elsewhere it is a 404.
 */
@Path("/demo/")
@PermitAll
public class DemoResource {

    private final boolean enabled;

    DemoResource(DemoConfig config) {
        this.enabled = config.enabled();
    }

    /** @return the page */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public byte[] page() throws IOException {
        if (!enabled) {
            throw new NotFoundException();
        }
        try (InputStream page = DemoResource.class.getClassLoader().getResourceAsStream("demo/index.html")) {
            if (page == null) {
                throw new NotFoundException();
            }
            return page.readAllBytes();
        }
    }
}
