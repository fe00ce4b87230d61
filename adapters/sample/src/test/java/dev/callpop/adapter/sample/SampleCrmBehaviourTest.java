package dev.callpop.adapter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.CallReceived;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactChoice;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.Logout;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.SignInRequest;

/**
 * What the sample CRM opens, as a user sees it: plain unit tests of the adapter, no Quarkus. The contract
 * ({@link SampleCrmAdapterTest}) checks the rules every adapter keeps; these check this CRM's own pages
 * and its directory look-up, event by event.
 */
class SampleCrmBehaviourTest {

    private static final PhoneNumber ADA = new PhoneNumber("+14155550100", "+1 415-555-0100", "(415) 555-0100", "4155550100");
    private static final PhoneNumber THE_HOPPERS = new PhoneNumber("+14155550123", "+1 415-555-0123", "(415) 555-0123", "4155550123");
    private static final PhoneNumber NOBODY = new PhoneNumber("+14155550199", "+1 415-555-0199", "(415) 555-0199", "4155550199");
    private static final CrmContext SAMPLE = CrmContext.of("crm.example.com", true);

    private final SampleCrmAdapter adapter = new SampleCrmAdapter(() -> "https://crm.example.com/oauth/authorize");

    private static OpenUrl tab(String url) {
        return OpenUrl.inTab(URI.create(url));
    }

    private static CrmContext withPolicy(MatchPolicy.OnMultipleMatches multiple, MatchPolicy.OnNoMatch none) {
        return new CrmContext("crm.example.com", true, CrmCredentials.NONE, new MatchPolicy(multiple, none, Optional.empty()));
    }

    private CallPop ringingFrom(PhoneNumber caller, CrmContext context) {
        return adapter.callReceived(new CallReceived(new Contact(null, null, null, null),
                new Call("c-1", Call.Direction.INBOUND, caller.e164(), null, Call.Phase.RINGING), caller), context);
    }

    @Test
    void theContactPageIsTheHostWithTheIdAsAQueryParameter() {
        assertThat(adapter.contactPage(Contact.withId("a-1.b_2"), SAMPLE)).isEqualTo(tab("https://crm.example.com?contactId=a-1.b_2"));
    }

    @Test
    void theLogPageIsTheActivity() {
        assertThat(adapter.logPage(new OpenLogPage("77", null), SAMPLE)).contains(tab("https://crm.example.com/activities/77"));
    }

    @Test
    void theSearchPageCarriesTheE164NumberEncoded() {
        assertThat(adapter.searchPage(ADA, SAMPLE)).contains(tab("https://crm.example.com/search?phone=%2B14155550100"));
    }

    @Test
    void theNewContactPageCarriesTheE164NumberEncoded() {
        assertThat(adapter.newContactPage(NOBODY, SAMPLE)).contains(tab("https://crm.example.com/contacts/new?phone=%2B14155550199"));
    }

    @Test
    void theDirectoryFindsOneContactForAdasNumber() {
        assertThat(adapter.findContacts(ADA, SAMPLE)).containsExactly(new ContactMatch("1001", "Ada Lovelace", null));
    }

    @Test
    void theDirectoryFindsTwoContactsForTheHoppersNumber() {
        assertThat(adapter.findContacts(THE_HOPPERS, SAMPLE)).extracting(ContactMatch::id).containsExactly("1002", "1003");
    }

    @Test
    void theDirectoryFindsNobodyForAnyOtherNumber() {
        assertThat(adapter.findContacts(NOBODY, SAMPLE)).isEmpty();
    }

    @Test
    void aCallWithAKnownIdOpensTheContactWithoutALookUp() {
        CallPop answer = adapter.callReceived(new CallReceived(Contact.withId("42"), new Call(null, null, null, null, null), NOBODY), SAMPLE);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=42"));
        assertThat(answer.matches()).isEmpty();
    }

    @Test
    void aCallFromAdasNumberOpensHerPageAndListsHer() {
        CallPop answer = ringingFrom(ADA, SAMPLE);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=1001"));
        assertThat(answer.matches()).extracting(ContactMatch::name).containsExactly("Ada Lovelace");
    }

    @Test
    void aNumberTwoContactsShareOpensBothByDefault() {
        assertThat(ringingFrom(THE_HOPPERS, SAMPLE).actions())
                .containsExactly(tab("https://crm.example.com?contactId=1002"), tab("https://crm.example.com?contactId=1003"));
    }

    @Test
    void aNumberTwoContactsShareOpensTheSearchPageWhenTheOperatorSaysSo() {
        CallPop answer = ringingFrom(THE_HOPPERS, withPolicy(MatchPolicy.OnMultipleMatches.SEARCH_PAGE, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE));
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com/search?phone=%2B14155550123"));
        assertThat(answer.matches()).hasSize(2);
        assertThat(answer.reason()).contains("2 contacts have this number");
    }

    @Test
    void aNumberTwoContactsShareLetsTheAgentChooseWhenAskedTo() {
        CallPop answer = ringingFrom(THE_HOPPERS, withPolicy(MatchPolicy.OnMultipleMatches.PROMPT, MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE));
        assertThat(answer.actions()).isEmpty();
        assertThat(answer.choices()).extracting(choice -> choice.contact().id(), ContactChoice::page).containsExactly(
                tuple("1002", tab("https://crm.example.com?contactId=1002")), tuple("1003", tab("https://crm.example.com?contactId=1003")));
        assertThat(answer.reason()).contains("2 contacts have this number; the agent chooses");
    }

    @Test
    void anUnknownNumberOpensTheNewContactPageByDefault() {
        CallPop answer = ringingFrom(NOBODY, SAMPLE);
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com/contacts/new?phone=%2B14155550199"));
        assertThat(answer.reason()).contains("No contact has this number");
    }

    @Test
    void anUnknownNumberOpensNothingWhenTheOperatorSaysSo() {
        CallPop answer = ringingFrom(NOBODY, withPolicy(MatchPolicy.OnMultipleMatches.OPEN_ALL, MatchPolicy.OnNoMatch.NOTHING));
        assertThat(answer.actions()).isEmpty();
        assertThat(answer.reason()).contains("No contact has this number");
    }

    @Test
    void openLogPageOpensTheContactWhenLogPagesAreOff() {
        CallPop answer = adapter.openLogPage(new OpenLogPage("77", Contact.withId("42")), CrmContext.of("crm.example.com", false));
        assertThat(answer.actions()).containsExactly(tab("https://crm.example.com?contactId=42"));
    }

    @Test
    void logoutWithoutTokensHasNothingToCleanUp() {
        assertThat(adapter.logout(new Logout(CrmTokens.NONE), SAMPLE)).isEqualTo(new LogoutResult(List.of(), List.of()));
    }

    @Test
    void logoutRevokesTheTokensTheSampleCrmIssuedAndItRefusesThemThen() {
        String verifier = "a-sign-ins-code-verifier-0123456789abcdefghijk";
        CrmSignedIn signedIn = adapter.complete(SampleCrmAdapter.authorizationCode(SampleCrmAdapter.codeChallenge(verifier)),
                new SignInRequest(null, null, null, verifier), Map.of());
        CrmContext withToken = new CrmContext("crm.example.com", true, signedIn.forEvents(), MatchPolicy.DEFAULT);
        assertThat(adapter.findContacts(ADA, withToken)).hasSize(1);

        LogoutResult result = adapter.logout(new Logout(new CrmTokens(signedIn.accessToken(), signedIn.refreshToken())), SAMPLE);

        assertThat(result.clientActions()).isEmpty();
        assertThat(result.serverSteps()).extracting(CleanupStep::name, CleanupStep::outcome).containsExactly(
                tuple("revoke-refresh-token", CleanupStep.Outcome.DONE), tuple("revoke-access-token", CleanupStep.Outcome.DONE));
        assertThatThrownBy(() -> adapter.findContacts(ADA, withToken)).isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> adapter.refresh(signedIn.refreshToken(), null, Map.of())).isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void logoutReportsTokensTheSampleCrmDidNotIssueAsNotRevoked() {
        assertThat(adapter.logout(new Logout(new CrmTokens("a", "r")), SAMPLE).serverSteps())
                .extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.FAILED);
    }
}
