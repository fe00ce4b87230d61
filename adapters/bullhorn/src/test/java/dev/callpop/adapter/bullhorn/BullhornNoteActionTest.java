package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An agency's own Note action ({@code callpop.bullhorn.note-action}) is the action of every call Note. */
@QuarkusTest
@TestProfile(BullhornNoteActionTest.AgencyAction.class)
@WithTestResource(BullhornFake.class)
class BullhornNoteActionTest {

    /** The agency calls its phone notes "Phone Screen". */
    public static class AgencyAction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callpop.bullhorn.note-action", "Phone Screen");
        }
    }

    @BullhornFake.Server
    WireMockServer bullhorn;

    @Inject
    CrmCallLogs logs;

    @Test
    void theNoteIsWrittenWithTheConfiguredAction() {
        bullhorn.resetAll();
        bullhorn.stubFor(put(urlPathEqualTo(BullhornCallLogsTest.NOTE)).willReturn(okJson(BullhornCallLogsTest.CREATED)));
        logs.createLog(BullhornCallLogsTest.CALL, new CrmContext("cls21.bullhornstaffing.com", false,
                new CrmCredentials("bh-rest-token-1", BullhornFake.restUrl(bullhorn), null)));
        bullhorn.verify(putRequestedFor(urlPathEqualTo(BullhornCallLogsTest.NOTE)).withRequestBody(matchingJsonPath("$.action", equalTo("Phone Screen"))));
    }
}
