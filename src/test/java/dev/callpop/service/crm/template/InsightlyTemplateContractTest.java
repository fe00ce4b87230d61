package dev.callpop.service.crm.template;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

/** A template CRM from the App Connect sample manifest (with contact types) keeps the adapter contract. */
class InsightlyTemplateContractTest extends CrmAdapterContract {

    static CrmAdapter fromSampleManifest(String name) {
        return AppConnectManifest.read(new ObjectMapper(), TemplateCrmDefinitionTest.FIXTURE).stream()
                .filter(platform -> platform.name().equals(name)).findFirst().orElseThrow().adapter();
    }

    @Override
    protected CrmAdapter adapter() {
        return fromSampleManifest("insightly");
    }

    @Override
    protected String hostname() {
        return "acme.insightly.com";
    }
}
