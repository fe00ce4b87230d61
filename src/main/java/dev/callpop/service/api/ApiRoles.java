package dev.callpop.service.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes the roles each operation needs into the OpenAPI document as this instance has them: the resources name them
 * by setting ({@code @RolesAllowed("${callpop.security.client-role}")}), which the scanner copies as it is. Runs when
 * the application starts, so the document shows the operator's roles, not the defaults the build saw.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ApiRoles implements OASFilter {

    private static final Pattern SETTING = Pattern.compile("\\$\\{([^}:]+)}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getSecurity() != null) {
                    operation.getSecurity().forEach(requirement -> expand(requirement, config));
                }
            }
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSecuritySchemes() != null) {
            for (SecurityScheme scheme : openAPI.getComponents().getSecuritySchemes().values()) {
                if (scheme.getType() == SecurityScheme.Type.HTTP) {
                    scheme.setDescription("A bearer token (JWT) from callpop's OpenID Connect issuer, for the audience `"
                            + config.getOptionalValue("quarkus.oidc.token.audience", String.class).orElse("callpop")
                            + "`, naming its user (`sub`). The roles each operation lists come from the token's `groups` claim: `"
                            + config.getValue("callpop.security.client-role", String.class) + "` for a telephony client, `"
                            + config.getValue("callpop.security.admin-role", String.class) + "` for an operator.");
                }
            }
        }
    }

    private static void expand(SecurityRequirement requirement, Config config) {
        for (Map.Entry<String, List<String>> scheme : Map.copyOf(requirement.getSchemes()).entrySet()) {
            List<String> roles = scheme.getValue() == null ? List.of() : scheme.getValue().stream().map(role -> expand(role, config)).toList();
            requirement.addScheme(scheme.getKey(), roles);
        }
    }

    private static String expand(String role, Config config) {
        Matcher setting = SETTING.matcher(role);
        StringBuilder expanded = new StringBuilder();
        while (setting.find()) {
            setting.appendReplacement(expanded, Matcher.quoteReplacement(config.getValue(setting.group(1), String.class)));
        }
        return setting.appendTail(expanded).toString();
    }
}
