package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up path of {@code Dockerfile.jvm}, run without a container engine: its AOT-cache training, the script its
 * {@code RUN} step calls ({@code dev/train-aot-cache.sh /deployments /deployments/app.aot $JAVA_OPTS}) with
 * {@code /deployments} moved to a temporary copy of the packaged application (CRM traffic, an outage, recovery; about a
 * minute), and then callpop started with the image's {@code JAVA_OPTS} and {@code -XX:AOTMode=on}, which refuses to
 * start unless the cache is used. Needs a JDK 25 or newer (the image's); skipped without one.
 */
class JvmImageStartIT {

    private static final Path DOCKERFILE = Path.of("Dockerfile.jvm");
    private static Path deployments;
    private static Path java;

    @BeforeAll
    static void copyTheApplication() throws IOException {
        Assumptions.assumeFalse(Files.isExecutable(Path.of(System.getProperty("native.image.path", "target/no-native-executable"))),
                "the native build packages no JAR; Dockerfile.native is the image then");
        Optional<Path> jdk25 = jdk25();
        Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25 or newer here (JAVA25_HOME or /usr/lib/jvm)");
        java = jdk25.get().resolve("bin/java");
        deployments = Files.createTempDirectory("callpop-deployments");
        Path app = Path.of("target", "quarkus-app");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.toList()) {
                Path target = deployments.resolve(app.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().startsWith("app.")) { // no cache of another run
                    Files.copy(file, target);
                }
            }
        }
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        if (deployments != null) {
            try (Stream<Path> files = Files.walk(deployments)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void theImageTrainsItsAotCacheAndStartsFromIt() throws Exception {
        assertThat(Files.readString(DOCKERFILE)).as("the image's training step")
                .contains("/training/dev/train-aot-cache.sh /deployments /deployments/app.aot $JAVA_OPTS");
        List<String> training = new ArrayList<>(List.of("bash", "dev/train-aot-cache.sh", deployments.toString(),
                deployments.resolve("app.aot").toString()));
        training.addAll(List.of(javaOpts().replace("/deployments", deployments.toString()).split(" ")));
        ProcessBuilder build = new ProcessBuilder(training).redirectErrorStream(true).redirectOutput(deployments.resolve("build.log").toFile());
        build.environment().put("JAVA", java.toString());
        build.environment().put("TRAIN_PORT", Integer.toString(RunModesIT.freePort()));
        build.environment().put("TRAIN_FAKE_PORT", Integer.toString(RunModesIT.freePort()));
        Process step = build.start();
        try {
            assertThat(step.waitFor(240, TimeUnit.SECONDS)).as("the training ends by itself: %s", log("build.log")).isTrue();
        } finally {
            step.descendants().forEach(ProcessHandle::destroyForcibly);
            step.destroyForcibly();
        }
        assertThat(step.exitValue()).as(log("build.log")).isZero();
        assertThat(deployments.resolve("app.aot")).isNotEmptyFile();

        int port = RunModesIT.freePort();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(javaOpts().replace("/deployments", deployments.toString()).split(" ")));
        command.addAll(List.of("-XX:AOTMode=on", "-Dquarkus.profile=local", "-Dquarkus.http.port=" + port,
                "-jar", deployments.resolve("quarkus-run.jar").toString()));
        Path log = deployments.resolve("run.log");
        RunModesIT.Started callpop = new RunModesIT.Started(
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
            RunModesIT.awaitListening(callpop, http, ready);
            assertThat(http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        } finally {
            callpop.process().destroy();
            callpop.process().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The image's JVM options (ENV JAVA_OPTS="…"). */
    private static String javaOpts() throws IOException {
        return Files.readAllLines(DOCKERFILE).stream().filter(line -> line.startsWith("ENV JAVA_OPTS=\""))
                .map(line -> line.substring("ENV JAVA_OPTS=\"".length(), line.lastIndexOf('"')))
                .findFirst().orElseThrow(() -> new AssertionError("Dockerfile.jvm sets no JAVA_OPTS"));
    }

    private static Optional<Path> jdk25() throws IOException {
        String configured = System.getenv("JAVA25_HOME");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> home.getFileName().toString().matches("(?:temurin-|java-|jdk-?)?(2[5-9]|[3-9][0-9])\\b.*"))
                    .findFirst();
        }
    }

    private static String log(String name) {
        try {
            return Files.readString(deployments.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }
}
