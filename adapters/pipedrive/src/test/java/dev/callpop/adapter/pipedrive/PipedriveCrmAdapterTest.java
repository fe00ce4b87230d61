package dev.callpop.adapter.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmTokens;
import dev.callpop.testkit.CrmAdapterContract;

/**
 * The Pipedrive adapter keeps the adapter contract. Its API clients are fakes: the persons search finds
 * nobody and the OAuth server is down, so logout's server steps fail while its client actions stand.
 */
class PipedriveCrmAdapterTest extends CrmAdapterContract {

    private static final PipedriveConfig CONFIG = config(Optional.of("client"), Optional.of("secret"));

    private static PipedriveConfig config(Optional<String> clientId, Optional<String> clientSecret) {
        return new PipedriveConfig() {
            public String apiUrl() {
                return "https://{hostname}";
            }

            public String authorizationUrl() {
                return "https://oauth.pipedrive.com/oauth/authorize";
            }

            public Optional<String> clientId() {
                return clientId;
            }

            public Optional<String> clientSecret() {
                return clientSecret;
            }

            public int searchLimit() {
                return 10;
            }
        };
    }

    @Override
    protected CrmAdapter adapter() {
        PipedrivePersonsApi nobody = (baseUrl, authorization, term, fields, limit) ->
                new PipedrivePersonsApi.SearchResponse(new PipedrivePersonsApi.Data(List.of()));
        PipedriveOAuthApi down = (authorization, token, hint) -> {
            throw new IllegalStateException("connection refused");
        };
        return new PipedriveCrmAdapter(CONFIG, nobody, down, null, null);
    }

    @Override
    protected String hostname() {
        return "acme.pipedrive.com";
    }

    @Test
    void withoutTheAppsCredentialsNoRevocationIsAttemptedAndTheStepsSayWhy() {
        List<String> calls = new ArrayList<>();
        PipedriveOAuthApi recording = (authorization, token, hint) -> calls.add(hint);
        PipedriveCrmAdapter adapter = new PipedriveCrmAdapter(config(Optional.empty(), Optional.empty()), null, recording, null, null);
        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens("a", "r"), context());
        assertThat(steps).extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.FAILED);
        assertThat(steps.get(0).detail()).contains("callpop.pipedrive.client-id");
        assertThat(calls).isEmpty();
    }

    @Test
    void anUnreachableOAuthServerFailsBothRevocations() {
        assertThat(adapter().revokeCredentials(new CrmTokens("a", "r"), context()))
                .extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.FAILED);
    }
}
