package dev.callpop.service.serverevents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.api.CallLogAnswer;
import dev.callpop.service.api.EventAnswer;
import dev.callpop.service.calllogs.CallLogs;
import dev.callpop.service.crm.CrmFailures;
import dev.callpop.service.events.ClientContact;
import dev.callpop.service.events.CrmEvent;
import dev.callpop.service.events.CrmEvents;
import dev.callpop.service.observability.CallpopMetrics;
import dev.callpop.service.problem.Problem;
import dev.callpop.service.problem.ProblemException;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.spi.Call;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.CrmRateLimitedException;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.WireWords;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * What becomes of a telephony platform's event: kept once ({@link WaitingEvents}), announced to the replicas holding
 * its agent's streams ({@link AgentChannel}), popped there with the same rules, look-up, cache, preferences and guard
 * as a call-received ({@link CrmEvents#callReceived}) and the credentials the stream's client sent, or logged with
 * {@link CallLogs#create} (the session id as the idempotency key, so a log claimed twice is still written once). The
 * agents' streams open on this replica are here too: what they are sent, their heartbeats, and what waits for an
 * agent when a stream of it opens.
 */
@Startup
@Singleton
public class ServerEvents {

    private static final Logger LOG = Logger.getLogger(ServerEvents.class);
    /** The longest a pop may take (a look-up answers by the CRM's deadline, well within it): the stream's next pops wait no longer. */
    private static final Duration POP_LIMIT = Duration.ofSeconds(5);
    static final String READY = "ready";
    static final String POP = "pop";
    static final String CALL_LOG = "call-log";
    static final String CALL_LOG_FAILED = "call-log-failed";
    private static final String STREAM_PATH = "/api/v1/crms/{crm}/agent-events";
    /** How many agents' claims one replica's {@link #reclaim} has waiting on Redis at once. */
    private static final int RECLAIM_AT_ONCE = 4;

    private final TelephonyConfig config;
    private final CrmEvents events;
    private final CallLogs logs;
    private final WaitingEvents waiting;
    private final AgentChannel channel;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final CallpopMetrics metrics;
    private final Clock clock;
    private final Map<String, Set<AgentStream>> streams = new ConcurrentHashMap<>();
    /** Every stream open here, whichever sources reach it (some may have none): the ones heartbeats go to. */
    private final Set<AgentStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openCount = new AtomicInteger();
    private final long sweepTimer;
    private final long heartbeatTimer;
    private final long reclaimTimer;
    private final AtomicBoolean reclaiming = new AtomicBoolean();

    ServerEvents(TelephonyConfig config, CrmEvents events, CallLogs logs, WaitingEvents waiting, AgentChannel channel, Vertx vertx,
                 ObjectMapper json, CallpopMetrics metrics, Clock clock) {
        this.config = config;
        this.events = events;
        this.logs = logs;
        this.waiting = waiting;
        this.channel = channel;
        this.vertx = vertx;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        channel.receiveWith(this::received);
        metrics.telephonyStreams(openCount);
        this.sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
        this.heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> open.forEach(AgentStream::heartbeat));
        // A call claimed by a replica that died is free again when its lease ends, and nothing announces it: the
        // replicas holding its agent's streams look again this often.
        this.reclaimTimer = vertx.setPeriodic(config.logRetry().toMillis(), id -> reclaim());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweepTimer);
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(reclaimTimer);
    }

    /**
     * Takes an event: kept once, then announced.
     *
     * @param event the event, as its source's mapping read it
     * @return true when kept now, false for a duplicate (nothing changed); a failure {@link WaitingEvents.Unavailable}
     *         when it could not be kept
     */
    Uni<Boolean> take(CallEvent event) {
        Duration wait = event.kind() == CallEvent.Kind.ENDED ? config.endedRetention() : config.ringingHold();
        return waiting.keep(event, event.receivedAt().plus(wait)).call(kept -> {
            metrics.telephonyEvent(event.source(), WireWords.of(event.kind()), kept ? "kept" : "duplicate");
            return kept ? announce(event) : nudge(event.agentKey());
        });
    }

    /**
     * The replicas holding the agent's streams take what waits for it: after a delivery taken before (the first may have
     * been kept without being announced: Redis kept it, but its answer came too late, so the platform was answered 503
     * and retried), and after a call told while no stream heard it. What was taken already is not taken again; a pop
     * past its hold is not popped. Best effort: a failure is the next stream's to make up.
     */
    private Uni<Void> nudge(String agentKey) {
        return channel.publish(AgentChannel.Message.waiting(agentKey)).replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * Tells the replicas holding the agent's streams, before the platform is answered (so the events of one agent are
     * announced in the order they were answered); a failure leaves the event waiting for the agent's next stream.
     */
    private Uni<Void> announce(CallEvent event) {
        if (event.kind() == CallEvent.Kind.ENDED) {
            return channel.publish(AgentChannel.Message.ended(event.agentKey())).replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("Could not announce an ended call event of source '%s': %s; it waits for the agent's next stream",
                                event.source(), failure.toString());
                        return Uni.createFrom().voidItem();
                    });
        }
        return channel.publish(AgentChannel.Message.pop(event))
                .flatMap(heard -> heard > 0 ? waiting.delivered(event) : Uni.createFrom().voidItem())
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Could not announce a call event of source '%s': %s; it waits for the agent's next stream until its hold ends",
                            event.source(), failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** A message for agents this replica holds streams of. */
    private void received(AgentChannel.Message message) {
        Set<AgentStream> local = streams.getOrDefault(message.agentKey(), Set.of());
        switch (message.type()) {
            case POP -> local.forEach(stream -> pop(stream, message.pop()));
            case ENDED -> logWaiting(message.agentKey());
            case PUSH -> local.forEach(stream -> send(stream, message.name(), message.data()));
            case WAITING -> takeWaiting(message.agentKey(), local);
            default -> throw new IllegalStateException("no such message: " + message.type());
        }
    }

    /**
     * A stream of the agent opened on this replica: it hears the agent's messages from now on, gets the pops still
     * waiting, and the agent's waiting calls are logged with its credentials.
     *
     * @param stream the stream
     */
    void opened(AgentStream stream) {
        open.add(stream);
        openCount.set(open.size());
        for (String key : stream.agentKeys()) {
            // Whether this stream is the agent's first here is decided inside compute: two streams of one agent opening
            // at once on two event loops must not both see the other and leave the agent's channel unheard.
            boolean[] first = new boolean[1];
            streams.compute(key, (k, existing) -> {
                Set<AgentStream> next = existing != null ? existing : ConcurrentHashMap.newKeySet();
                first[0] = existing == null;
                next.add(stream);
                return next;
            });
            Uni<Void> listening = first[0] ? channel.listen(key) : Uni.createFrom().voidItem();
            listening.subscribe().with(ready -> takeWaiting(key, Set.of(stream)),
                    failure -> LOG.warnf("Could not hear the events of an agent who connected: %s", failure.toString()));
        }
    }

    /** The agent's waiting pops and what became of its calls logged unheard to these streams, and its waiting calls logged. */
    private void takeWaiting(String agentKey, Set<AgentStream> to) {
        if (to.isEmpty()) {
            return; // the streams closed meanwhile: what waits stays for the next
        }
        Instant now = clock.instant();
        waiting.takePops(agentKey, now)
                .invoke(pops -> pops.forEach(pop -> to.forEach(stream -> pop(stream, pop))))
                .chain(() -> waiting.takeResults(agentKey, now))
                .subscribe().with(results -> {
                    results.forEach(result -> to.forEach(stream -> send(stream, result.name(), result.data())));
                    logWaiting(agentKey);
                }, failure -> {
                    LOG.warnf("Could not read the events waiting for an agent: %s; trying again in %s", failure.toString(), config.logRetry());
                    retryLater(agentKey, config.logRetry());
                });
    }

    /**
     * A stream closed: its credentials go with it.
     *
     * @param stream the stream
     */
    void closed(AgentStream stream) {
        open.remove(stream);
        openCount.set(open.size());
        for (String key : stream.agentKeys()) {
            streams.computeIfPresent(key, (k, set) -> {
                set.remove(stream);
                if (set.isEmpty()) {
                    channel.stopListening(key);
                    return null;
                }
                return set;
            });
        }
    }

    /** The pop of a call event, worked out as a call-received of the stream's client, once per stream. */
    private void pop(AgentStream stream, CallEvent event) {
        if (!stream.firstTime(POP + "|" + event.id())) {
            return;
        }
        boolean outbound = event.direction() == Call.Direction.OUTBOUND;
        Call call = new Call(event.sessionId(), event.direction(), outbound ? null : event.phone(), outbound ? event.phone() : null,
                event.kind() == CallEvent.Kind.ANSWERED ? Call.Phase.ANSWERED : Call.Phase.RINGING);
        stream.inOrder(() -> Uni.createFrom().deferred(() -> events.callReceived(stream.crm(), stream.hostname(), ClientContact.NONE, call,
                        stream.preferences(), Map.of(), stream.agent(), System.nanoTime()))
                .invoke(pop -> {
                    EventAnswer answer = EventAnswer.of(stream.crm(), CrmEvent.CALL_RECEIVED, pop);
                    if (!answer.actions().isEmpty() || !answer.matches().isEmpty()) {
                        send(stream, POP, encode(new PushedPop(answer, event.sessionId())));
                    }
                })
                .ifNoItem().after(POP_LIMIT).failWith(() -> new TimeoutException("no pop within " + POP_LIMIT))
                .onFailure().invoke(failure -> LOG.infof("No pop for a call event of source '%s': %s", event.source(), failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid());
    }

    /**
     * Logs the agent's waiting calls with the credentials of one of its streams here, if this replica holds one. A
     * claim that fails is tried again by the next {@link #reclaim}.
     */
    private void logWaiting(String agentKey) {
        claim(agentKey).subscribe().with(done -> { }, failure -> LOG.warnf("Could not claim the calls waiting for an agent's log: %s; "
                + "trying again within %s", failure.toString(), config.logRetry()));
    }

    /** Claims the agent's waiting calls and starts their logs, with the credentials of one of its streams here. */
    private Uni<Void> claim(String agentKey) {
        AgentStream stream = streams.getOrDefault(agentKey, Set.of()).stream().findFirst().orElse(null);
        if (stream == null) {
            return Uni.createFrom().voidItem();
        }
        return waiting.claimEnded(agentKey, config.logLease(), clock.instant()).invoke(claimed -> claimed.forEach(event -> log(stream, event)))
                .replaceWithVoid();
    }

    /**
     * Looks again for the waiting calls of every agent with a stream here (calls a killed replica held, whose lease has
     * ended, and claims that failed), a few agents at a time: thousands of streams must not send Redis thousands of
     * claims at once. The first failure ends the look (Redis is out of reach: the rest would wait as long for nothing);
     * a look still under way when the next is due skips it.
     */
    private void reclaim() {
        if (!reclaiming.compareAndSet(false, true)) {
            return;
        }
        Multi.createFrom().iterable(List.copyOf(streams.keySet())).onItem().transformToUni(this::claim).merge(RECLAIM_AT_ONCE)
                .subscribe().with(done -> { }, failure -> {
                    reclaiming.set(false);
                    LOG.warnf("Could not look for the calls waiting for agents with streams here: %s; trying again in %s", failure.toString(),
                            config.logRetry());
                }, () -> reclaiming.set(false));
    }

    private void log(AgentStream stream, CallEvent event) {
        if (stream.logCalls() == TelephonyConfig.LogCalls.NEVER) {
            waiting.logged(event).subscribe().with(done -> { }, failure -> retryLater(event.agentKey(), config.logRetry()));
            return;
        }
        boolean outbound = event.direction() == Call.Direction.OUTBOUND;
        Instant startedAt = event.startedAt() != null ? event.startedAt() : event.endedAt() != null ? event.endedAt() : event.receivedAt();
        CallLogs.NewLog log = new CallLogs.NewLog(event.sessionId(), stream.hostname(), ClientContact.NONE, event.phone(), stream.logMatch(),
                event.direction(), outbound ? null : event.phone(), outbound ? event.phone() : null, startedAt, event.duration(), event.result(),
                null, event.notes(), null);
        Uni.createFrom().deferred(() -> logs.create(stream.crm(), log, stream.agent(), System.nanoTime())).subscribe().with(logged -> {
            if (logged.outcome() == CallLogs.Outcome.PENDING) {
                release(event, logged.retryAfter());
                return;
            }
            tell(event, CALL_LOG, encode(CallLogAnswer.of(stream.crm(), logged)));
        }, failure -> {
            String problem = encode(new LogFailed(problemOf(failure), event.sessionId()));
            if (isTransient(failure)) {
                LOG.infof("A call of source '%s' could not be logged now (%s); trying again in %s", event.source(), failure.getMessage(), config.logRetry());
                release(event, config.logRetry());
                if (failure instanceof CrmAuthenticationException) {
                    channel.publish(AgentChannel.Message.push(event.agentKey(), CALL_LOG_FAILED, problem)).subscribe().with(heard -> { }, ignored -> { });
                }
                return;
            }
            tell(event, CALL_LOG_FAILED, problem);
        });
    }

    /**
     * Tells the agent's streams what became of a call, which is then done. When no stream of the agent heard it (the
     * last closed meanwhile, or the agent is reconnecting) it waits, in the event's place, for the agent's next stream.
     * When neither can be done (Redis down), the call stays claimed: its lease ends, it is logged again, answered as the
     * log already written, and told then.
     */
    private void tell(CallEvent event, String name, String data) {
        channel.publish(AgentChannel.Message.push(event.agentKey(), name, data))
                .onFailure().recoverWithItem(0L)
                .flatMap(heard -> heard > 0 ? waiting.logged(event)
                        : waiting.loggedUnheard(event, new WaitingEvents.Push(name, data), clock.instant().plus(config.endedRetention()))
                                // A stream that opened between the push and now has looked already: it looks again.
                                .call(() -> nudge(event.agentKey())))
                .subscribe().with(done -> { }, failure -> LOG.warnf("A call of source '%s' was done (%s) but its waiting event could not be "
                        + "removed: %s; it is tried again when its claim ends (callpop.telephony.log-lease)", event.source(), name, failure.toString()));
    }

    private void release(CallEvent event, Duration retryAfter) {
        waiting.release(event).subscribe().with(done -> retryLater(event.agentKey(), retryAfter),
                failure -> retryLater(event.agentKey(), config.logLease()));
    }

    private void retryLater(String agentKey, Duration after) {
        vertx.setTimer(Math.max(1, after.toMillis()), id -> logWaiting(agentKey));
    }

    /** Failures that pass: the CRM's or the stores' outage, a rate limit, credentials the client will renew. */
    private static boolean isTransient(Throwable failure) {
        return CrmFailures.isOutage(failure) || failure instanceof CallLogs.StoreUnavailable || failure instanceof CrmRateLimitedException
                || failure instanceof CrmAuthenticationException || failure instanceof WaitingEvents.Unavailable;
    }

    private void sweep() {
        waiting.expire(clock.instant()).subscribe().with(dropped -> {
            if (dropped.pops() > 0) {
                metrics.telephonyDropped("pop", dropped.pops());
                LOG.infof("%d pops dropped: their agents had no stream open in time (callpop.telephony.ringing-hold)", dropped.pops());
            }
            if (dropped.ended() > 0) {
                metrics.telephonyDropped("ended", dropped.ended());
                LOG.warnf("%d ended calls dropped unlogged: their agents did not connect in time (callpop.telephony.ended-retention)", dropped.ended());
            }
            if (dropped.results() > 0) {
                metrics.telephonyDropped("result", dropped.results());
                LOG.infof("%d results of logged calls dropped untold: their agents did not connect in time (callpop.telephony.ended-retention)",
                        dropped.results());
            }
        }, failure -> LOG.debugf("Could not drop expired telephony events now: %s", failure.toString()));
    }

    private void send(AgentStream stream, String name, String data) {
        stream.send(name, data);
        metrics.telephonyPush(name);
    }

    /**
     * @param value an answer record
     * @return its JSON, as a stream event's data
     */
    String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer record is always JSON", e);
        }
    }

    /** What a failed log becomes on the stream: the problem the call-log endpoint would have answered. */
    private static Problem problemOf(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem(problem.kind(), problem.getMessage(), problem.field());
        }
        if (failure instanceof CallLogs.ContactChoiceRequired choice) {
            return problem(ProblemKind.CONTACT_CHOICE_REQUIRED, choice.getMessage(), null);
        }
        if (failure instanceof CrmInputException input) {
            return new Problem(ProblemKind.TYPE_PREFIX + input.kind(), ProblemKind.title(input.kind(), 422), 422, input.getMessage(), STREAM_PATH,
                    input.field() == null ? List.of() : List.of(new Problem.FieldError(input.field(), input.getMessage())));
        }
        if (failure instanceof CrmAuthenticationException) {
            return problem(ProblemKind.CRM_REAUTHENTICATION_REQUIRED, failure.getMessage()
                    + " Sign the user in to the CRM again and open the stream with the new token: the call waits.", null);
        }
        if (failure instanceof CrmUnavailableException || isTransient(failure)) {
            return problem(ProblemKind.CRM_UNAVAILABLE, failure.getMessage(), null);
        }
        LOG.errorf(failure, "A call event could not be logged");
        return problem(ProblemKind.INTERNAL_ERROR, "callpop failed to log the call; the server log has the details.", null);
    }

    private static Problem problem(ProblemKind kind, String detail, String field) {
        return new Problem(ProblemKind.TYPE_PREFIX + kind.slug(), kind.title(), kind.status(), detail, STREAM_PATH,
                field == null ? List.of() : List.of(new Problem.FieldError(field, detail)));
    }

    /**
     * A {@code pop} on an agent's stream: the call-received answer, and the call it is for.
     *
     * @param answer    what a call-received would have answered
     * @param sessionId the platform's call id, or {@code null}
     */
    record PushedPop(@JsonUnwrapped EventAnswer answer, String sessionId) {
    }

    /**
     * A {@code call-log-failed} on an agent's stream: the problem, and the call it is about.
     *
     * @param problem   the problem
     * @param sessionId the platform's call id
     */
    record LogFailed(@JsonUnwrapped Problem problem, String sessionId) {
    }
}
