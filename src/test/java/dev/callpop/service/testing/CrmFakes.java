package dev.callpop.service.testing;

import java.util.HashMap;
import java.util.Map;

import dev.callpop.adapter.bullhorn.BullhornFake;
import dev.callpop.adapter.pipedrive.PipedriveFake;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The adapters' own fakes of Pipedrive and Bullhorn ({@link PipedriveFake}, {@link BullhornFake}, from their modules'
 * test-jars), started once for every test, with their URL layouts, answers and app credentials. A test receives a
 * running fake in a field marked {@link PipedriveFake.Server} or {@link BullhornFake.Server} and stubs it with the
 * fake's static methods.
 *
 * <p>What this adds is the service's own: the fakes' origins as allowed authorization pages (they are plain http on
 * loopback, as an operator would allow a CRM's own domain), and the service's time limits rather than the fakes'
 * read time-outs, which the adapters' tests need: the application's own REST client read time-outs, except
 * Pipedrive's OAuth server's, 500 ms, so that a Pipedrive that does not answer at sign-in fails before callpop's limit.
 */
@WithTestResource(value = CrmFakes.class, scope = TestResourceScope.GLOBAL)
public class CrmFakes implements QuarkusTestResourceLifecycleManager {

    private final PipedriveFake pipedrive = new PipedriveFake();
    private final BullhornFake bullhorn = new BullhornFake();

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(pipedrive.start());
        settings.putAll(bullhorn.start());
        settings.keySet().removeIf(key -> key.endsWith(".read-timeout"));
        settings.put("quarkus.rest-client.pipedrive-oauth.read-timeout", "500");
        settings.put("callpop.sign-in.authorization-origins",
                PipedriveFake.origin(pipedrive.server()) + "," + BullhornFake.origin(bullhorn.server()));
        return settings;
    }

    @Override
    public void inject(TestInjector injector) {
        pipedrive.inject(injector);
        bullhorn.inject(injector);
    }

    @Override
    public void stop() {
        pipedrive.stop();
        bullhorn.stop();
    }
}
