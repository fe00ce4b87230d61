package dev.callpop.adapter.bullhorn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.rest.client.reactive.Url;

/**
 * What signing a user in to Bullhorn takes: {@code loginInfo} on Bullhorn's central REST host (its URL is
 * {@code quarkus.rest-client.bullhorn-sign-in.url}), then the user's own OAuth server and REST login, named
 * per call with {@link Url} from what {@code loginInfo} answered.
 */
@RegisterRestClient(configKey = "bullhorn-sign-in", baseUri = "https://rest.bullhornstaffing.com/rest-services")
public interface BullhornSignInApi {

    /**
     * {@code GET https://rest.bullhornstaffing.com/rest-services/loginInfo?username=…}: where the user's data is.
     *
     * @param username the user's Bullhorn username
     * @return the user's OAuth, REST and ATS URLs
     */
    @GET
    @Path("loginInfo")
    LoginInfo loginInfo(@QueryParam("username") String username);

    /**
     * {@code POST {oauthUrl}/token} with the {@code authorization_code} grant and the app's client id and secret.
     *
     * @param oauthUrl     the user's OAuth URL from {@link #loginInfo}
     * @param grantType    {@code authorization_code}
     * @param code         the code Bullhorn gave the browser
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     * @param redirectUri  the redirect URI the sign-in started with
     * @return the user's tokens
     */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    TokenAnswer exchangeCode(@Url String oauthUrl, @FormParam("grant_type") String grantType, @FormParam("code") String code,
                             @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
                             @FormParam("redirect_uri") String redirectUri);

    /**
     * {@code POST {oauthUrl}/token} with the {@code refresh_token} grant and the app's client id and secret.
     *
     * @param oauthUrl     the user's OAuth URL from {@link #loginInfo}
     * @param grantType    {@code refresh_token}
     * @param refreshToken the user's refresh token
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     * @return the user's fresh tokens
     */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    TokenAnswer refresh(@Url String oauthUrl, @FormParam("grant_type") String grantType, @FormParam("refresh_token") String refreshToken,
                        @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);

    /**
     * {@code POST {restUrl}login?version=2.0&access_token=…}: a REST session for the user.
     *
     * @param restUrl     the user's REST URL from {@link #loginInfo}, ending in {@code /}
     * @param version     {@code 2.0}
     * @param accessToken the user's OAuth access token
     * @return the session's token and REST URL
     */
    @POST
    @Path("login")
    LoginAnswer login(@Url String restUrl, @QueryParam("version") String version, @QueryParam("access_token") String accessToken);

    /**
     * {@code loginInfo}'s answer.
     *
     * @param oauthUrl the user's OAuth server, e.g. {@code https://auth-east.bullhornstaffing.com/oauth}
     * @param restUrl  the user's REST API before login, e.g. {@code https://rest-east.bullhornstaffing.com/rest-services/}
     * @param atsUrl   the user's ATS, e.g. {@code https://cls21.bullhornstaffing.com}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoginInfo(String oauthUrl, String restUrl, String atsUrl) {
    }

    /**
     * The token answer. Never logged.
     *
     * @param accessToken  the access token
     * @param refreshToken the refresh token
     * @param expiresIn    seconds until the access token expires
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
                       @JsonProperty("expires_in") Long expiresIn) {

        @Override
        public String toString() {
            return "TokenAnswer[***]";
        }
    }

    /**
     * The REST login's answer. Never logged.
     *
     * @param bhRestToken the session token every REST call carries
     * @param restUrl     the session's REST URL, e.g. {@code https://rest22.bullhornstaffing.com/rest-services/1abc/}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoginAnswer(@JsonProperty("BhRestToken") String bhRestToken, String restUrl) {

        @Override
        public String toString() {
            return "LoginAnswer[***]";
        }
    }
}
