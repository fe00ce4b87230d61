package dev.callpop.adapter.sample;

import dev.callpop.spi.CrmAdapter;
import dev.callpop.testkit.CrmAdapterContract;

/**
 * The sample adapter keeps the adapter contract; this is all an adapter's contract test needs. Its own
 * behaviour is in {@link SampleCrmBehaviourTest}, its discovery in Quarkus in {@link SampleCrmAdapterQuarkusTest}.
 */
class SampleCrmAdapterTest extends CrmAdapterContract {

    @Override
    protected CrmAdapter adapter() {
        return new SampleCrmAdapter(() -> "https://crm.example.com/oauth/authorize");
    }

    @Override
    protected String hostname() {
        return "crm.example.com";
    }
}
