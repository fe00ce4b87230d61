package dev.callpop.adapter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

/** The sample adapter keeps the adapter contract; this is all an adapter's contract test needs. */
class SampleCrmAdapterTest extends CrmAdapterContract {

    @Override
    protected CrmAdapter adapter() {
        return new SampleCrmAdapter();
    }

    @Override
    protected String hostname() {
        return "crm.example.com";
    }

    @Test
    void theDirectoryFindsAda() {
        assertThat(adapter().findContacts(PHONE, context())).extracting(ContactMatch::name).containsExactly("Ada Lovelace");
    }
}
