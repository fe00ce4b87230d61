package dev.callpop.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.testing.MutableClock;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmSignedIn;

/** Sealing keys rotate (the newest seals, every configured key opens) and sealed credentials expire. */
class SealedCredentialKeysTest {

    private static final String OLD = "old-sealing-key-0123456789abcdefghijklmnop";
    private static final String NEW = "new-sealing-key-0123456789abcdefghijklmnop";
    private static final CrmSignedIn SIGNED_IN = new CrmSignedIn("at-1", "rt-1", null, new CrmCredentials("bh-1", "https://rest/", "ada"),
            "cls21.bullhornstaffing.com", Map.of("oauthUrl", "https://auth/oauth"));

    private final MutableClock clock = MutableClock.startingNow();

    private SealedCredentials sealing(String... keys) {
        return new SealedCredentials(new SealedCredentialsConfig() {
            @Override
            public Optional<List<String>> keys() {
                return Optional.of(List.of(keys));
            }

            @Override
            public Duration lifetime() {
                return Duration.ofDays(30);
            }
        }, clock);
    }

    @Test
    void aCredentialSealedWithThePreviousKeyStillOpensAfterRotation() {
        String sealed = sealing(OLD).seal(SIGNED_IN, "iss|agent-7", "bullhorn");
        SealedCredentials.Opened opened = sealing(NEW, OLD).open(sealed, "iss|agent-7", "bullhorn");
        assertThat(opened.credentials()).isEqualTo(SIGNED_IN.forEvents());
        assertThat(opened.tokens().accessToken()).isEqualTo("at-1");
        assertThat(opened.tokens().refreshToken()).isEqualTo("rt-1");
        assertThat(opened.remembered()).isEqualTo(SIGNED_IN.remembered());
    }

    @Test
    void afterRotationTheNewKeySealsSoTheRetiredKeyCannotOpen() {
        String sealed = sealing(NEW, OLD).seal(SIGNED_IN, "iss|agent-7", "bullhorn");
        assertThat(sealing(NEW).open(sealed, "iss|agent-7", "bullhorn").tokens().accessToken()).isEqualTo("at-1");
        assertThatThrownBy(() -> sealing(OLD).open(sealed, "iss|agent-7", "bullhorn"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.kind()).isEqualTo(ProblemKind.CRM_REAUTHENTICATION_REQUIRED));
    }

    @Test
    void aSealedCredentialExpires() {
        SealedCredentials sealing = sealing(NEW);
        String sealed = sealing.seal(SIGNED_IN, "iss|agent-7", "bullhorn");
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThatThrownBy(() -> sealing.open(sealed, "iss|agent-7", "bullhorn")).hasMessageContaining("expired");
    }

    @Test
    void itOpensForItsOwnUserAndCrmOnly() {
        SealedCredentials sealing = sealing(NEW);
        String sealed = sealing.seal(SIGNED_IN, "iss|agent-7", "bullhorn");
        String notCallpops = catchThrowable(() -> sealing(OLD).open(sealed, "iss|agent-7", "bullhorn")).getMessage();
        // One answer for another user, another CRM and a value callpop cannot open: a thief learns nothing from it.
        assertThat(notCallpops).contains("cannot open it for this user and CRM");
        assertThatThrownBy(() -> sealing.open(sealed, "iss|agent-8", "bullhorn")).hasMessage(notCallpops);
        assertThatThrownBy(() -> sealing.open(sealed, "other-iss|agent-7", "bullhorn")).hasMessage(notCallpops);
        assertThatThrownBy(() -> sealing.open(sealed, "iss|agent-7", "pipedrive")).hasMessage(notCallpops);
    }

    @Test
    void aKeyShorterThan32CharactersStopsTheStart() {
        assertThatThrownBy(() -> sealing("too-short")).isInstanceOf(IllegalStateException.class).hasMessageContaining("32 characters");
    }

    @Test
    void plainCrmTokensAreNotTakenForSealedOnes() {
        SealedCredentials sealing = sealing(NEW);
        assertThat(sealing.isSealed("12345:67890:abcdef0123456789")).isFalse();
        assertThat(sealing.isSealed(sealing.seal(SIGNED_IN, "iss|agent-7", "bullhorn"))).isTrue();
    }
}
