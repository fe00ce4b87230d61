package dev.callpop.adapter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmSignedIn;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.SignInRequest;

/**
 * What the sample CRM opens, as a user sees it: plain unit tests of the adapter, no Quarkus. The contract
 * ({@link SampleCrmAdapterTest}) checks the rules every adapter keeps; these check this CRM's own pages,
 * its directory look-up and its revocations. What the pages open for a call is callpop's rule, tested in the
 * service ({@code CallPopsTest}).
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
    void logoutWithoutTokensHasNothingToCleanUp() {
        assertThat(adapter.clientCleanup(SAMPLE)).isEmpty();
        assertThat(adapter.revokeCredentials(CrmTokens.NONE, SAMPLE)).isEmpty();
    }

    @Test
    void logoutRevokesTheTokensTheSampleCrmIssuedAndItRefusesThemThen() {
        String verifier = "a-sign-ins-code-verifier-0123456789abcdefghijk";
        CrmSignedIn signedIn = adapter.complete(SampleCrmAdapter.authorizationCode(SampleCrmAdapter.codeChallenge(verifier)),
                new SignInRequest(null, null, null, verifier), Map.of());
        CrmContext withToken = new CrmContext("crm.example.com", true, signedIn.forEvents());
        assertThat(adapter.findContacts(ADA, withToken)).hasSize(1);

        List<CleanupStep> steps = adapter.revokeCredentials(new CrmTokens(signedIn.accessToken(), signedIn.refreshToken()), SAMPLE);

        assertThat(steps).extracting(CleanupStep::name, CleanupStep::outcome).containsExactly(
                tuple("revoke-refresh-token", CleanupStep.Outcome.DONE), tuple("revoke-access-token", CleanupStep.Outcome.DONE));
        assertThatThrownBy(() -> adapter.findContacts(ADA, withToken)).isInstanceOf(CrmAuthenticationException.class);
        assertThatThrownBy(() -> adapter.refresh(signedIn.refreshToken(), null, Map.of())).isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void logoutReportsTokensTheSampleCrmDidNotIssueAsNotRevoked() {
        assertThat(adapter.revokeCredentials(new CrmTokens("a", "r"), SAMPLE))
                .extracting(CleanupStep::outcome).containsExactly(CleanupStep.Outcome.FAILED, CleanupStep.Outcome.FAILED);
    }
}
