package dev.callpop.adapter.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.RemoveStorage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Logout revokes the user's tokens at Pipedrive's OAuth server, with the adapter's real REST Client against
 * a fake of it: what Pipedrive is sent, in which order, and what the client is told when it fails.
 */
@QuarkusTest
@WithTestResource(PipedriveFake.class)
class PipedriveTokenRevocationTest {

    private static final String REVOKE = "/oauth/revoke";
    private static final CrmContext ACME = CrmContext.of("acme.pipedrive.com", false);
    private static final RemoveStorage FORGET_TOKENS = new RemoveStorage(List.of("callpop.pipedrive.access-token", "callpop.pipedrive.refresh-token"));

    @PipedriveFake.Server
    WireMockServer oauth;

    @Inject
    PipedriveCrmAdapter adapter;

    @BeforeEach
    void pipedriveRevokesWhatItIsSent() {
        oauth.resetAll();
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
    }

    private static String appCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (PipedriveFake.CLIENT_ID + ":" + PipedriveFake.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** The form fields Pipedrive received, decoded, in a fixed order. */
    private static String form(LoggedRequest request) {
        return "token=" + request.formParameter("token").firstValue() + " token_type_hint=" + request.formParameter("token_type_hint").firstValue();
    }

    @Test
    void revokesTheRefreshTokenThenTheAccessToken() {
        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens("pd-access-1", "pd-refresh-1"), ACME);
        assertThat(steps).extracting(CleanupStep::name, CleanupStep::outcome).containsExactly(
                tuple("revoke-refresh-token", CleanupStep.Outcome.DONE), tuple("revoke-access-token", CleanupStep.Outcome.DONE));
        List<LoggedRequest> revokes = oauth.findAll(postRequestedFor(urlPathEqualTo(REVOKE)));
        assertThat(revokes).extracting(PipedriveTokenRevocationTest::form).containsExactly(
                "token=pd-refresh-1 token_type_hint=refresh_token", "token=pd-access-1 token_type_hint=access_token");
    }

    @Test
    void eachRevocationCarriesTheAppsCredentialsAsHttpBasic() {
        adapter.revokeCredentials(new CrmTokens("pd-access-1", "pd-refresh-1"), ACME);
        oauth.verify(2, postRequestedFor(urlPathEqualTo(REVOKE))
                .withHeader("Authorization", equalTo(appCredentials()))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
    }

    @Test
    void theClientForgetsBothTokens() {
        assertThat(adapter.clientCleanup(ACME))
                .containsExactly(FORGET_TOKENS);
    }

    @Test
    void onlyTheTokensTheClientSentAreRevoked() {
        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens("pd-access-2", null), ACME);
        assertThat(steps).extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.NOT_NEEDED, CleanupStep.Outcome.DONE);
        assertThat(oauth.findAll(postRequestedFor(urlPathEqualTo(REVOKE)))).extracting(PipedriveTokenRevocationTest::form)
                .containsExactly("token=pd-access-2 token_type_hint=access_token");
    }

    @Test
    void withoutTokensPipedriveIsNotCalled() {
        List<CleanupStep> steps = adapter.revokeCredentials(CrmTokens.NONE, ACME);
        assertThat(steps).extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.NOT_NEEDED, CleanupStep.Outcome.NOT_NEEDED);
        assertThat(adapter.clientCleanup(ACME)).containsExactly(FORGET_TOKENS);
        oauth.verify(0, postRequestedFor(urlPathEqualTo(REVOKE)));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 429, 500, 503})
    void aRevocationPipedriveRefusesIsAFailedStepNamingTheStatusAndTheNextStillRuns(int status) {
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).withRequestBody(containing("refresh_token"))
                .willReturn(aResponse().withStatus(status).withBody("{\"success\": false}")));
        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens("pd-access-3", "pd-refresh-3"), ACME);
        assertThat(steps).extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.DONE);
        assertThat(steps.get(0).detail()).isEqualTo("Pipedrive answered HTTP " + status + ".");
        assertThat(adapter.clientCleanup(ACME)).containsExactly(FORGET_TOKENS);
    }

    @Test
    void aPipedriveThatDoesNotAnswerInTimeFailsTheStepNotTheLogout() {
        oauth.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)));
        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens(null, "pd-refresh-4"), ACME);
        assertThat(steps).extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.NOT_NEEDED);
        assertThat(steps.get(0).detail()).contains("could not be reached");
        assertThat(adapter.clientCleanup(ACME)).containsExactly(FORGET_TOKENS);
    }
}
