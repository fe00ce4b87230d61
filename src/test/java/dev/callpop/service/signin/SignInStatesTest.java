package dev.callpop.service.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.testing.MutableClock;
import dev.callpop.spi.SignInRequest;

/** A sign-in state binds its user and CRM, carries what the adapter remembers, and expires; keys rotate. */
class SignInStatesTest {

    private static final String KEY = "state-key-0123456789abcdefghijklmnopqrstuv";
    private static final String NEXT = "next-state-key-0123456789abcdefghijklmnopq";
    private static final SignInRequest REQUEST = new SignInRequest(URI.create("https://softphone.example.com/oauth/"), "ada", null);

    private final MutableClock clock = MutableClock.startingNow();

    private SignInStates states(String... keys) {
        return new SignInStates(new SignInConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<List<String>> stateKeys() {
                return Optional.of(List.of(keys));
            }

            @Override
            public Duration stateLifetime() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Optional<List<String>> redirectUris() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> authorizationOrigins() {
                return Optional.empty();
            }
        }, clock);
    }

    private static void assertInvalid(Runnable open, String because) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.kind()).isEqualTo(ProblemKind.SIGN_IN_STATE_INVALID)).hasMessageContaining(because);
    }

    @Test
    void aStateGivesBackWhatTheSignInStartedWith() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "bullhorn", REQUEST, Map.of("oauthUrl", "https://auth-east.bullhornstaffing.com/oauth")).state();
        SignInStates.Started started = states.open(state, "iss|agent-7", "bullhorn");
        assertThat(started.request()).usingRecursiveComparison().ignoringFields("codeVerifier").isEqualTo(REQUEST);
        assertThat(started.remembered()).containsExactly(Map.entry("oauthUrl", "https://auth-east.bullhornstaffing.com/oauth"));
    }

    @Test
    void aStateExpiresAfterItsLifetime() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "pipedrive", REQUEST, Map.of()).state();
        clock.advance(Duration.ofMinutes(9));
        assertThat(states.open(state, "iss|agent-7", "pipedrive").request()).usingRecursiveComparison().ignoringFields("codeVerifier").isEqualTo(REQUEST);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertInvalid(() -> states.open(state, "iss|agent-7", "pipedrive"), "expired");
    }

    @Test
    void anotherReplicaWithTheSameKeysCompletesIt() {
        String state = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of()).state();
        assertThat(states(KEY).open(state, "iss|agent-7", "pipedrive").request()).usingRecursiveComparison().ignoringFields("codeVerifier").isEqualTo(REQUEST);
    }

    @Test
    void aStateSignedWithAnotherKeyIsRefused() {
        String state = states(NEXT).issue("iss|agent-7", "pipedrive", REQUEST, Map.of()).state();
        assertInvalid(() -> states(KEY).open(state, "iss|agent-7", "pipedrive"), "not one callpop issued");
    }

    @Test
    void whileKeysRotateAStateSignedWithThePreviousKeyStillCompletes() {
        String state = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of()).state();
        assertThat(states(NEXT, KEY).open(state, "iss|agent-7", "pipedrive").request()).usingRecursiveComparison().ignoringFields("codeVerifier").isEqualTo(REQUEST);
    }

    @Test
    void aStateBindsTheUserAndTheCrm() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "pipedrive", REQUEST, Map.of()).state();
        String foreignUser = message(() -> states.open(state, "iss|agent-8", "pipedrive"));
        String foreignCrm = message(() -> states.open(state, "iss|agent-7", "bullhorn"));
        String notCallpops = message(() -> states(NEXT).open(state, "iss|agent-7", "pipedrive"));
        // One answer for all three: a holder of a stolen state learns nothing of whether it is genuine.
        assertThat(foreignUser).contains("not one callpop issued to this user for this CRM").isEqualTo(foreignCrm).isEqualTo(notCallpops);
    }

    private static String message(Runnable open) {
        try {
            open.run();
        } catch (ProblemException e) {
            assertThat(e.kind()).isEqualTo(ProblemKind.SIGN_IN_STATE_INVALID);
            return e.getMessage();
        }
        throw new AssertionError("the state was accepted");
    }

    @Test
    void theCodeVerifierIsTheOneOfTheChallengeAndOnlyTheSameKeysComputeIt() {
        SignInStates.Issued issued = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        String verifier = states(KEY).open(issued.state(), "iss|agent-7", "pipedrive").request().codeVerifier();
        assertThat(verifier).matches("[A-Za-z0-9_-]{43}");
        assertThat(SignInStates.codeChallenge(verifier)).isEqualTo(issued.codeChallenge());
        // While keys rotate, a state signed with the previous key still gives the verifier of its challenge.
        assertThat(states(NEXT, KEY).open(issued.state(), "iss|agent-7", "pipedrive").request().codeVerifier()).isEqualTo(verifier);
        // Each sign-in has its own.
        SignInStates.Issued another = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        assertThat(another.codeChallenge()).isNotEqualTo(issued.codeChallenge());
    }

    @Test
    void theChallengeIsS256OfRfc7636() {
        assertThat(SignInStates.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
