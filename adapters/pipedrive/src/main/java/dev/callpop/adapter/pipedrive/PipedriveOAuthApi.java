package dev.callpop.adapter.pipedrive;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Pipedrive's OAuth server; its URL is {@code quarkus.rest-client.pipedrive-oauth.url}. */
@RegisterRestClient(configKey = "pipedrive-oauth")
public interface PipedriveOAuthApi {

    /**
     * {@code POST https://oauth.pipedrive.com/oauth/revoke}, form field {@code token}, HTTP Basic with the
     * app's client id and secret.
     *
     * @param authorization {@code Basic base64(clientId:clientSecret)}
     * @param token         the token to revoke
     * @param tokenTypeHint {@code refresh_token} or {@code access_token}
     */
    @POST
    @Path("/oauth/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    void revoke(@HeaderParam("Authorization") String authorization, @FormParam("token") String token,
                @FormParam("token_type_hint") String tokenTypeHint);
}
