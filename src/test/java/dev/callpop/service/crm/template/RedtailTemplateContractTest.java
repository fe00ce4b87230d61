package dev.callpop.service.crm.template;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

/** A template CRM from the App Connect sample manifest (one kind of contact) keeps the adapter contract. */
class RedtailTemplateContractTest extends CrmAdapterContract {

    @Override
    protected CrmAdapter adapter() {
        return InsightlyTemplateContractTest.fromSampleManifest("redtail");
    }

    @Override
    protected String hostname() {
        return "acme.redtailtechnology.com";
    }
}
