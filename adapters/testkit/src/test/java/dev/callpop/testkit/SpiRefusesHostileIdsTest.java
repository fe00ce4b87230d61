package dev.callpop.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.OpenLogPage;

/**
 * The SPI's guarantee that the contract builds on, tested against the SPI itself (no adapter can pass or
 * fail it): an id that could move a URL never reaches an adapter, because the records an adapter receives
 * refuse it. That is why the contract feeds adapters only ids callpop allows, with every character it allows.
 */
class SpiRefusesHostileIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "..", ".", "1?next=https://evil.example.com", "a/b", "a#b", "%2e%2e%2fadmin",
            "1\r\nSet-Cookie: a=b", "javascript:alert(1)", "//evil.example.com", "@evil.example.com", "1 2", "1&x=y", "", "-1", "_a", "é"})
    void aContactRefusesAHostileId(String id) {
        assertThatThrownBy(() -> Contact.withId(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "..", "1?next=https://evil.example.com", "a/b", "a#b", "1\r\nSet-Cookie: a=b", "1 2", "1&x=y", ""})
    void anOpenLogPageRefusesAHostileLogId(String id) {
        assertThatThrownBy(() -> new OpenLogPage(id, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "a/b", "1?x=y"})
    void aMatchWithAHostileIdCannotBeOpened(String id) {
        assertThatThrownBy(() -> new ContactMatch(id, "Mallory", null).asContact(CrmAdapterContract.PHONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 200})
    void anIdLongerThan128CharactersIsRefused(int length) {
        assertThatThrownBy(() -> Contact.withId("a".repeat(length))).isInstanceOf(IllegalArgumentException.class);
    }
}
