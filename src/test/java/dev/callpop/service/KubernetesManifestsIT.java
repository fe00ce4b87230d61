package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The manifests the build generates (Quarkus Kubernetes, target/kubernetes/kubernetes.yml, with the ConfigMap,
 * Secret and autoscaler of src/main/kubernetes merged in) fit the packaged application they deploy.
 */
@QuarkusIntegrationTest
class KubernetesManifestsIT {

    private static Map<String, JsonNode> byKind;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(Files.readString(Path.of("target/kubernetes/kubernetes.yml")))) {
            it.forEachRemaining(documents::add);
        }
        byKind = documents.stream().collect(Collectors.toMap(doc -> doc.path("kind").asText(), doc -> doc));
    }

    private static JsonNode container() {
        return byKind.get("Deployment").at("/spec/template/spec/containers/0");
    }

    @Test
    void everyPartIsThere() {
        assertThat(byKind).containsOnlyKeys("ConfigMap", "Secret", "Deployment", "Service", "HorizontalPodAutoscaler");
        assertThat(byKind.get("Deployment").at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).as("generated").isEqualTo("quarkus");
    }

    @Test
    void theDeploymentRunsTheJvmImageAsNonRootOnAReadOnlyFileSystem() {
        assertThat(container().at("/image").asText()).isEqualTo("callpop:jvm");
        assertThat(byKind.get("Deployment").at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container().at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container().at("/volumeMounts/0/mountPath").asText()).as("a writable /tmp").isEqualTo("/tmp");
        assertThat(byKind.get("Deployment").at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theContainerListensWhereCallpopDoes() throws IOException {
        Properties settings = new Properties();
        settings.load(Files.newBufferedReader(Path.of("src/main/resources/application.properties")));
        assertThat(container().at("/ports/0/containerPort").asInt()).isEqualTo(Integer.parseInt(settings.getProperty("quarkus.http.port")));
    }

    @Test
    void everyProbeAsksAHealthEndpointThatAnswers() {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container().at("/" + probe + "/httpGet/path").asText();
            assertThat(path).as(probe).startsWith("/q/health");
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    void prometheusIsToldWhereTheMetricsAre() {
        JsonNode annotations = byKind.get("Deployment").at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(container().at("/ports/0/containerPort").asInt());
        String path = annotations.path("prometheus.io/path").asText();
        given().when().get(path).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("callpop_circuit_breaker_state"));
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        assertThat(container().at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container().at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container().at("/resources/limits/memory").asText()).isNotEmpty();
    }

    @Test
    void settingsAndSecretsComeFromTheConfigMapAndSecret() {
        List<String> refs = new ArrayList<>();
        container().path("envFrom").forEach(source -> {
            refs.add(source.has("configMapRef") ? "ConfigMap/" + source.at("/configMapRef/name").asText() : "Secret/" + source.at("/secretRef/name").asText());
        });
        assertThat(refs).containsExactlyInAnyOrder("ConfigMap/" + byKind.get("ConfigMap").at("/metadata/name").asText(),
                "Secret/" + byKind.get("Secret").at("/metadata/name").asText());
        assertThat(byKind.get("ConfigMap").path("data").has("QUARKUS_OIDC_AUTH_SERVER_URL")).as("prod needs an issuer").isTrue();
        assertThat(byKind.get("Secret").path("stringData").has("CALLPOP_PIPEDRIVE_CLIENT_SECRET")).isTrue();
        assertThat(byKind.get("ConfigMap").path("data").toString()).doesNotContainIgnoringCase("secret");
    }

    @Test
    void severalReplicasShareARedisWhoseUrlIsASecret() {
        assertThat(byKind.get("Deployment").at("/spec/replicas").asInt()).isGreaterThan(1);
        assertThat(byKind.get("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt()).isGreaterThan(1);
        assertThat(byKind.get("Secret").at("/stringData/CALLPOP_CALL_LOGS_REDIS_URL").asText()).startsWith("redis://");
        assertThat(byKind.get("ConfigMap").path("data").toString()).doesNotContainIgnoringCase("redis");
    }

    @Test
    void theTelephonySourcesKeysAreASecretAndItsSettingsInTheConfigMap() {
        List<String> sources = new ArrayList<>();
        byKind.get("Secret").path("stringData").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(SOURCES) && name.endsWith("__API_KEYS")) {
                sources.add(name.substring(SOURCES.length(), name.length() - "__API_KEYS".length()));
            }
        });
        assertThat(sources).isNotEmpty().allSatisfy(source ->
                assertThat(byKind.get("ConfigMap").path("data").path(SOURCES + source + "__CRM").asText()).as(source + "'s CRM").isNotEmpty());
        assertThat(byKind.get("ConfigMap").path("data").toString()).doesNotContain("API_KEYS");
    }

    private static final String SOURCES = "CALLPOP_TELEPHONY_SOURCES__";

    /**
     * The packaged application in the prod profile with the manifests' environment (the ConfigMap's and the Secret's
     * entries as the Deployment's envFrom gives them) takes the telephony source with the Secret's key and keeps its
     * events in the Secret's Redis: that Redis is out of reach here, so an event is refused as not kept (503), where a
     * wrong key is a 401.
     */
    @Test
    void thePackagedApplicationTakesTheSourceAndTheRedisFromTheManifestsEnvironment() throws Exception {
        Map<String, String> environment = new HashMap<>();
        byKind.get("ConfigMap").path("data").properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        byKind.get("Secret").path("stringData").properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        int port = RunModesIT.freePort();
        Path log = Files.createTempFile("callpop-manifests", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.oidc.auth-server-url=https://idp.invalid/realms/acme", "-Dquarkus.oidc.connection-delay=0s",
                "-Dcallpop.call-logs.redis-timeout=1s", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        RunModesIT.Started app = new RunModesIT.Started(builder.start(), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI events = URI.create("http://localhost:" + port + "/api/v1/telephony/platform/events");
            RunModesIT.awaitListening(app, http, URI.create("http://localhost:" + port + "/q/health/live"));
            String event = "{\"kind\":\"ringing\",\"agent\":\"ada@example.com\",\"phone\":\"+14155550100\"}";
            HttpResponse<String> kept = http.send(HttpRequest.newBuilder(events).header("x-api-key", environment.get(SOURCES + "PLATFORM__API_KEYS"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(503);
            assertThat(kept.body()).contains("telephony-event-store-unavailable");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(events).header("x-api-key", "not-the-key")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        } finally {
            app.process().destroy();
            app.process().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServiceAndAutoscalerPointAtTheDeployment() {
        JsonNode deployment = byKind.get("Deployment");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(byKind.get("Service").at("/spec/selector").properties()).isNotEmpty()
                .allSatisfy(label -> assertThat(podLabels.path(label.getKey())).as(label.getKey()).isEqualTo(label.getValue()));
        assertThat(byKind.get("Service").at("/spec/ports/0/targetPort").asInt()).isEqualTo(container().at("/ports/0/containerPort").asInt());
        JsonNode hpa = byKind.get("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(hpa.at("/spec/minReplicas").asInt());
    }
}
