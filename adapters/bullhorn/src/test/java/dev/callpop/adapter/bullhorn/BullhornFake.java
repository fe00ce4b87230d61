package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake Bullhorn REST API (WireMock on a dynamic port) for the adapter's {@code @QuarkusTest}s. A user's
 * REST URL is {@code http://localhost:<port>/rest-services/<corp>/}; {@code callpop.bullhorn.rest-url-pattern}
 * is overridden to allow exactly such URLs, {@code callpop.bullhorn.sign-in-url-pattern} to allow the fake's
 * {@code /oauth} and {@code /rest-services} (not another path, nor {@code 127.0.0.1}, where tests put a hostile
 * OAuth server), and the REST client's read time-out is shorter than the fake's delay
 * for a Bullhorn that does not answer (long enough for the first, cold call). Sign-in's {@code loginInfo} is at
 * {@code /rest-services/loginInfo}, with callpop's app credentials; tests stub the OAuth server at {@code /oauth}. A test receives the running fake in a field marked {@link Server}.
 */
public class BullhornFake implements QuarkusTestResourceLifecycleManager {

    static final String READ_TIMEOUT_MS = "2500";
    static final String CLIENT_ID = "callpop-bullhorn-test-client";
    static final String CLIENT_SECRET = "callpop-bullhorn-test-secret-91c2";

    private WireMockServer server;

    /** Marks the test field that receives the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    /** The REST URL Bullhorn's REST login would give a user of corporation {@code corp1}, on this fake. */
    static String restUrl(WireMockServer server) {
        return "http://localhost:" + server.port() + "/rest-services/corp1/";
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "callpop.bullhorn.rest-url-pattern", "http://localhost:" + server.port() + "/rest-services/[A-Za-z0-9]+/",
                "callpop.bullhorn.sign-in-url-pattern", "http://localhost:" + server.port() + "/(oauth|rest-services)(/.*)?",
                "quarkus.rest-client.bullhorn-rest.read-timeout", READ_TIMEOUT_MS,
                "quarkus.rest-client.bullhorn-sign-in.url", "http://localhost:" + server.port() + "/rest-services",
                "quarkus.rest-client.bullhorn-sign-in.read-timeout", READ_TIMEOUT_MS,
                "callpop.bullhorn.client-id", CLIENT_ID,
                "callpop.bullhorn.client-secret", CLIENT_SECRET);
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
