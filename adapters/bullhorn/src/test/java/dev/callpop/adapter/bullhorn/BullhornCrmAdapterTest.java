package dev.callpop.adapter.bullhorn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

/** The Bullhorn adapter keeps the adapter contract; its REST client is a fake that finds nobody. */
class BullhornCrmAdapterTest extends CrmAdapterContract {

    private static final BullhornConfig CONFIG = new BullhornConfig() {
        public String restUrlPattern() {
            return "https://rest[a-z0-9-]*[.]bullhornstaffing[.]com/rest-services/[A-Za-z0-9]+/";
        }

        public int searchLimit() {
            return 10;
        }
    };

    @Override
    protected CrmAdapter adapter() {
        BullhornRestApi nobody = (restUrl, token, entity, fields, count, query) -> new BullhornRestApi.SearchResult(List.of());
        return new BullhornCrmAdapter(nobody, CONFIG);
    }

    @Override
    protected String hostname() {
        return "cls21.bullhornstaffing.com";
    }

    @Test
    void theQueryCoversEveryPhoneFieldInEveryFormat() {
        String query = BullhornCrmAdapter.query(List.of("phone", "mobile"), PHONE);
        assertThat(query).startsWith("phone:\"+14155550100\" OR phone:\"+1 415-555-0100\"").contains("mobile:\"4155550100\"");
        assertThat(query.split(" OR ")).hasSize(8);
    }
}
