package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.callpop.service.observability.TokenRedactingLogFilter;
import dev.callpop.service.testing.RedisServer;

/**
 * The packaged application started the way the README says, as a separate process: the prod profile
 * refuses to start without a real issuer and logs JSON, and the local profile serves tokens from
 * dev/local-token.sh.
 * Under {@code -Dnative} the prod-profile checks run against the native executable.
 */
class RunModesIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The native executable, when the native profile built one (failsafe passes its path). */
    private static final Path NATIVE = Path.of(System.getProperty("native.image.path", "target/no-native-executable"));
    /** Sign-in is on by default, and the prod profile needs a key for its states. */
    private static final String STATE_KEY = "-Dcallpop.sign-in.state-keys=run-modes-it-state-key-0123456789abcdefghij";

    @Test
    void theProdProfileRefusesToStartWithoutAnIssuer() throws Exception {
        Started app = start(List.of("-Dquarkus.http.port=0"));
        assertThat(app.process.waitFor(60, TimeUnit.SECONDS)).as("the process stops by itself").isTrue();
        assertThat(app.process.exitValue()).isNotZero();
        // Quarkus OIDC refuses first; callpop's ProdSecurityGuard would refuse after it with the same key named.
        assertThat(app.output()).contains("quarkus.oidc.auth-server-url");
    }

    @Test
    void theProdProfileRefusesTheLocalDevelopmentKey() throws Exception {
        String localKey = Files.readAllLines(Path.of("src", "main", "resources", "application.properties")).stream()
                .filter(line -> line.startsWith("%local.quarkus.oidc.public-key="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();
        refusesToStart("local development key", "-Dquarkus.oidc.auth-server-url=https://idp.example.com/realms/acme",
                "-Dquarkus.oidc.public-key=" + localKey);
    }

    /** Starts the prod profile with these options and checks it stops by itself, failed, saying this. */
    private static void refusesToStart(String says, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-Dquarkus.http.port=0"));
        all.addAll(List.of(options));
        Started app = start(all);
        assertThat(app.process.waitFor(60, TimeUnit.SECONDS)).as("the process stops by itself").isTrue();
        assertThat(app.process.exitValue()).isNotZero();
        assertThat(app.output()).contains(says);
    }

    @Test
    void theProdProfileRefusesThePublishedTelephonyKeyAsAnySourcesKey() throws Exception {
        refusesToStart("local profile's published telephony key", "-Dquarkus.oidc.auth-server-url=https://idp.example.com/realms/acme",
                "-Dquarkus.oidc.connection-delay=0s", STATE_KEY, "-Dcallpop.telephony.sources.contact-centre.crm=sample",
                "-Dcallpop.telephony.sources.contact-centre.api-keys=a-key-of-our-own-0123456789abcdef," + publishedTelephonyKey());
    }

    @Test
    void theProdProfileRefusesThePublishedTelephonyKeyFromTheEnvironment() throws Exception {
        Started app = start(List.of("-Dquarkus.http.port=0", "-Dquarkus.oidc.auth-server-url=https://idp.example.com/realms/acme",
                "-Dquarkus.oidc.connection-delay=0s", STATE_KEY), Map.of("CALLPOP_TELEPHONY_SOURCES__PLATFORM__CRM", "sample",
                "CALLPOP_TELEPHONY_SOURCES__PLATFORM__API_KEYS", publishedTelephonyKey()));
        assertThat(app.process.waitFor(60, TimeUnit.SECONDS)).as("the process stops by itself").isTrue();
        assertThat(app.process.exitValue()).isNotZero();
        assertThat(app.output()).contains("local profile's published telephony key");
    }

    private static String publishedTelephonyKey() throws IOException {
        return Files.readAllLines(Path.of("src", "main", "resources", "application.properties")).stream()
                .filter(line -> line.startsWith("%local.callpop.telephony.sources.local-phone.api-keys="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();
    }

    @Test
    void theProdProfileRefusesToStartWithSignInOnAndNoStateKey() throws Exception {
        refusesToStart("callpop.sign-in.state-keys", "-Dquarkus.oidc.auth-server-url=https://idp.example.com/realms/acme",
                "-Dquarkus.oidc.connection-delay=0s");
    }

    @ParameterizedTest(name = "the {0} profile's")
    @ValueSource(strings = {"local", "test"})
    void theProdProfileRefusesAPublishedStateKey(String profile) throws Exception {
        String publishedKey = Files.readAllLines(Path.of("src", "main", "resources", "application.properties")).stream()
                .filter(line -> line.startsWith("%" + profile + ".callpop.sign-in.state-keys="))
                .map(line -> line.substring(line.indexOf('=') + 1)).findFirst().orElseThrow();
        refusesToStart(profile + " profile's published key", "-Dquarkus.oidc.auth-server-url=https://idp.example.com/realms/acme",
                "-Dquarkus.oidc.connection-delay=0s", "-Dcallpop.sign-in.state-keys=" + publishedKey);
    }

    @Test
    void theProdProfileLogsOneJsonObjectALineWithTheRequestIdAndNoToken() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/acme";
        serve(idp, "/realms/acme/.well-known/openid-configuration",
                "{\"issuer\": \"" + issuer + "\", \"jwks_uri\": \"" + issuer + "/certs\"}");
        serve(idp, "/realms/acme/certs", "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"1\", \"alg\": \"RS256\", \"use\": \"sig\", \"n\": \""
                + url.encodeToString(unsigned(key.getModulus())) + "\", \"e\": \"" + url.encodeToString(unsigned(key.getPublicExponent())) + "\"}]}");
        idp.start();
        // Signed by nobody: Quarkus OIDC refuses it and quotes it in its warning.
        String refused = url.encodeToString("{\"alg\":\"RS256\",\"kid\":\"1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"mallory\",\"aud\":\"callpop\"}").getBytes(StandardCharsets.UTF_8))
                + ".bm90LWEtc2lnbmF0dXJl";
        int port = freePort();
        Started app = start(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.oidc.auth-server-url=" + issuer, STATE_KEY));
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI crms = URI.create("http://localhost:" + port + "/api/v1/crms");
            awaitListening(app, http, crms);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(crms).header("Authorization", "Bearer " + refused)
                    .header("X-Request-Id", "softphone-123").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
            awaitLogLine(app, "softphone-123");

            // The sample CRM and the demo are not served in production unless the operator turns them on.
            String valid = signed(keys.getPrivate(), "{\"iss\":\"" + issuer + "\",\"sub\":\"agent-7\",\"aud\":\"callpop\",\"groups\":[\"callpop\"],"
                    + "\"iat\":" + (System.currentTimeMillis() / 1000) + ",\"exp\":" + (System.currentTimeMillis() / 1000 + 300) + "}");
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(crms).header("Authorization", "Bearer " + valid).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"pipedrive\"").doesNotContain("\"sample\"");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(crms + "/sample")).header("Authorization", "Bearer " + valid).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        } finally {
            app.process.destroy();
            app.process.waitFor(20, TimeUnit.SECONDS);
            idp.stop(0);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(app.log)) {
            assertThat(line).as("every line is JSON").startsWith("{");
            lines.add(json.readTree(line));
        }
        assertThat(lines).as("Quarkus OIDC's warning about the refused token, redacted, with the request id")
                .anySatisfy(line -> {
                    assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("softphone-123");
                    assertThat(line.path("level").asText()).isEqualTo("WARN");
                    assertThat(line.path("message").asText()).contains("Token verification has failed").contains(TokenRedactingLogFilter.REDACTED);
                });
        assertThat(app.output()).doesNotContain(refused).doesNotContain(refused.substring(refused.indexOf('.') + 1));
    }

    /** A compact RS256 JWS of these claims, key id 1. */
    private static String signed(PrivateKey key, String claims) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"RS256\",\"kid\":\"1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + url.encodeToString(rs256.sign());
    }

    private static void serve(HttpServer server, String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** A JWK number: big-endian, without the sign byte Java adds. */
    private static byte[] unsigned(BigInteger number) {
        byte[] bytes = number.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Test
    void anUnreachableIdentityProviderIsAnOutageNotABug() throws Exception {
        int port = freePort();
        Started app = start(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.oidc.auth-server-url=https://idp.invalid/realms/acme",
                "-Dquarkus.oidc.connection-delay=0s", STATE_KEY));
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI crms = URI.create("http://localhost:" + port + "/api/v1/crms");
            awaitListening(app, http, crms);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(crms).header("Authorization", "Bearer " + "a.b.c").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("urn:callpop:problem:identity-provider-unavailable");
        } finally {
            app.process.destroy();
            app.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theReadmesRunCommandServesATokenFromTheScript() throws Exception {
        withRunCommand((app, http, callpop) -> {
            URI crms = URI.create(callpop + "/api/v1/crms");
            String token = localToken();
            HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(crms).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("\"sample\"");

            HttpResponse<String> without = http.send(HttpRequest.newBuilder(crms).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(app.output()).contains("Profile local activated");
        });
    }

    @Test
    void theReadmesRunCommandPopsTheEventDevPostEventPosts() throws Exception {
        withRunCommand((app, http, callpop) -> {
            HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(callpop + "/api/v1/crms/sample/agent-events"))
                    .header("Authorization", "Bearer " + localToken()).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            Iterator<String> lines = stream.body().iterator();
            assertThat(nextData(lines, "ready")).contains("\"agent\":\"developer@example.com\"", "\"sources\":[\"local-phone\"]");

            ProcessBuilder post = new ProcessBuilder("bash", "dev/post-event.sh", "ringing").redirectErrorStream(true);
            post.environment().put("CALLPOP_URL", callpop);
            post.environment().put("TMPDIR", Files.createTempDirectory("callpop-dev-calls").toString());
            Process posted = post.start();
            String answer = new String(posted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(posted.waitFor()).as(answer).isZero();
            assertThat(answer).contains("\"status\":\"kept\"");
            assertThat(nextData(lines, "pop")).contains("https://crm.example.com?contactId=1001");
            stream.body().close();
        });
    }

    /** A test of the README's run command: callpop's address, once it listens. */
    private interface WithCallpop {
        void run(Started app, HttpClient http, String callpop) throws Exception;
    }

    /** Runs the README's run command, dev/run.sh, on a free port, runs the test once it listens, and stops it. */
    private static void withRunCommand(WithCallpop test) throws Exception {
        Assumptions.assumeFalse(Files.isExecutable(NATIVE), "dev/run.sh runs the JVM build; the native build is started directly");
        int port = freePort();
        Path log = Files.createTempFile("callpop-run", ".log");
        ProcessBuilder run = new ProcessBuilder("bash", "dev/run.sh", "-Dquarkus.http.port=" + port).redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("JAVA", JAVA);
        Started app = new Started(run.start(), log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String callpop = "http://localhost:" + port;
            awaitListening(app, http, URI.create(callpop + "/api/v1/crms"));
            test.run(app, http, callpop);
        } finally {
            app.process.destroy();
            app.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** A token with the client role from dev/local-token.sh. */
    private static String localToken() throws IOException, InterruptedException {
        Process mint = new ProcessBuilder("bash", "dev/local-token.sh", "callpop").redirectErrorStream(true).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(mint.waitFor()).isZero();
        return token;
    }

    /** Reads a Server-Sent Events stream to the next event of this name (heartbeats and other events skipped); answers its data. */
    private static String nextData(Iterator<String> lines, String event) {
        boolean named = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.equals("event:" + event) || line.equals("event: " + event)) {
                named = true;
            } else if (named && line.startsWith("data:")) {
                return line.substring("data:".length()).strip();
            } else if (line.isEmpty()) {
                named = false;
            }
        }
        throw new AssertionError("the stream ended before a " + event + " event");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLogLine(Started app, String text) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(app.output()).as("a log line with %s", text).contains(text));
    }

    static void awaitListening(Started app, HttpClient http, URI uri) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(app.process.isAlive()).as("callpop is still running: %s", app.output()).isTrue();
                    http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                    return true;
                });
    }

    /** The packaged application with these -D options: the native executable if there is one, else the JAR. */
    private static Started start(List<String> options) throws IOException {
        return start(options, Map.of());
    }

    /** The packaged application with these -D options and environment variables. */
    private static Started start(List<String> options, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NATIVE)) {
            command.add(NATIVE.toString());
            command.addAll(options);
        } else {
            command.add(JAVA);
            command.addAll(options);
            command.addAll(List.of("-jar", JAR.toString()));
        }
        Path log = Files.createTempFile("callpop-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new Started(builder.start(), log);
    }

    /** A started callpop process and the file its output goes to. */
    /**
     * Stops started instances, and the Redis they shared.
     *
     * @param apps  the instances
     * @param redis their Redis, or {@code null}
     */
    static void stopAll(List<Started> apps, RedisServer redis) throws InterruptedException {
        for (Started app : apps) {
            app.process().destroy();
            app.process().waitFor(20, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
    }

    record Started(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }
}
