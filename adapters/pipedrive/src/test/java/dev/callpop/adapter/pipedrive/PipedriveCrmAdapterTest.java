package dev.callpop.adapter.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.Logout;
import dev.callpop.testkit.CrmAdapterContract;

/**
 * The Pipedrive adapter keeps the adapter contract. Its API clients are fakes: the persons search finds
 * nobody and the OAuth server is down, so logout's server steps fail while its client actions stand.
 */
class PipedriveCrmAdapterTest extends CrmAdapterContract {

    private static final PipedriveConfig CONFIG = new PipedriveConfig() {
        public String apiUrl() {
            return "https://{hostname}";
        }

        public Optional<String> clientId() {
            return Optional.of("client");
        }

        public Optional<String> clientSecret() {
            return Optional.of("secret");
        }

        public int searchLimit() {
            return 10;
        }
    };

    @Override
    protected CrmAdapter adapter() {
        PipedrivePersonsApi nobody = (baseUrl, authorization, term, fields, limit) ->
                new PipedrivePersonsApi.SearchResponse(new PipedrivePersonsApi.Data(List.of()));
        PipedriveOAuthApi down = (authorization, token, hint) -> {
            throw new IllegalStateException("connection refused");
        };
        return new PipedriveCrmAdapter(CONFIG, nobody, down);
    }

    @Override
    protected String hostname() {
        return "acme.pipedrive.com";
    }

    @Test
    void anUnreachableOAuthServerFailsBothRevocations() {
        assertThat(adapter().logout(new Logout(new CrmTokens("a", "r")), context()).serverSteps())
                .extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.FAILED);
    }
}
