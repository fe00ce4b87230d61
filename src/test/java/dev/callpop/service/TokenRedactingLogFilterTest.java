package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenRedactingLogFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "failed: JsonWebSignature{\"alg\":\"RS256\"}->eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl | failed: JsonWebSignature{\"alg\":\"RS256\"}-><redacted>",
            "header Authorization: Bearer abcdefgh12345678 | header Authorization: <redacted>",
            "no token here: eyJ alone, bearer x | no token here: eyJ alone, bearer x"})
    void redactsTokenShapedText(String line, String expected) {
        assertThat(TokenRedactingLogFilter.redact(line)).isEqualTo(expected);
    }
}
