package dev.callpop.service.serverevents;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds the OpenAPI document's scheme of a telephony source's API key, which
 * {@link TelephonyEventResource#take} requires. Added by a filter rather than a {@code @SecurityScheme} annotation:
 * with an annotated scheme the scanner would make it the default of every operation behind a role, in place of the
 * agents' bearer token. Runs when the application is built.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TelephonyKeyScheme implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSecurityScheme(TelephonyEventResource.WEBHOOK_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("x-api-key")
                .description("One of the telephony source's API keys (`callpop.telephony.sources.\"<source>\".api-keys`). A source may "
                        + "instead sign its deliveries the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature`)."));
    }
}
