package dev.callpop.adapter.addonfixture;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

class AcmeCrmAdapterTest extends CrmAdapterContract {

    @Override
    protected CrmAdapter adapter() {
        return new AcmeCrmAdapter();
    }

    @Override
    protected String hostname() {
        return "eu.acme-crm.test";
    }
}
