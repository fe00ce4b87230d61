package dev.callpop.service.serverevents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The events callpop has acknowledged and not yet pushed or logged, and the ids of every event taken (so that a
 * platform's retry changes nothing), shared by every replica that takes events or holds agents' streams. One replica
 * keeps them in the process ({@link InProcessWaitingEvents}, the embedded default); several share them through Redis.
 *
 * <p>A pop (ringing or answered) waits until a stream of its agent takes it or its short hold ends; an ended event
 * waits until a replica holding a stream of its agent claims it (with a lease: a replica killed while logging gives it
 * back when the lease ends), logs it and removes it, or until its retention ends. What became of an ended call (its log,
 * or why it cannot be written) is pushed live; when no stream of its agent heard it, it waits in the event's place until
 * a stream of the agent opens or the retention ends. Every method fails with
 * {@link Unavailable} when the store cannot be reached; nothing is half-kept then.
 */
interface WaitingEvents {

    /**
     * Keeps an event once per id.
     *
     * @param event     the event
     * @param expiresAt when it is dropped if nobody took it
     * @return true when it was kept, false when an event with its id was taken before (nothing changed)
     */
    Uni<Boolean> keep(CallEvent event, Instant expiresAt);

    /**
     * Takes the agent's waiting pops, still within their hold (they are removed).
     *
     * @param agentKey the agent
     * @param now      the time now
     * @return the pops, oldest first
     */
    Uni<List<CallEvent>> takePops(String agentKey, Instant now);

    /**
     * Removes a pop that its agent's streams got live.
     *
     * @param pop the pop
     * @return done
     */
    Uni<Void> delivered(CallEvent pop);

    /**
     * Claims the agent's waiting ended events that nobody else holds, each for the lease.
     *
     * @param agentKey the agent
     * @param lease    how long the claim holds if this replica never says what became of it
     * @param now      the time now
     * @return the claimed events, oldest first
     */
    Uni<List<CallEvent>> claimEnded(String agentKey, Duration lease, Instant now);

    /**
     * Removes an ended event for good: logged, or refused for good.
     *
     * @param ended the event
     * @return done
     */
    Uni<Void> logged(CallEvent ended);

    /**
     * Removes an ended event for good, as {@link #logged}, keeping what became of it for the agent's next stream: no
     * stream of the agent heard it.
     *
     * @param ended     the event
     * @param result    what the agent's streams are told
     * @param expiresAt when it is dropped if no stream of the agent opened
     * @return done
     */
    Uni<Void> loggedUnheard(CallEvent ended, Push result, Instant expiresAt);

    /**
     * Takes what became of the agent's calls while no stream of it was open (they are removed).
     *
     * @param agentKey the agent
     * @param now      the time now
     * @return the pushes, oldest first
     */
    Uni<List<Push>> takeResults(String agentKey, Instant now);

    /**
     * Gives a claim back: the log could not be written now.
     *
     * @param ended the event
     * @return done
     */
    Uni<Void> release(CallEvent ended);

    /**
     * Drops what waited too long.
     *
     * @param now the time now
     * @return how many pops, ended events and results were dropped
     */
    Uni<Dropped> expire(Instant now);

    /**
     * What {@link #expire} dropped.
     *
     * @param pops    pops whose hold ended
     * @param ended   ended events whose retention ended
     * @param results what became of logged calls, whose agents opened no stream within the retention
     */
    record Dropped(long pops, long ended, long results) {
    }

    /**
     * A push to an agent's streams: a stream event's name and data.
     *
     * @param name the event's name, such as {@code call-log}
     * @param data its JSON
     */
    record Push(String name, String data) {
    }

    /** The store cannot keep or give events now: the platform is answered 503 and retries. */
    final class Unavailable extends RuntimeException {
        /** How soon the platform should try again. */
        static final Duration RETRY_AFTER = Duration.ofSeconds(5);

        /** @param why what failed, without secrets */
        Unavailable(String why) {
            super(why, null, false, false);
        }
    }
}
