package dev.callpop.service.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of a Server-Sent Events stream that sends headers, as the reference client does with {@code fetch}: each
 * event read lands in a queue the test takes from, with a time limit (never a sleep).
 */
public final class EventStream implements AutoCloseable {

    /**
     * One event.
     *
     * @param name its name
     * @param data its data
     */
    public record Event(String name, String data) {
    }

    // HTTP/1.1, as a browser's fetch of a plain-http stream.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile int status;

    /**
     * @param url     the stream's URL
     * @param headers the headers to send
     */
    public EventStream(URI url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        List<String> data = new ArrayList<>();
        String[] name = {"message"};
        this.response = HTTP.sendAsync(request.build(), info -> {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name[0], String.join("\n", data)));
                        }
                        data.clear();
                        name[0] = "message";
                    } else if (line.startsWith(":")) {
                        comments.add(line.substring(1).trim());
                    } else if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
        });
    }

    /**
     * @param within how long to wait
     * @return the next event
     * @throws AssertionError when none came in time
     */
    public Event next(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event on the stream within " + within + " (HTTP status " + status + ")");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the next event, within 10 s */
    public Event next() {
        return next(Duration.ofSeconds(10));
    }

    /**
     * @param within how long to wait
     * @return the next comment line
     */
    public String nextComment(Duration within) {
        try {
            String comment = comments.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (comment == null) {
                throw new AssertionError("no comment on the stream within " + within);
            }
            return comment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @param within how long to wait
     * @return whether the stream ended within it: closed by the server, or its connection broken
     */
    public boolean end(Duration within) {
        try {
            response.handle((done, failure) -> null).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
