package dev.callpop.service.serverevents;

import java.util.function.Consumer;

import io.smallrye.mutiny.Uni;

/**
 * How the replica that took an event reaches the replicas holding its agent's streams: one replica calls itself
 * ({@link LocalAgentChannel}); several publish through Redis. Live and lossy by nature: what must not be lost waits in
 * {@link WaitingEvents} first, and the channel only says that it is there.
 */
interface AgentChannel {

    /**
     * Tells every replica listening for the agent.
     *
     * @param message what to tell
     * @return how many replicas heard it (0: no stream of the agent is open anywhere)
     */
    Uni<Long> publish(Message message);

    /**
     * Starts hearing an agent's messages (when this replica opens the agent's first stream).
     *
     * @param agentKey the agent
     * @return done once messages for the agent reach this replica
     */
    Uni<Void> listen(String agentKey);

    /**
     * Stops hearing an agent's messages (when this replica's last stream of the agent closed).
     *
     * @param agentKey the agent
     */
    void stopListening(String agentKey);

    /**
     * Where messages for the agents this replica listens to go; set once, at start-up.
     *
     * @param receiver the receiver
     */
    void receiveWith(Consumer<Message> receiver);

    /**
     * One message for an agent's streams.
     *
     * @param type     what it is
     * @param agentKey the agent
     * @param pop      for {@link Type#POP}: the event to pop
     * @param name     for {@link Type#PUSH}: the stream event's name
     * @param data     for {@link Type#PUSH}: its data, JSON
     */
    record Message(Type type, String agentKey, CallEvent pop, String name, String data) {

        /** What a message asks. */
        enum Type {
            /** Pop this event in the agent's streams. */
            POP,
            /** Ended events of the agent wait: claim and log them. */
            ENDED,
            /** Send this, as it is, to the agent's streams. */
            PUSH,
            /**
             * Events of the agent may wait unannounced (this replica was cut off from the others, a delivery came again,
             * or a call was told while no stream of the agent heard it): take them.
             */
            WAITING
        }

        static Message pop(CallEvent pop) {
            return new Message(Type.POP, pop.agentKey(), pop, null, null);
        }

        static Message ended(String agentKey) {
            return new Message(Type.ENDED, agentKey, null, null, null);
        }

        static Message push(String agentKey, String name, String data) {
            return new Message(Type.PUSH, agentKey, null, name, data);
        }

        static Message waiting(String agentKey) {
            return new Message(Type.WAITING, agentKey, null, null, null);
        }

        @Override
        public String toString() {
            return "Message[" + type + "]";
        }
    }
}
