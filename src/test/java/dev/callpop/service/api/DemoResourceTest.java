package dev.callpop.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;

import org.junit.jupiter.api.Test;

import dev.callpop.service.api.DemoResource;

/** The demo page exists only where it is switched on (never by default, so never in prod). */
class DemoResourceTest {

    @Test
    void theDemoPageIsA404UnlessSwitchedOn() {
        assertThatThrownBy(() -> new DemoResource(() -> false).page()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSampleCrmsStandInPageIsA404UnlessSwitchedOn() {
        assertThatThrownBy(() -> new DemoResource(() -> false).sampleCrmPage()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDemoPageLoadsTheClientFromItsStablePath() throws Exception {
        assertThat(new String(new DemoResource(() -> true).page(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("import { createCallpopClient, openWindow } from \"/client/callpop-client.js\"");
    }
}
