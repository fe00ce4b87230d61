package dev.callpop.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.WireWords;

/** The words a request may carry for a preference are exactly the words of the settings it stands for. */
class InputRulesTest {

    private static List<String> words(String alternatives) {
        return List.of(alternatives.split("\\|"));
    }

    private static List<String> wireWords(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireWords::of).toList();
    }

    @Test
    void aPopPreferenceIsOneOfThePopOnWords() {
        assertThat(words(InputRules.POP_ON)).containsExactlyInAnyOrderElementsOf(wireWords(CrmsConfig.PopOn.class));
    }

    @Test
    void aMultipleMatchesPreferenceIsOneOfTheMatchPolicyWords() {
        assertThat(words(InputRules.MULTIPLE_MATCHES)).containsExactlyInAnyOrderElementsOf(wireWords(MatchPolicy.OnMultipleMatches.class));
    }
}
