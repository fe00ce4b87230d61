package dev.callpop.service.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.service.api.problem.ProblemException;
import dev.callpop.service.api.problem.ProblemKind;
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
        }, clock);
    }

    private static void assertInvalid(Runnable open, String because) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.kind()).isEqualTo(ProblemKind.SIGN_IN_STATE_INVALID)).hasMessageContaining(because);
    }

    @Test
    void aStateGivesBackWhatTheSignInStartedWith() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "bullhorn", REQUEST, Map.of("oauthUrl", "https://auth-east.bullhornstaffing.com/oauth"));
        SignInStates.Started started = states.open(state, "iss|agent-7", "bullhorn");
        assertThat(started.request()).isEqualTo(REQUEST);
        assertThat(started.remembered()).containsExactly(Map.entry("oauthUrl", "https://auth-east.bullhornstaffing.com/oauth"));
    }

    @Test
    void aStateExpiresAfterItsLifetime() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        clock.advance(Duration.ofMinutes(9));
        assertThat(states.open(state, "iss|agent-7", "pipedrive").request()).isEqualTo(REQUEST);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertInvalid(() -> states.open(state, "iss|agent-7", "pipedrive"), "expired");
    }

    @Test
    void anotherReplicaWithTheSameKeysCompletesIt() {
        String state = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        assertThat(states(KEY).open(state, "iss|agent-7", "pipedrive").request()).isEqualTo(REQUEST);
    }

    @Test
    void aStateSignedWithAnotherKeyIsRefused() {
        String state = states(NEXT).issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        assertInvalid(() -> states(KEY).open(state, "iss|agent-7", "pipedrive"), "not one callpop issued");
    }

    @Test
    void whileKeysRotateAStateSignedWithThePreviousKeyStillCompletes() {
        String state = states(KEY).issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        assertThat(states(NEXT, KEY).open(state, "iss|agent-7", "pipedrive").request()).isEqualTo(REQUEST);
    }

    @Test
    void aStateBindsTheUserAndTheCrm() {
        SignInStates states = states(KEY);
        String state = states.issue("iss|agent-7", "pipedrive", REQUEST, Map.of());
        assertInvalid(() -> states.open(state, "iss|agent-8", "pipedrive"), "another callpop user");
        assertInvalid(() -> states.open(state, "iss|agent-7", "bullhorn"), "another CRM");
    }
}
