package dev.callpop.service.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
