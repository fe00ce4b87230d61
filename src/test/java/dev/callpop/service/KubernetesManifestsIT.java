package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
