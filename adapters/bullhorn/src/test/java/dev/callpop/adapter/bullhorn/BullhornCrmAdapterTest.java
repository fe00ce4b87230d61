package dev.callpop.adapter.bullhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactType;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.RemoveStorage;
import dev.callpop.testkit.CrmAdapterContract;
import io.smallrye.config.WithDefault;

/**
 * The Bullhorn adapter keeps the adapter contract, and its pages and logout are what Bullhorn's users
 * expect; its REST client is a fake that finds nobody. {@link BullhornSearchTest} runs the real REST client.
 */
class BullhornCrmAdapterTest extends CrmAdapterContract {

    private static final BullhornConfig CONFIG = new BullhornConfig() {
        public String restUrlPattern() {
            return defaultOf("restUrlPattern");
        }

        public String signInUrlPattern() {
            return defaultOf("signInUrlPattern");
        }

        public int searchLimit() {
            return 10;
        }

        public String noteAction() {
            return defaultOf("noteAction");
        }

        public Optional<String> clientId() {
            return Optional.empty();
        }

        public Optional<String> clientSecret() {
            return Optional.empty();
        }
    };

    /** The setting's default as the operator gets it: the {@link WithDefault} of its config method. */
    private static String defaultOf(String configMethod) {
        try {
            return BullhornConfig.class.getMethod(configMethod).getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected CrmAdapter adapter() {
        NobodyAtBullhorn nobody = new NobodyAtBullhorn();
        return new BullhornCrmAdapter(nobody, nobody, null, CONFIG);
    }

    @Override
    protected String hostname() {
        return "cls21.bullhornstaffing.com";
    }

    /** A Bullhorn where nobody has a number and no Note exists; the contract never writes logs. */
    private static final class NobodyAtBullhorn implements BullhornRestApi, BullhornNotesApi {

        @Override
        public SearchResult search(String restUrl, String token, String entity, String fields, int count, Query query) {
            return new SearchResult(List.of());
        }

        @Override
        public NoteList queryNotes(String restUrl, String token, String where, String fields) {
            return new NoteList(List.of());
        }

        @Override
        public OneNote note(String restUrl, String token, long id, String fields) {
            throw new AssertionError("the contract reads no Note");
        }

        @Override
        public Change createNote(String restUrl, String token, NoteFields note) {
            throw new AssertionError("the contract writes no Note");
        }

        @Override
        public Change updateNote(String restUrl, String token, long id, NoteFields note) {
            throw new AssertionError("the contract writes no Note");
        }
    }

    @ParameterizedTest(name = "{0} s is {1} min")
    @CsvSource({"0, 0", "1, 1", "60, 1", "61, 2", "3599, 60"})
    void minutesSpentAreRoundedUp(long seconds, long minutes) {
        assertThat(BullhornCrmAdapter.minutesSpent(Duration.ofSeconds(seconds))).isEqualTo(minutes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://auth-east.bullhornstaffing.com/oauth", "https://rest-east.bullhornstaffing.com/rest-services/",
            "https://auth.bullhornstaffing.com"})
    void theDefaultSignInUrlPatternAllowsHttpsOnBullhornsOwnHosts(String url) {
        assertThat(new BullhornCrmAdapter(null, null, null, CONFIG).signInUrl("oauthUrl", url)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://auth-east.bullhornstaffing.com/oauth", "https://bullhornstaffing.com.evil.example",
            "https://evil.example/x.bullhornstaffing.com", "https://user@auth.bullhornstaffing.com", "https://auth.bullhornstaffing.com:8443/oauth",
            "https://bullhornstaffing.com/oauth", "https://auth.bullhornstaffing.com.evil.example/oauth", "javascript:alert(1)//",
            "HTTPS://AUTH.BULLHORNSTAFFING.COM/oauth", "https://auth.bullhornstaffing.com\\@evil.example"})
    void theDefaultSignInUrlPatternRefusesAnythingElseNamingTheField(String url) {
        CrmUnavailableException refused = catchThrowableOfType(CrmUnavailableException.class,
                () -> new BullhornCrmAdapter(null, null, null, CONFIG).signInUrl("oauthUrl", url));
        assertThat(refused).hasMessage("Bullhorn's loginInfo answer was refused: its oauthUrl does not match callpop.bullhorn.sign-in-url-pattern.");
    }

    @Test
    void aSignInUrlTheDefaultPatternAllowsButThatIsNoUrlIsRefused() {
        CrmUnavailableException refused = catchThrowableOfType(CrmUnavailableException.class,
                () -> new BullhornCrmAdapter(null, null, null, CONFIG).signInUrl("restUrl", "https://rest.bullhornstaffing.com/rest services/"));
        assertThat(refused).hasMessage("Bullhorn's loginInfo answer was refused: its restUrl is not a well-formed URL.");
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
        List<CleanupStep> steps = adapter().revokeCredentials(new CrmTokens("bh-rest-token-1", null), context());
        assertThat(adapter().clientCleanup(context())).containsExactly(new RemoveStorage(List.of("callpop.bullhorn.username", "callpop.bullhorn.user-urls")));
        assertThat(steps).extracting(CleanupStep::name, CleanupStep::outcome)
                .containsExactly(tuple("end-rest-session", CleanupStep.Outcome.NOT_NEEDED));
    }
}
