package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.CrmFakes;
import io.quarkus.test.junit.QuarkusTest;

/** Logout revokes the user's Pipedrive tokens at Pipedrive's OAuth server, against a fake of it. */
@QuarkusTest
class PipedriveLogoutTest {

    private static final String REVOKE = "/pipedrive-oauth/oauth/revoke";

    @CrmFakes.Inject
    WireMockServer oauth;

    @BeforeEach
    void reset() {
        oauth.resetAll();
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
    }

    private static String logout(String tokens) {
        return "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": " + tokens + "}";
    }

    @Test
    void revokesTheRefreshTokenThenTheAccessTokenWithTheAppsCredentials() {
        Api.event("pipedrive", "logout", logout("{\"accessToken\": \"pd-access-1\", \"refreshToken\": \"pd-refresh-1\"}"))
                .statusCode(200)
                .body("actions[0].type", equalTo("remove-storage"))
                .body("steps.name", contains("revoke-refresh-token", "revoke-access-token"))
                .body("steps.outcome", contains("done", "done"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (CrmFakes.PIPEDRIVE_CLIENT_ID + ":" + CrmFakes.PIPEDRIVE_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        List<LoggedRequest> revokes = oauth.findAll(postRequestedFor(urlPathEqualTo(REVOKE)).withHeader("Authorization", WireMock.equalTo(basic)));
        assertThat(revokes).hasSize(2);
        assertThat(revokes.get(0).getBodyAsString()).contains("token=pd-refresh-1").contains("token_type_hint=refresh_token");
        assertThat(revokes.get(1).getBodyAsString()).contains("token=pd-access-1").contains("token_type_hint=access_token");
    }
}
