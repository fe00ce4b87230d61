package dev.callpop.adapter.pipedrive;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Pipedrive's OAuth token endpoint, for sign-in; the same server as {@link PipedriveOAuthApi} ({@code quarkus.rest-client.pipedrive-oauth.*}). */
@RegisterRestClient(configKey = "pipedrive-oauth")
public interface PipedriveTokenApi {

    /**
     * {@code POST https://oauth.pipedrive.com/oauth/token} with the {@code authorization_code} grant, HTTP
     * Basic with the app's client id and secret.
     *
     * @param authorization {@code Basic base64(clientId:clientSecret)}
     * @param grantType     {@code authorization_code}
     * @param code          the code Pipedrive gave the browser
     * @param redirectUri   the redirect URI the sign-in started with
     * @return the user's tokens
     */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    TokenAnswer exchangeCode(@HeaderParam("Authorization") String authorization, @FormParam("grant_type") String grantType,
                             @FormParam("code") String code, @FormParam("redirect_uri") String redirectUri);

    /**
     * {@code POST https://oauth.pipedrive.com/oauth/token} with the {@code refresh_token} grant, HTTP Basic
     * with the app's client id and secret.
     *
     * @param authorization {@code Basic base64(clientId:clientSecret)}
     * @param grantType     {@code refresh_token}
     * @param refreshToken  the user's refresh token
     * @return the user's fresh tokens
     */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    TokenAnswer refresh(@HeaderParam("Authorization") String authorization, @FormParam("grant_type") String grantType,
                        @FormParam("refresh_token") String refreshToken);

    /**
     * Pipedrive's token answer: {@code {"access_token": …, "refresh_token": …, "expires_in": 3599,
     * "api_domain": "https://acme.pipedrive.com", …}}. Never logged.
     *
     * @param accessToken  the access token
     * @param refreshToken the refresh token
     * @param expiresIn    seconds until the access token expires
     * @param apiDomain    the company's API base URL, whose host is the company's Pipedrive host
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
                       @JsonProperty("expires_in") Long expiresIn, @JsonProperty("api_domain") String apiDomain) {

        @Override
        public String toString() {
            return "TokenAnswer[***]";
        }
    }
}
