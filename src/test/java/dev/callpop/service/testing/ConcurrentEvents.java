package dev.callpop.service.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Events sent to the running callpop many at once, as a crowd of telephony clients would, each timed. */
public final class ConcurrentEvents {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;

    /** @param port callpop's port */
    public ConcurrentEvents(int port) {
        this.port = port;
    }

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param body   the JSON body
     * @param took   from sending to the whole answer
     */
    public record Answer(int status, JsonNode body, Duration took) {

        /** @return the answer's reason, or "" */
        public String reason() {
            return body.path("reason").asText();
        }
    }

    /**
     * @param path    the path under /api/v1/crms/, such as {@code sample/call-received}
     * @param body    the JSON body
     * @param headers more headers, name then value
     * @return the answer, when it comes
     */
    public CompletableFuture<Answer> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/crms/" + path))
                .header("Authorization", "Bearer " + Tokens.client()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                return new Answer(response.statusCode(), json.readTree(response.body()), Duration.ofNanos(System.nanoTime() - start));
            } catch (IOException e) {
                throw new IllegalStateException(response.body(), e);
            }
        });
    }

    /**
     * Pipedrive look-ups of different numbers for different users, all at once.
     *
     * @param count how many
     * @param first the first number's last four digits
     * @return every answer, once all came
     */
    public List<Answer> pipedriveLookUps(int count, int first) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(post("pipedrive/call-received", "{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+1415555" + (first + i) + "\"}}",
                    "X-CRM-Token", "pd-token-" + (first + i)));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * @return whether the readiness check answers 200
     * @throws Exception when it cannot be asked
     */
    public boolean ready() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
