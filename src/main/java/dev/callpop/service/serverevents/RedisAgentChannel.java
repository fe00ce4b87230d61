package dev.callpop.service.serverevents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.calllogs.RedisClients;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The replicas' channel through Redis pub/sub: one channel per agent, {@code callpop:telephony:agent:<agent>}, which a
 * replica subscribes to while it holds a stream of the agent; PUBLISH's count of receivers says whether any does. One
 * connection of its own subscribes; when it breaks (Redis restarting), it connects again with back-off, subscribes
 * again, and tells this replica's streams to take what waited meanwhile: nothing that must not be lost travels only
 * here (see {@link WaitingEvents}).
 */
final class RedisAgentChannel implements AgentChannel, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisAgentChannel.class);
    private static final String PREFIX = "callpop:telephony:agent:";
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final RedisAPI api;
    private final String url;
    /** The subscriber's own client, made anew for each connection: closing it surely closes that connection. */
    private Redis subscriber;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Message> receiver = message -> { };
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private Duration retry = FIRST_RETRY;

    /**
     * @param vertx   Quarkus's Vert.x
     * @param redis   the shared client, which publishes
     * @param url     the Redis URL, for the subscriber's own connection
     * @param json    how messages are written
     * @param timeout how long a command may take
     */
    RedisAgentChannel(Vertx vertx, Redis redis, String url, ObjectMapper json, Duration timeout) {
        this.vertx = vertx;
        this.api = RedisAPI.api(redis);
        this.url = url;
        this.json = json;
        this.timeout = timeout;
        connect();
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        subscriber = RedisClients.longLived(vertx, url, timeout, "callpop-telephony-subscriber");
        Redis client = subscriber;
        client.connect().onSuccess(opened -> {
            connection = opened;
            opened.handler(this::message);
            opened.exceptionHandler(failure -> broken(opened, failure.toString()));
            opened.endHandler(end -> broken(opened, "connection closed"));
            List<String> agents = List.copyOf(listening);
            Uni<Void> subscribed = agents.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(opened.send(subscribe(Command.SUBSCRIBE, agents)).toCompletionStage()).replaceWithVoid();
            subscribed.subscribe().with(done -> {
                retry = FIRST_RETRY;
                // What was announced while this replica was not subscribed waits: its streams take it now.
                agents.forEach(agent -> receiver.accept(Message.waiting(agent)));
            }, failure -> broken(opened, failure.toString()));
        }).onFailure(failure -> {
            client.close();
            retryLater(failure.toString());
        });
    }

    /** Each broken connection once (its failure and its end both come here): closed, and another made later. */
    private synchronized void broken(RedisConnection which, String why) {
        if (connection == which) {
            connection = null;
            subscriber.close();
            retryLater(why);
        }
    }

    private synchronized void retryLater(String why) {
        if (closed) {
            return;
        }
        LOG.warnf("The Redis channel of agents' streams is down (%s); connecting again in %d ms", why, retry.toMillis());
        vertx.setTimer(retry.toMillis(), id -> connect());
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
    }

    private void message(Response response) {
        // RESP2: a multi-bulk ["message", channel, payload]; RESP3: the same as a push.
        if (response == null || response.size() < 3 || !"message".equals(response.get(0).toString())) {
            return;
        }
        try {
            receiver.accept(json.readValue(response.get(2).toString(), Message.class));
        } catch (IOException e) {
            LOG.warnf("A message on the agents' channel is not one of callpop's: %s", e.getMessage());
        }
    }

    @Override
    public Uni<Long> publish(Message message) {
        String payload;
        try {
            payload = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return RedisClients.call(api.publish(PREFIX + message.agentKey(), payload), timeout).map(Response::toLong);
    }

    @Override
    public Uni<Void> listen(String agentKey) {
        listening.add(agentKey);
        RedisConnection current = connection;
        if (current == null) {
            // Not connected: the subscription is made on connecting, which then tells the streams to take what waits.
            return Uni.createFrom().voidItem();
        }
        // A subscription is sent, not answered (Redis confirms it as a message); a write that fails breaks the connection.
        return Uni.createFrom().completionStage(current.send(subscribe(Command.SUBSCRIBE, List.of(agentKey))).toCompletionStage()).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    broken(current, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    @Override
    public void stopListening(String agentKey) {
        listening.remove(agentKey);
        RedisConnection current = connection;
        if (current != null) {
            current.send(subscribe(Command.UNSUBSCRIBE, List.of(agentKey)));
        }
    }

    @Override
    public void receiveWith(Consumer<Message> receiver) {
        this.receiver = receiver;
    }

    private static Request subscribe(Command command, List<String> agents) {
        Request request = Request.cmd(command);
        agents.forEach(agent -> request.arg(PREFIX + agent));
        return request;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
