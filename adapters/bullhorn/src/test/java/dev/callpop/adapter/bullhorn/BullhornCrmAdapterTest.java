package dev.callpop.adapter.bullhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.RemoveStorage;
import dev.callpop.testkit.CrmAdapterContract;

/**
 * The Bullhorn adapter keeps the adapter contract, and its pages and logout are what Bullhorn's users
 * expect; its REST client is a fake that finds nobody. {@link BullhornSearchTest} runs the real REST client.
 */
class BullhornCrmAdapterTest extends CrmAdapterContract {

    private static final BullhornConfig CONFIG = new BullhornConfig() {
        public String restUrlPattern() {
            return "https://rest[a-z0-9-]*[.]bullhornstaffing[.]com/rest-services/[A-Za-z0-9]+/";
        }

        public int searchLimit() {
            return 10;
        }

        public Optional<String> clientId() {
            return Optional.empty();
        }

        public Optional<String> clientSecret() {
            return Optional.empty();
        }
    };

    @Override
    protected CrmAdapter adapter() {
        BullhornRestApi nobody = (restUrl, token, entity, fields, count, query) -> new BullhornRestApi.SearchResult(List.of());
        return new BullhornCrmAdapter(nobody, null, CONFIG);
    }

    @Override
    protected String hostname() {
        return "cls21.bullhornstaffing.com";
    }

    @Test
    void theQueryCoversEveryPhoneFieldInEveryFormat() {
        String query = BullhornCrmAdapter.query(List.of("phone", "mobile"), PHONE);
        assertThat(query).startsWith("phone:\"+14155550100\" OR phone:\"+1 415-555-0100\"").contains("mobile:\"4155550100\"");
        assertThat(query.split(" OR ")).hasSize(8);
    }

    @ParameterizedTest(name = "{0} opens Entity={1}")
    @CsvSource({"Candidate, Candidate", "Contact, Contact", "Lead, Lead"})
    void eachContactTypeOpensItsRecordWindowAsAPopup(String type, String entity) {
        ContactType contactType = adapter().description().contactTypes().stream().filter(t -> t.value().equals(type)).findFirst().orElseThrow();
        assertThat(adapter().contactPage(new Contact("9876", null, null, contactType), context())).isEqualTo(OpenUrl.inPopup(URI.create(
                "https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=" + entity + "&id=9876&view=Overview")));
    }

    @Test
    void logPagesAreOffByDefaultAsInAppConnectsManifest() {
        assertThat(adapter().description().canOpenLogPage()).isFalse();
    }

    @Test
    void aCallLogOpensItsNoteWindowAsAPopupWhereTheOperatorTurnsLogPagesOn() {
        assertThat(adapter().logPage(new OpenLogPage("31337", null), context())).contains(OpenUrl.inPopup(URI.create(
                "https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Note&id=31337&view=Overview")));
    }

    @Test
    void logoutForgetsTheCachedUserAndSaysNoSessionNeedsEnding() {
        LogoutResult result = adapter().logout(new Logout(new CrmTokens("bh-rest-token-1", null)), context());
        assertThat(result.clientActions()).containsExactly(new RemoveStorage(List.of("callpop.bullhorn.username", "callpop.bullhorn.user-urls")));
        assertThat(result.serverSteps()).extracting(CleanupStep::name, CleanupStep::outcome)
                .containsExactly(tuple("end-rest-session", CleanupStep.Outcome.NOT_NEEDED));
    }
}
