package dev.callpop.service.serverevents;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/** One replica's channel: a message reaches this replica's own streams of the agent, if it has any. */
final class LocalAgentChannel implements AgentChannel {

    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Message> receiver = message -> { };

    @Override
    public Uni<Long> publish(Message message) {
        if (!listening.contains(message.agentKey())) {
            return Uni.createFrom().item(0L);
        }
        receiver.accept(message);
        return Uni.createFrom().item(1L);
    }

    @Override
    public Uni<Void> listen(String agentKey) {
        listening.add(agentKey);
        return Uni.createFrom().voidItem();
    }

    @Override
    public void stopListening(String agentKey) {
        listening.remove(agentKey);
    }

    @Override
    public void receiveWith(Consumer<Message> receiver) {
        this.receiver = receiver;
    }
}
