package dev.callpop.service.serverevents;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** Where this replica keeps waiting events and reaches other replicas: in the process, for one replica. */
final class ServerEventsSource {

    @Produces
    @Singleton
    static WaitingEvents waitingEvents(TelephonyConfig config, Clock clock) {
        return new InProcessWaitingEvents(clock, config.endedRetention(), config.maxKeptEvents());
    }

    @Produces
    @Singleton
    static AgentChannel agentChannel() {
        return new LocalAgentChannel();
    }

    /** The time of waiting events: the system's; tests move their own. */
    @Produces
    @Singleton
    @DefaultBean
    static Clock clock() {
        return Clock.systemUTC();
    }
}
