package dev.callpop.adapter.pipedrive;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake Pipedrive (WireMock on a dynamic port) for the adapter's {@code @QuarkusTest}s: the company API
 * under {@code /company/{hostname}} ({@code callpop.pipedrive.api-url}) and the OAuth server at the root
 * ({@code quarkus.rest-client.pipedrive-oauth.url}, its authorization page {@code callpop.pipedrive.authorization-url}), with callpop's OAuth app credentials and read time-outs
 * shorter than the fake's delay for a Pipedrive that does not answer (long enough for the first, cold call). A test receives the running fake in a field
 * marked {@link Server}.
 */
public class PipedriveFake implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "callpop-test-client";
    static final String CLIENT_SECRET = "callpop-test-secret-7f3a";
    static final String READ_TIMEOUT_MS = "2500";

    private WireMockServer server;

    /** Marks the test field that receives the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        return Map.of(
                "callpop.pipedrive.authorization-url", base + "/oauth/authorize",
                "callpop.pipedrive.api-url", base + "/company/{hostname}",
                "quarkus.rest-client.pipedrive-api.read-timeout", READ_TIMEOUT_MS,
                "quarkus.rest-client.pipedrive-oauth.url", base,
                "quarkus.rest-client.pipedrive-oauth.read-timeout", READ_TIMEOUT_MS,
                "callpop.pipedrive.client-id", CLIENT_ID,
                "callpop.pipedrive.client-secret", CLIENT_SECRET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
