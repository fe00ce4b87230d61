package dev.callpop.service.calllogs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.mutiny.Uni;

/**
 * One replica's record of which sessions have their log, in the process: the embedded default, with no set-up. A
 * restart forgets it (a retry after a restart then creates again, unless the CRM can find the log by its session,
 * {@link dev.callpop.spi.CrmCallLogs#findLog}); several replicas need the shared one, in Redis.
 */
final class InProcessSessionLogs implements SessionLogs {

    /** A claim (its owner) until its lease ends, or the log written. */
    private record Entry(LoggedSession log, long leaseNanos, String owner) {

        boolean claimedBy(String owner) {
            return log == null && this.owner.equals(owner);
        }
    }

    private final Cache<String, Entry> sessions;
    private final Duration retention;

    /**
     * @param retention how long a written log is remembered
     * @param maxSessions how many sessions are remembered at most (the oldest first forgotten)
     * @param ticker    the time source
     */
    InProcessSessionLogs(Duration retention, long maxSessions, Ticker ticker) {
        this.retention = retention;
        this.sessions = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return entry.log() == null ? entry.leaseNanos() : InProcessSessionLogs.this.retention.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .ticker(ticker)
                .build();
    }

    @Override
    public Uni<Claim> claim(String key, Duration lease) {
        Claim.Claimed mine = Claim.Claimed.byNewOwner();
        Entry[] found = new Entry[1];
        sessions.asMap().compute(key, (k, existing) -> {
            found[0] = existing;
            return existing != null ? existing : new Entry(null, lease.toNanos(), mine.owner());
        });
        Entry existing = found[0];
        if (existing == null) {
            return Uni.createFrom().item(mine);
        }
        if (existing.log() != null) {
            return Uni.createFrom().item(new Claim.Done(existing.log()));
        }
        long left = sessions.policy().expireVariably().flatMap(policy -> policy.getExpiresAfter(key, TimeUnit.NANOSECONDS)
                .stream().boxed().findFirst()).orElse(lease.toNanos());
        return Uni.createFrom().item(new Claim.Running(Claim.Running.after(Duration.ofNanos(Math.max(left, 0)))));
    }

    @Override
    public Uni<Boolean> complete(String key, String owner, LoggedSession log) {
        boolean[] recorded = new boolean[1];
        sessions.asMap().compute(key, (k, existing) -> {
            recorded[0] = existing == null || existing.claimedBy(owner);
            return recorded[0] ? new Entry(log, 0, owner) : existing;
        });
        return Uni.createFrom().item(recorded[0]);
    }

    @Override
    public Uni<Void> release(String key, String owner) {
        sessions.asMap().computeIfPresent(key, (k, existing) -> existing.claimedBy(owner) ? null : existing);
        return Uni.createFrom().voidItem();
    }
}
