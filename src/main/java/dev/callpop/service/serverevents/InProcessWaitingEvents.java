package dev.callpop.service.serverevents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;

/**
 * One replica's waiting events, in the process: the embedded default. A restart loses what waited (pops about to
 * expire anyway, and ended calls not yet logged) and forgets which events were taken; the platform's retries after a
 * restart are then taken again (a call still logs once: its session id is the log's idempotency key).
 */
final class InProcessWaitingEvents implements WaitingEvents {

    /** An event waiting: until when, until when a replica's claim holds it, and what became of it once logged unheard. */
    private static final class Waiting {
        final CallEvent event;
        final Instant expiresAt;
        final Push result;
        Instant claimedUntil = Instant.MIN;

        Waiting(CallEvent event, Instant expiresAt, Push result) {
            this.event = event;
            this.expiresAt = expiresAt;
            this.result = result;
        }
    }

    private final Clock clock;
    private final Duration remembered;
    private final int maxKept;
    /** Every event id taken, until it is forgotten; in order of arrival. */
    private final LinkedHashMap<String, Instant> taken = new LinkedHashMap<>();
    private final Map<String, List<Waiting>> pops = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Waiting>> ended = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Waiting>> results = new HashMap<>();
    private int waiting;

    /**
     * @param clock      the time
     * @param remembered how long an event's id is remembered (its duplicates changing nothing)
     * @param maxKept    how many ids (and so waiting events) are kept at most
     */
    InProcessWaitingEvents(Clock clock, Duration remembered, int maxKept) {
        this.clock = clock;
        this.remembered = remembered;
        this.maxKept = maxKept;
    }

    @Override
    public synchronized Uni<Boolean> keep(CallEvent event, Instant expiresAt) {
        String id = idKey(event);
        forgetOld(clock.instant());
        if (taken.containsKey(id)) {
            return Uni.createFrom().item(false);
        }
        if (taken.size() >= maxKept) {
            return Uni.createFrom().failure(new Unavailable("this replica keeps " + maxKept + " events at most (callpop.telephony.max-kept-events)"));
        }
        taken.put(id, clock.instant().plus(remembered));
        Waiting entry = new Waiting(event, expiresAt, null);
        if (event.kind() == CallEvent.Kind.ENDED) {
            ended.computeIfAbsent(event.agentKey(), key -> new LinkedHashMap<>()).put(id, entry);
        } else {
            pops.computeIfAbsent(event.agentKey(), key -> new ArrayList<>()).add(entry);
        }
        waiting++;
        return Uni.createFrom().item(true);
    }

    @Override
    public synchronized Uni<List<CallEvent>> takePops(String agentKey, Instant now) {
        List<Waiting> found = pops.remove(agentKey);
        if (found == null) {
            return Uni.createFrom().item(List.of());
        }
        waiting -= found.size();
        return Uni.createFrom().item(found.stream().filter(entry -> entry.expiresAt.isAfter(now)).map(entry -> entry.event).toList());
    }

    @Override
    public synchronized Uni<Void> delivered(CallEvent pop) {
        List<Waiting> found = pops.get(pop.agentKey());
        if (found != null && found.removeIf(entry -> entry.event.id().equals(pop.id()))) {
            waiting--;
            if (found.isEmpty()) {
                pops.remove(pop.agentKey());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<CallEvent>> claimEnded(String agentKey, Duration lease, Instant now) {
        Map<String, Waiting> found = ended.get(agentKey);
        if (found == null) {
            return Uni.createFrom().item(List.of());
        }
        List<CallEvent> claimed = new ArrayList<>();
        for (Waiting entry : found.values()) {
            if (entry.expiresAt.isAfter(now) && !entry.claimedUntil.isAfter(now)) {
                entry.claimedUntil = now.plus(lease);
                claimed.add(entry.event);
            }
        }
        return Uni.createFrom().item(claimed);
    }

    @Override
    public synchronized Uni<Void> logged(CallEvent event) {
        Map<String, Waiting> found = ended.get(event.agentKey());
        if (found != null && found.remove(idKey(event)) != null) {
            waiting--;
            if (found.isEmpty()) {
                ended.remove(event.agentKey());
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> loggedUnheard(CallEvent event, Push result, Instant expiresAt) {
        Map<String, Waiting> found = ended.get(event.agentKey());
        if (found != null && found.remove(idKey(event)) != null) {
            if (found.isEmpty()) {
                ended.remove(event.agentKey());
            }
            results.computeIfAbsent(event.agentKey(), key -> new LinkedHashMap<>()).put(idKey(event), new Waiting(event, expiresAt, result));
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<Push>> takeResults(String agentKey, Instant now) {
        Map<String, Waiting> found = results.remove(agentKey);
        if (found == null) {
            return Uni.createFrom().item(List.of());
        }
        waiting -= found.size();
        return Uni.createFrom().item(found.values().stream().filter(entry -> entry.expiresAt.isAfter(now)).map(entry -> entry.result).toList());
    }

    @Override
    public synchronized Uni<Void> release(CallEvent event) {
        Map<String, Waiting> found = ended.get(event.agentKey());
        Waiting entry = found == null ? null : found.get(idKey(event));
        if (entry != null) {
            entry.claimedUntil = Instant.MIN;
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Dropped> expire(Instant now) {
        long droppedPops = 0;
        for (Iterator<List<Waiting>> agents = pops.values().iterator(); agents.hasNext(); ) {
            List<Waiting> list = agents.next();
            int before = list.size();
            list.removeIf(entry -> !entry.expiresAt.isAfter(now));
            droppedPops += before - list.size();
            if (list.isEmpty()) {
                agents.remove();
            }
        }
        long droppedEnded = dropExpired(ended, entry -> !entry.expiresAt.isAfter(now) && !entry.claimedUntil.isAfter(now));
        long droppedResults = dropExpired(results, entry -> !entry.expiresAt.isAfter(now));
        waiting -= (int) (droppedPops + droppedEnded + droppedResults);
        forgetOld(now);
        return Uni.createFrom().item(new Dropped(droppedPops, droppedEnded, droppedResults));
    }

    /** Drops the agents' entries that are gone; answers how many. */
    private static long dropExpired(Map<String, LinkedHashMap<String, Waiting>> byAgent, Predicate<Waiting> gone) {
        long dropped = 0;
        for (Iterator<LinkedHashMap<String, Waiting>> agents = byAgent.values().iterator(); agents.hasNext(); ) {
            Map<String, Waiting> map = agents.next();
            int before = map.size();
            map.values().removeIf(gone);
            dropped += before - map.size();
            if (map.isEmpty()) {
                agents.remove();
            }
        }
        return dropped;
    }

    /** Forgets ids older than the memory, but never one whose event still waits. */
    private void forgetOld(Instant now) {
        for (Iterator<Map.Entry<String, Instant>> ids = taken.entrySet().iterator(); ids.hasNext(); ) {
            Map.Entry<String, Instant> id = ids.next();
            if (id.getValue().isAfter(now) || taken.size() <= waiting) {
                return;
            }
            ids.remove();
        }
    }

    private static String idKey(CallEvent event) {
        return event.source() + "|" + event.id();
    }
}
