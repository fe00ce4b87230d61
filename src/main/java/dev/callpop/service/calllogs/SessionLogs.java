package dev.callpop.service.calllogs;

import java.time.Duration;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Which telephony session already has its call log, shared by every replica that can write one: the record that makes
 * a log once per session id. One replica keeps it in the process ({@link InProcessSessionLogs}, the embedded default);
 * several share it through Redis ({@link RedisSessionLogs}, {@code callpop.call-logs.redis-url}).
 *
 * <p>A session moves from nothing to {@link Claim.Claimed claimed} (one create running, with a lease) to done (the log's
 * id and contact, kept for {@code callpop.call-logs.retention}). A create that failed gives its claim back
 * ({@link #release}), so a retry creates again; a claim whose replica died expires with its lease.
 *
 * <p>Each claim carries an owner: a random token only its create knows. Releasing or completing names it, so a create
 * that outlived its lease (while a retry claimed the session anew) can neither give back nor overwrite the newer
 * claim: only the claim it still holds, or a session nobody holds any more.
 */
public interface SessionLogs {

    /**
     * Claims a session for one create, or answers what became of it.
     *
     * @param key   the session's key (CRM, host and session id)
     * @param lease how long the claim holds if its create never finishes (a replica killed mid-create)
     * @return {@link Claim.Claimed} for the caller who creates, {@link Claim.Running} while another create runs,
     *         {@link Claim.Done} with the log once written
     */
    Uni<Claim> claim(String key, Duration lease);

    /**
     * Records the log a claimed create wrote; answers every later claim of the session with it. Recorded only while the
     * session holds this owner's claim, or nothing (the lease ended and nobody claimed it since); never over a newer
     * claim nor over a log already recorded.
     *
     * @param key   the session's key
     * @param owner the owner of the claim the create held ({@link Claim.Claimed#owner()})
     * @param log   the log written, as the store keeps it
     * @return whether it was recorded: {@code false} when another claim or log holds the session
     */
    Uni<Boolean> complete(String key, String owner, LoggedSession log);

    /**
     * Gives a claim back after its create failed (nothing was written), so a retry creates. Only this owner's claim
     * is given back: a newer claim of the session, or its log, stays.
     *
     * @param key   the session's key
     * @param owner the owner of the claim to give back ({@link Claim.Claimed#owner()})
     * @return done when released, or when there was nothing of this owner's to release
     */
    Uni<Void> release(String key, String owner);

    /** What a claim found. */
    sealed interface Claim {
        /**
         * The caller holds the session: it creates the log, then {@link #complete}s or {@link #release}s with the owner.
         *
         * @param owner the claim's random owner token, known only to the create that holds it
         */
        record Claimed(String owner) implements Claim {

            /** @return a claim with a new random owner token */
            static Claimed byNewOwner() {
                return new Claimed(UUID.randomUUID().toString());
            }
        }

        /**
         * Another create of this session is running.
         *
         * @param retryAfter when to ask again
         */
        record Running(Duration retryAfter) implements Claim {
            /**
             * When to ask again about a claim whose lease has this much left: soon after it ends, between 1 and 5 s.
             *
             * @param leaseLeft what is left of the running create's lease
             * @return when to ask again
             */
            static Duration after(Duration leaseLeft) {
                return Duration.ofSeconds(Math.max(1, Math.min(5, leaseLeft.toSeconds() + 1)));
            }
        }

        /**
         * The session's log was written.
         *
         * @param log the log
         */
        record Done(LoggedSession log) implements Claim {
        }
    }

    /**
     * A session's log as the store keeps it (no note, no token: only what answers a retry).
     *
     * @param logId       the log's id in the CRM
     * @param contactId   the contact it was written to
     * @param contactType the contact's type value, or {@code null}
     */
    record LoggedSession(String logId, String contactId, String contactType) {
    }
}
