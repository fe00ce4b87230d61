package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.ConcurrentEvents.Answer;
import dev.callpop.service.testing.ConcurrentEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A CRM that stops answering opens its breaker on the timeouts, and then callers get their fallback without reaching it. */
@QuarkusTest
@TestProfile(CrmBreakerTest.QuickBreaker.class)
class CrmBreakerTest {

    /** The fault-isolation lane, with a breaker that opens after 4 calls and stays open through the test. */
    public static class QuickBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.pipedrive.lookup-timeout", CrmFaultIsolationTest.LIMIT.toMillis() + "ms",
                    "callpop.crms.pipedrive.max-concurrent-calls", "2",
                    "callpop.crms.pipedrive.max-waiting-calls", "2",
                    "callpop.crms.pipedrive.circuit-breaker.request-volume", "4",
                    "callpop.crms.pipedrive.circuit-breaker.delay", "60s",
                    "callpop.lookup.cache-ttl", "0s");
        }
    }

    @PipedriveFake.Server
    WireMockServer crm;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void timeoutsOpenTheBreakerAndLaterCallersDoNotReachTheCrm() {
        CrmFaultIsolationTest.hang(crm);
        ConcurrentEvents events = new ConcurrentEvents(port);
        events.pipedriveLookUps(4, 1000);
        events.pipedriveLookUps(4, 2000);
        int reached = crm.findAll(getRequestedFor(urlPathMatching("/company/.*"))).size();

        List<Answer> later = events.pipedriveLookUps(6, 3000);

        assertThat(later).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.reason()).contains("has been failing");
        });
        assertThat(crm.findAll(getRequestedFor(urlPathMatching("/company/.*")))).hasSize(reached);
        assertThat(reached).as("at most the lane's 4 calls per burst before the breaker opened").isLessThanOrEqualTo(8);
    }
}
