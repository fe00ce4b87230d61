package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.core.UriBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CleanupStep;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.CrmTokens;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;
import dev.callpop.spi.RemoveStorage;
import dev.callpop.spi.SignInRequest;
import dev.callpop.spi.SignInStart;

/**
 * The kit can fail: a correct adapter passes every kit test, and for every kit test there is an adapter,
 * broken the way real adapters break, that fails it. Each broken adapter is {@link ReferenceAdapter} with
 * one fault, and fails exactly the kit tests listed for it.
 */
class CrmAdapterContractTest {

    /** The contract run against one adapter; only this class's tests run it, through the JUnit engine. */
    abstract static class KitRun extends CrmAdapterContract {
        @Override
        protected String hostname() {
            return ReferenceAdapter.HOSTNAME;
        }
    }

    static final class Correct extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter();
        }
    }

    static final class IdNotACrmId extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public String id() {
                    return "Kit CRM";
                }
            };
        }
    }

    static final class BlankDisplayName extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CrmDescription description() {
                    CrmDescription d = super.description();
                    return new CrmDescription(" ", d.hostPatterns(), d.defaultHostname(), d.canOpenLogPage(), d.findsContactsByPhone(), d.contactTypes());
                }
            };
        }
    }

    static final class DefaultHostnameOffItsHosts extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CrmDescription description() {
                    return description(List.of("*.kit-crm.test", "app.kit-crm.example"), Optional.of("kit-crm.elsewhere.test"), true, true);
                }
            };
        }
    }

    static final class PlainHttpContactPage extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    URI https = super.contactPage(contact, context).url();
                    return OpenUrl.inTab(URI.create("http" + https.toString().substring("https".length())));
                }
            };
        }
    }

    /** Forgot a case: the second contact type has no page. */
    static final class SecondContactTypeHasNoPage extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    if (contact.type().equals(CONTACT)) {
                        throw new IllegalStateException("no page for " + contact.type().value());
                    }
                    return super.contactPage(contact, context);
                }
            };
        }
    }

    /** Right for the test's hostname, wrong for every other user's. */
    static final class ContactPageOnOneFixedHost extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    return super.contactPage(contact, CrmContext.of(HOSTNAME, context.canOpenLogPage()));
                }
            };
        }
    }

    static final class ContactIdLowercased extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    return super.contactPage(new Contact(contact.id().toLowerCase(Locale.ROOT), contact.name(), contact.phone(), contact.type()), context);
                }
            };
        }
    }

    /** Takes everything after a dot for a file extension. */
    static final class ContactIdCutAtTheFirstDot extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    return super.contactPage(new Contact(contact.id().split("\\.")[0], contact.name(), contact.phone(), contact.type()), context);
                }
            };
        }
    }

    static final class ContactPageWithoutTheId extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl contactPage(Contact contact, CrmContext context) {
                    return OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/open/{type}?id=&view=overview")
                            .buildFromMap(Map.of("hostname", context.hostname(), "type", contact.type().value())));
                }
            };
        }
    }

    static final class LogIdLowercased extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
                    return super.logPage(new OpenLogPage(event.logId().toLowerCase(Locale.ROOT), event.contact()), context);
                }
            };
        }
    }

    static final class LogPageWithoutTheLogId extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
                    return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/notes").build(context.hostname())));
                }
            };
        }
    }

    /** Says log pages open by default but has none. */
    static final class NoLogPageThoughDescribed extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
                    return Optional.empty();
                }
            };
        }
    }

    /** Says it looks callers up but never implemented it. */
    static final class SaysItLooksUpButCannot extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
                    throw new UnsupportedOperationException("not yet");
                }
            };
        }
    }

    static final class LooksUpThoughItSaysItCannot extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CrmDescription description() {
                    return description(List.of("*.kit-crm.test", "app.kit-crm.example"), Optional.empty(), true, false);
                }
            };
        }
    }

    /** Reads the user's token without checking it was sent: a 500 instead of "sign in again". */
    static final class LookUpFailsWithABugWithoutCredentials extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
                    return context.credentials().token().isEmpty() ? List.of() : super.findContacts(phone, context);
                }
            };
        }
    }

    /** A raw {@code +} in a query is a space: the CRM searches for " 14155550100". */
    static final class NumberConcatenatedIntoTheSearchPage extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
                    return Optional.of(OpenUrl.inTab(URI.create("https://" + context.hostname() + "/search?phone=" + phone.e164())));
                }
            };
        }
    }

    /** Encodes the number twice: the CRM gets "%2B14155550100". */
    static final class NumberEncodedTwiceInTheNewContactPage extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
                    String once = UriBuilder.fromUri("https://h/?p={p}").build(phone.e164()).getRawQuery().substring(2);
                    return Optional.of(OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/contacts/new?mobile={phone}")
                            .buildFromMap(Map.of("hostname", context.hostname(), "phone", once))));
                }
            };
        }
    }

    /** A call-pop page on another host than the request's. */
    static final class CallPopPageOnAFixedHost extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public OpenUrl callPopPage(Contact contact, CrmContext context) {
                    return OpenUrl.inTab(URI.create("https://app.kit-crm.example/calls/" + contact.id()));
                }
            };
        }
    }

    /** A cache-busting parameter: every answer differs, so the service's cache and the client's dedup break. */
    static final class CacheBustingSearchPage extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            AtomicLong counter = new AtomicLong();
            return new ReferenceAdapter() {
                @Override
                public Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
                    return Optional.of(OpenUrl.inTab(UriBuilder.fromUri(super.searchPage(phone, context).orElseThrow().url())
                            .queryParam("t", counter.incrementAndGet()).build()));
                }
            };
        }
    }

    static final class HostsIncludeAForeignDomain extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CrmDescription description() {
                    return description(List.of("*.kit-crm.test", "app.kit-crm.example", "*.example.com"), Optional.empty(), true, true);
                }
            };
        }
    }

    /** The CRM is {@code app.kit-crm.example}; {@code *.kit-crm.example} lets {@code evilapp.kit-crm.example} pass for it. */
    static final class HostsCoverTheWholeDomain extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CrmDescription description() {
                    return description(List.of("*.kit-crm.test", "app.kit-crm.example", "*.kit-crm.example"), Optional.empty(), true, true);
                }
            };
        }
    }

    /** A cache-busting parameter in the client's clean-up: not a pure answer. */
    static final class ClientCleanUpDiffersEachTime extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            AtomicLong counter = new AtomicLong();
            return new ReferenceAdapter() {
                @Override
                public List<ClientAction> clientCleanup(CrmContext context) {
                    return List.of(new RemoveStorage(List.of("kit.access-token", "kit.session-" + counter.incrementAndGet())));
                }
            };
        }
    }

    static final class ClientCleanUpOpensAPageOffTheCrmsHosts extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<ClientAction> clientCleanup(CrmContext context) {
                    return List.of(new RemoveStorage(List.of("kit.access-token")), OpenUrl.inTab(URI.create("https://signed-out.example.com/bye")));
                }
            };
        }
    }

    static final class RevocationStepNamedInWords extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
                    return tokens.accessToken() == null ? List.of() : List.of(new CleanupStep("Revoke access token", CleanupStep.Outcome.DONE, null));
                }
            };
        }
    }

    static final class RevocationRepeatsTheToken extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
                    return List.of(new CleanupStep("revoke-access-token", CleanupStep.Outcome.FAILED,
                            "The CRM refused to revoke " + tokens.accessToken() + "."));
                }
            };
        }
    }

    /** Reports a revocation done though the client sent nothing to revoke. */
    static final class RevokesWithoutTokens extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
                    return List.of(new CleanupStep("revoke-access-token", CleanupStep.Outcome.DONE, null));
                }
            };
        }
    }

    /** Puts a state of its own on the authorization page, which callpop's would then contradict. */
    static final class SignInWithItsOwnState extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public SignInStart start(SignInRequest request) {
                    SignInStart start = super.start(request);
                    return new SignInStart(UriBuilder.fromUri(start.authorizationUrl()).queryParam("state", "kit").build(), start.remembered());
                }
            };
        }
    }

    /** Sends the user to a plain-http authorization page. */
    static final class SignInOnPlainHttp extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public SignInStart start(SignInRequest request) {
                    SignInStart start = super.start(request);
                    return new SignInStart(UriBuilder.fromUri(start.authorizationUrl()).scheme("http").build(), start.remembered());
                }
            };
        }
    }

    /** Keeps the log but not its note. */
    static final class LosesTheNote extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CallLogRecord readLog(String logId, CrmContext context) {
                    CallLogRecord log = super.readLog(logId, context);
                    return new CallLogRecord(log.logId(), log.contact(), log.subject(), null, log.result(), log.duration());
                }
            };
        }
    }

    /** Answers the note as the HTML it stored. */
    static final class AnswersTheNoteAsMarkup extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CallLogRecord readLog(String logId, CrmContext context) {
                    CallLogRecord log = super.readLog(logId, context);
                    String html = log.note() == null ? null : log.note().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
                    return new CallLogRecord(log.logId(), log.contact(), log.subject(), html, log.result(), log.duration());
                }
            };
        }
    }

    /** Leaves a log as it was whatever the change. */
    static final class IgnoresUpdates extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CallLogRecord updateLog(String logId, CallLogChange change, CrmContext context) {
                    return readLog(logId, context);
                }
            };
        }
    }

    /** Finds some other log for a session. */
    static final class FindsAnotherLogForTheSession extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public Optional<CallLogRecord> findLog(String sessionId, CrmContext context) {
                    return Optional.of(new CallLogRecord("1", null, null, null, null, null));
                }
            };
        }
    }

    /** Writes a log for any contact id, even one the CRM does not have. */
    static final class LogsForContactsItDoesNotHave extends KitRun {
        @Override
        protected CrmAdapter adapter() {
            return new ReferenceAdapter() {
                @Override
                public CallLogRecord createLog(CallLog log, CrmContext context) {
                    CallLog anyone = new CallLog(log.sessionId(), new Contact("1001", null, null, log.contact().type()), log.direction(),
                            log.from(), log.to(), log.startedAt(), log.duration(), log.result(), log.subject(), log.note(), log.recordingUrl());
                    return super.createLog(anyone, context);
                }
            };
        }
    }

    static Stream<Arguments> brokenAdapters() {
        return Stream.of(
                arguments(IdNotACrmId.class, Set.of("theIdIsACrmId")),
                arguments(BlankDisplayName.class, Set.of("theDescriptionIsComplete")),
                arguments(DefaultHostnameOffItsHosts.class, Set.of("theDescriptionIsComplete")),
                arguments(PlainHttpContactPage.class, Set.of("everyContactPageIsHttpsOnTheRequestsHost", "aContactIdArrivesWholeInTheContactPage",
                        "theCallPopPageOfAContactIsOnTheCrmsHostsAndCarriesItsId")),
                arguments(SecondContactTypeHasNoPage.class, Set.of("everyContactPageIsHttpsOnTheRequestsHost")),
                arguments(ContactPageOnOneFixedHost.class, Set.of("theContactPageIsOnTheHostnameOfEachRequest")),
                arguments(ContactIdLowercased.class, Set.of("aContactIdArrivesWholeInTheContactPage")),
                arguments(ContactIdCutAtTheFirstDot.class, Set.of("aContactIdArrivesWholeInTheContactPage")),
                arguments(ContactPageWithoutTheId.class, Set.of("everyContactPageIsHttpsOnTheRequestsHost", "aContactIdArrivesWholeInTheContactPage",
                        "theCallPopPageOfAContactIsOnTheCrmsHostsAndCarriesItsId")),
                arguments(LogIdLowercased.class, Set.of("aLogIdArrivesWholeInTheLogPage")),
                arguments(LogPageWithoutTheLogId.class, Set.of("theLogPageMatchesWhatTheDescriptionSays", "aLogIdArrivesWholeInTheLogPage")),
                arguments(NoLogPageThoughDescribed.class, Set.of("theLogPageMatchesWhatTheDescriptionSays")),
                arguments(SaysItLooksUpButCannot.class, Set.of("theLookUpMatchesWhatTheDescriptionSays")),
                arguments(LooksUpThoughItSaysItCannot.class, Set.of("theLookUpMatchesWhatTheDescriptionSays")),
                arguments(LookUpFailsWithABugWithoutCredentials.class, Set.of("theLookUpMatchesWhatTheDescriptionSays")),
                arguments(NumberConcatenatedIntoTheSearchPage.class, Set.of("pagesForANumberCarryOneOfItsFormatsUnchanged")),
                arguments(NumberEncodedTwiceInTheNewContactPage.class, Set.of("pagesForANumberCarryOneOfItsFormatsUnchanged")),
                arguments(CallPopPageOnAFixedHost.class, Set.of("theCallPopPageOfAContactIsOnTheCrmsHostsAndCarriesItsId")),
                arguments(CacheBustingSearchPage.class, Set.of("theSameInputGivesTheSameAnswer")),
                arguments(HostsIncludeAForeignDomain.class, Set.of("foreignHostsAreNotTheCrms")),
                arguments(HostsCoverTheWholeDomain.class, Set.of("lookAlikesOfTheCrmsHostsAreNotTheCrms")),
                arguments(ClientCleanUpDiffersEachTime.class, Set.of("theClientCleanUpIsTheSameEveryTimeAndStaysOnTheCrmsHosts")),
                arguments(ClientCleanUpOpensAPageOffTheCrmsHosts.class, Set.of("theClientCleanUpIsTheSameEveryTimeAndStaysOnTheCrmsHosts")),
                arguments(RevocationStepNamedInWords.class, Set.of("revocationStepsAreNamedBySlugs")),
                arguments(RevocationRepeatsTheToken.class, Set.of("revocationNeverRepeatsTheTokens")),
                arguments(RevokesWithoutTokens.class, Set.of("withoutTokensNothingIsRevoked")),
                arguments(SignInWithItsOwnState.class, Set.of("aSignInStartsAtAnHttpsPageWithTheRedirectUriAndNoState")),
                arguments(SignInOnPlainHttp.class, Set.of("aSignInStartsAtAnHttpsPageWithTheRedirectUriAndNoState")),
                arguments(LosesTheNote.class, Set.of("aCallLogIsWrittenReadBackUpdatedAndReadAgain", "aNoteIsWrittenAsTextNeverAsMarkup")),
                arguments(AnswersTheNoteAsMarkup.class, Set.of("aNoteIsWrittenAsTextNeverAsMarkup")),
                arguments(IgnoresUpdates.class, Set.of("aCallLogIsWrittenReadBackUpdatedAndReadAgain")),
                arguments(FindsAnotherLogForTheSession.class, Set.of("aSessionsLogIsFoundAgainOrNotAtAllButNeverAnother")),
                arguments(LogsForContactsItDoesNotHave.class, Set.of("aContactTheCrmDoesNotHaveIsRefusedTheSpiWay")));
    }

    private static Events run(Class<? extends KitRun> kitRun) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitRun)).execute().testEvents();
    }

    /** The kit test methods that failed (a parameterized test fails when any of its cases does). */
    private static Set<String> failedKitTests(Events events) {
        return kitTestsOf(events.failed());
    }

    private static Set<String> kitTestsOf(Events events) {
        return events.stream()
                .map(event -> (org.junit.platform.engine.support.descriptor.MethodSource) event.getTestDescriptor().getSource().orElseThrow())
                .map(org.junit.platform.engine.support.descriptor.MethodSource::getMethodName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> kitTests() {
        return Stream.of(CrmAdapterContract.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aCorrectAdapterPassesEveryKitTest() {
        Events events = run(Correct.class);
        assertThat(failedKitTests(events)).isEmpty();
        assertThat(events.skipped().count() + events.aborted().count()).isZero();
        assertThat(kitTestsOf(events.succeeded())).as("every kit test ran and passed").isEqualTo(kitTests());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenAdapters")
    void aBrokenAdapterFailsExactlyTheKitTestsForWhatItBreaks(Class<? extends KitRun> brokenAdapter, Set<String> kitTestsItBreaks) {
        assertThat(failedKitTests(run(brokenAdapter))).isEqualTo(new TreeSet<>(kitTestsItBreaks));
    }

    @Test
    void everyKitTestFailsForSomeBrokenAdapter() {
        Set<String> covered = brokenAdapters().map(arguments -> (Set<?>) arguments.get()[1])
                .flatMap(Set::stream).map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(kitTests());
    }
}
