package dev.callpop.service.serverevents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.callpop.service.crm.CrmsConfig;
import dev.callpop.service.events.PopPreferences;
import dev.callpop.service.security.Agent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;

/**
 * One open stream of an agent's client, on the replica that holds it: who the agent is, the CRM credentials and
 * preferences its client sent when it opened it (kept in memory for as long as it is open, never written anywhere),
 * and the connection. Each event it is sent goes out once, whatever path brought it.
 */
final class AgentStream {

    /** How many pushed events a stream remembers, so that one reaching it twice is sent once. */
    private static final int REMEMBERED = 256;

    private final String crm;
    private final String hostname;
    private final Agent agent;
    private final PopPreferences preferences;
    private final TelephonyConfig.LogCalls logCalls;
    private final CrmsConfig.LogMatch logMatch;
    private final List<String> agentKeys;
    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    /** The connection's own event loop: every event is written from it, in order, whichever thread sent it. */
    private final Context context;
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);
    private final Map<String, Boolean> sent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    AgentStream(String crm, String hostname, Agent agent, PopPreferences preferences, TelephonyConfig.LogCalls logCalls,
                CrmsConfig.LogMatch logMatch, List<String> agentKeys, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, Context context) {
        this.crm = crm;
        this.hostname = hostname;
        this.agent = agent;
        this.preferences = preferences;
        this.logCalls = logCalls;
        this.logMatch = logMatch;
        this.agentKeys = List.copyOf(agentKeys);
        this.emitter = emitter;
        this.sse = sse;
        this.context = context;
    }

    String crm() {
        return crm;
    }

    String hostname() {
        return hostname;
    }

    Agent agent() {
        return agent;
    }

    PopPreferences preferences() {
        return preferences;
    }

    TelephonyConfig.LogCalls logCalls() {
        return logCalls;
    }

    CrmsConfig.LogMatch logMatch() {
        return logMatch;
    }

    /** @return the agent, once per source that sends events for the stream's CRM host */
    List<String> agentKeys() {
        return agentKeys;
    }

    /**
     * @param key what the event is about (an event id and what was pushed for it)
     * @return true the first time, false when it was sent before
     */
    synchronized boolean firstTime(String key) {
        return sent.put(key, Boolean.TRUE) == null;
    }

    /**
     * Runs work for this stream after the work before it ended: pops reach the client in the order their events came,
     * even when one needs a look-up in the CRM and the next is answered from the cache.
     *
     * @param work what to do, such as working out a pop and sending it
     */
    synchronized void inOrder(Supplier<Uni<Void>> work) {
        queue = queue.handle((done, failure) -> null).thenCompose(ignored -> work.get().subscribeAsCompletionStage());
    }

    /**
     * @param name the event's name
     * @param json its data
     */
    void send(String name, String json) {
        // Already JSON: written as it is (a JSON writer would quote it again).
        emit(sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(json).build());
    }

    /** A comment line: keeps proxies from closing a quiet stream. */
    void heartbeat() {
        emit(sse.newEventBuilder().comment("heartbeat").build());
    }

    private void emit(OutboundSseEvent event) {
        context.runOnContext(ignored -> {
            if (!emitter.isCancelled()) {
                emitter.emit(event);
            }
        });
    }

    @Override
    public String toString() {
        return "AgentStream[" + crm + " " + hostname + "]";
    }
}
