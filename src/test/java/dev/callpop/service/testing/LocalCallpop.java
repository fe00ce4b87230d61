package dev.callpop.service.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application in the local profile, as the README runs it ({@code dev/run.sh} starts
 * {@code java -Dquarkus.profile=local -jar target/quarkus-app/quarkus-run.jar}), on a free port, with a token from
 * {@code dev/local-token.sh}. The README's and the OpenAPI document's examples are written for port 8080:
 * {@link #onThisPort} moves them here, and the local profile's sign-in redirect URI moves with them.
 */
public final class LocalCallpop implements AutoCloseable {

    /** The port the examples are written for. */
    public static final String DOCUMENTED = "localhost:8080";

    private final Process process;
    private final Path log;
    private final int port;
    private final String token;

    private LocalCallpop(Process process, Path log, int port, String token) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
    }

    /**
     * Starts the packaged application and waits until it answers.
     *
     * @return the running application
     * @throws Exception when it cannot start
     */
    public static LocalCallpop start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("callpop-local", ".log");
        Process process = new ProcessBuilder(List.of(java, "-Dquarkus.profile=local", "-Dquarkus.http.port=" + port,
                "-Dcallpop.sign-in.redirect-uris=http://localhost:" + port + "/demo/",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process mint = new ProcessBuilder("bash", "dev/local-token.sh").redirectErrorStream(true).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(mint.waitFor()).as("dev/local-token.sh: %s", token).isZero();
        LocalCallpop callpop = new LocalCallpop(process, log, port, token);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(process.isAlive()).as("callpop is still running: %s", callpop.output()).isTrue();
                    http.send(HttpRequest.newBuilder(callpop.uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                    return true;
                });
        return callpop;
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /** @return a bearer token from {@code dev/local-token.sh} (client and admin roles) */
    public String token() {
        return token;
    }

    /**
     * @param path a path such as {@code /q/openapi}
     * @return its URI on this instance
     */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * @param documented text written for port 8080 (a command, an answer)
     * @return the same for this instance's port, plain and URL-encoded
     */
    public String onThisPort(String documented) {
        return documented.replace(DOCUMENTED, "localhost:" + port).replace("localhost%3A8080", "localhost%3A" + port);
    }

    /** @return what it logged */
    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
