package dev.callpop.service.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.HostPattern;

class HostPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "*.pipedrive.com, acme.pipedrive.com, true",
            "*.pipedrive.com, pipedrive.com, false",
            "*.pipedrive.com, a.b.pipedrive.com, false",
            "*.pipedrive.com, evilpipedrive.com, false",
            "*.pipedrive.com, acme.pipedrive.com.evil.com, false",
            "crm.example.com, crm.example.com, true",
            "crm.example.com, x.crm.example.com, false",
            "crm.example.com, example.com, false"})
    void matchesOneLabelUnderAWildcardOrTheExactHost(String pattern, String host, boolean matches) {
        assertThat(HostPattern.parse(pattern).matches(host)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "**.clio.com matches {0}: {1}")
    @CsvSource({
            "clio.com, true",
            "app.clio.com, true",
            "eu.app.clio.com, true",
            "a.b.c.d.clio.com, true",
            "evilclio.com, false",
            "clio.com.evil.com, false",
            "app.clio.com.evil.com, false",
            "clio.co, false",
            "lio.com, false",
            "com, false"})
    void matchesTheDomainAndAnyDepthUnderADoubleWildcard(String host, boolean matches) {
        assertThat(HostPattern.parse("**.clio.com").matches(host)).isEqualTo(matches);
        assertThat(HostPattern.domainAndBelow("clio.com").matches(host)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*.com", "**.com", "***.clio.com", "*clio.com", "clio.*.com", "https://clio.com", "clio.com:443", "**.", "*.**.clio.com"})
    void refusesWhatIsNotAHostOrADomainUnderAWildcard(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(pattern);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"*.pipedrive.com, acme.pipedrive.com", "**.clio.com, acme.clio.com", "crm.example.com, crm.example.com"})
    void givesAnExampleHostItMatches(String pattern, String example) {
        assertThat(HostPattern.parse(pattern).example()).isEqualTo(example);
        assertThat(HostPattern.parse(pattern).matches(example)).isTrue();
    }
}
