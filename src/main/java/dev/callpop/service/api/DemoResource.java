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
 * The demo softphone page, for development and demos only: {@code /demo/}, and the sample CRM's stand-in page
 * {@code /demo/sample-crm/page}. Served only where
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
        return file("demo/index.html");
    }

    /**
     * The sample CRM's stand-in page, which the demo opens instead of a page on the sample CRM's fictional host
     * ({@code crm.example.com}): it names the page callpop answered ({@code ?url=}), read in the browser.
     *
     * @return the page
     */
    @GET
    @Path("sample-crm/page")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public byte[] sampleCrmPage() throws IOException {
        return file("demo/sample-crm-page.html");
    }

    private byte[] file(String name) throws IOException {
        if (!enabled) {
            throw new NotFoundException();
        }
        try (InputStream page = DemoResource.class.getClassLoader().getResourceAsStream(name)) {
            if (page == null) {
                throw new NotFoundException();
            }
            return page.readAllBytes();
        }
    }
}
