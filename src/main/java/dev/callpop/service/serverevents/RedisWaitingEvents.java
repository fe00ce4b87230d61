package dev.callpop.service.serverevents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.calllogs.RedisClients;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The waiting events several replicas share, in Redis (the call logs' Redis, {@code callpop.call-logs.redis-url}).
 * Under {@code callpop:telephony:}: {@code id:<source>|<id>} for every event taken (SET NX with the retention: the
 * first delivery wins, a retry changes nothing); an agent's pops in {@code pops:<agent>} (a sorted set of ids by
 * expiry) with their events in {@code pop-events:<agent>}; its ended calls in {@code ended:<agent>} (a hash of id to
 * expiry and event), each claimed by {@code lease:<agent>|<id>} (SET NX PX) while a replica logs it; what became of a
 * call logged while no stream of its agent was open in {@code results:<agent>} (a hash of id to expiry and push); {@code due}, the
 * agents by their next expiry, which every replica's sweep reads. Every change is one Lua script, so an event is kept
 * whole or not at all, and two replicas never both claim or both drop one. The scripts name keys they build, so this
 * is for a single Redis (or a primary with replicas), not Redis Cluster.
 */
final class RedisWaitingEvents implements WaitingEvents {

    private static final String PREFIX = "callpop:telephony:";
    private static final String DUE = PREFIX + "due";
    /** How many agents one sweep looks at, at most. */
    private static final int SWEEP_AGENTS = 200;

    private static final String KEEP = """
            if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
            if ARGV[2] == 'pop' then
              redis.call('ZADD', KEYS[2], ARGV[5], ARGV[3])
              redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
              redis.call('PEXPIRE', KEYS[2], ARGV[7])
              redis.call('PEXPIRE', KEYS[3], ARGV[7])
            else
              redis.call('HSET', KEYS[2], ARGV[3], ARGV[5] .. '|' .. ARGV[4])
              redis.call('PEXPIRE', KEYS[2], ARGV[7])
            end
            redis.call('ZADD', KEYS[4], 'LT', ARGV[5], ARGV[6])
            return 1""";

    private static final String TAKE_POPS = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
            local out = {}
            if #ids > 0 then out = redis.call('HMGET', KEYS[2], unpack(ids)) end
            redis.call('DEL', KEYS[1], KEYS[2])
            return out""";

    private static final String CLAIM_ENDED = """
            local all = redis.call('HGETALL', KEYS[1])
            local out = {}
            local now = tonumber(ARGV[1])
            for i = 1, #all, 2 do
              local value = all[i + 1]
              local sep = string.find(value, '|', 1, true)
              if tonumber(string.sub(value, 1, sep - 1)) > now and redis.call('SET', ARGV[3] .. all[i], '1', 'NX', 'PX', ARGV[2]) then
                table.insert(out, string.sub(value, sep + 1))
              end
            end
            return out""";

    private static final String LOGGED_UNHEARD = """
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            redis.call('ZADD', KEYS[4], 'LT', ARGV[2], ARGV[5])
            return 1""";

    private static final String TAKE_RESULTS = """
            local all = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            local out = {}
            for i = 2, #all, 2 do table.insert(out, all[i]) end
            return out""";

    private static final String EXPIRE = """
            local agents = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
            local now = tonumber(ARGV[1])
            local pops, ended, results = 0, 0, 0
            local due = nil
            -- Drops the hash's entries (expiry|value) that expired, unless leased; the rest set the agent's next due time.
            local function sweep(key, leases)
              local dropped = 0
              local all = redis.call('HGETALL', key)
              for i = 1, #all, 2 do
                local value = all[i + 1]
                local expires = tonumber(string.sub(value, 1, string.find(value, '|', 1, true) - 1))
                if expires <= now and (leases == nil or redis.call('EXISTS', leases .. all[i]) == 0) then
                  redis.call('HDEL', key, all[i])
                  dropped = dropped + 1
                elseif due == nil or expires < due then
                  due = expires
                end
              end
              return dropped
            end
            for _, agent in ipairs(agents) do
              local zkey, hkey = ARGV[2] .. 'pops:' .. agent, ARGV[2] .. 'pop-events:' .. agent
              local gone = redis.call('ZRANGEBYSCORE', zkey, '-inf', now)
              if #gone > 0 then
                redis.call('ZREM', zkey, unpack(gone))
                redis.call('HDEL', hkey, unpack(gone))
                pops = pops + #gone
              end
              due = nil
              local first = redis.call('ZRANGE', zkey, 0, 0, 'WITHSCORES')
              if #first > 0 then due = tonumber(first[2]) end
              ended = ended + sweep(ARGV[2] .. 'ended:' .. agent, ARGV[2] .. 'lease:' .. agent .. '|')
              results = results + sweep(ARGV[2] .. 'results:' .. agent, nil)
              if due == nil then redis.call('ZREM', KEYS[1], agent) else redis.call('ZADD', KEYS[1], math.max(due, now + 1000), agent) end
            end
            return {pops, ended, results}""";

    private final Redis redis;
    private final RedisAPI api;
    private final ObjectMapper json;
    private final Duration remembered;
    private final Duration timeout;

    /**
     * @param redis      the shared client
     * @param json       how events are written
     * @param remembered how long an event's id is remembered (its duplicates changing nothing); at least the retention
     * @param timeout    how long a command may take
     */
    RedisWaitingEvents(Redis redis, ObjectMapper json, Duration remembered, Duration timeout) {
        this.redis = redis;
        this.api = RedisAPI.api(redis);
        this.json = json;
        this.remembered = remembered;
        this.timeout = timeout;
    }

    @Override
    public Uni<Boolean> keep(CallEvent event, Instant expiresAt) {
        String agent = event.agentKey();
        boolean pop = event.kind() != CallEvent.Kind.ENDED;
        List<String> args = List.of(KEEP, "4", PREFIX + "id:" + event.source() + "|" + event.id(), pop ? PREFIX + "pops:" + agent : PREFIX + "ended:" + agent,
                PREFIX + "pop-events:" + agent, DUE, Long.toString(remembered.toMillis()), pop ? "pop" : "ended", event.id(), write(event),
                Long.toString(expiresAt.toEpochMilli()), agent, Long.toString(remembered.toMillis()));
        return call(api.eval(args)).map(kept -> kept.toInteger() == 1)
                .onFailure(failure -> !(failure instanceof Unavailable)).transform(failure -> new Unavailable("Redis did not keep it: " + failure.getMessage()));
    }

    @Override
    public Uni<List<CallEvent>> takePops(String agentKey, Instant now) {
        return call(api.eval(List.of(TAKE_POPS, "2", PREFIX + "pops:" + agentKey, PREFIX + "pop-events:" + agentKey, Long.toString(now.toEpochMilli()))))
                .map(this::events);
    }

    @Override
    public Uni<Void> delivered(CallEvent pop) {
        String agent = pop.agentKey();
        return call(redis.batch(List.of(Request.cmd(Command.ZREM).arg(PREFIX + "pops:" + agent).arg(pop.id()),
                Request.cmd(Command.HDEL).arg(PREFIX + "pop-events:" + agent).arg(pop.id())))).replaceWithVoid();
    }

    @Override
    public Uni<List<CallEvent>> claimEnded(String agentKey, Duration lease, Instant now) {
        return call(api.eval(List.of(CLAIM_ENDED, "1", PREFIX + "ended:" + agentKey, Long.toString(now.toEpochMilli()), Long.toString(lease.toMillis()),
                PREFIX + "lease:" + agentKey + "|"))).map(this::events);
    }

    @Override
    public Uni<Void> logged(CallEvent ended) {
        String agent = ended.agentKey();
        return call(redis.batch(List.of(Request.cmd(Command.HDEL).arg(PREFIX + "ended:" + agent).arg(ended.id()),
                Request.cmd(Command.DEL).arg(PREFIX + "lease:" + agent + "|" + ended.id())))).replaceWithVoid();
    }

    @Override
    public Uni<Void> loggedUnheard(CallEvent ended, Push result, Instant expiresAt) {
        String agent = ended.agentKey();
        return call(api.eval(List.of(LOGGED_UNHEARD, "4", PREFIX + "ended:" + agent, PREFIX + "lease:" + agent + "|" + ended.id(),
                PREFIX + "results:" + agent, DUE, ended.id(), Long.toString(expiresAt.toEpochMilli()), write(result),
                Long.toString(remembered.toMillis()), agent))).replaceWithVoid();
    }

    @Override
    public Uni<List<Push>> takeResults(String agentKey, Instant now) {
        return call(api.eval(List.of(TAKE_RESULTS, "1", PREFIX + "results:" + agentKey))).map(values -> {
            List<Map.Entry<Long, Push>> found = new ArrayList<>();
            for (Response value : values) {
                String text = value.toString();
                int separator = text.indexOf('|');
                long expires = Long.parseLong(text.substring(0, separator));
                if (expires > now.toEpochMilli()) {
                    found.add(Map.entry(expires, read(text.substring(separator + 1), Push.class)));
                }
            }
            // Each waits the same time after its log: the earliest to expire was logged first.
            found.sort(Map.Entry.comparingByKey());
            return found.stream().map(Map.Entry::getValue).toList();
        });
    }

    @Override
    public Uni<Void> release(CallEvent ended) {
        return call(api.del(List.of(PREFIX + "lease:" + ended.agentKey() + "|" + ended.id()))).replaceWithVoid();
    }

    @Override
    public Uni<Dropped> expire(Instant now) {
        return call(api.eval(List.of(EXPIRE, "1", DUE, Long.toString(now.toEpochMilli()), PREFIX, Integer.toString(SWEEP_AGENTS))))
                .map(counts -> new Dropped(counts.get(0).toLong(), counts.get(1).toLong(), counts.get(2).toLong()));
    }

    private List<CallEvent> events(Response values) {
        List<CallEvent> events = new ArrayList<>();
        if (values != null) {
            for (Response value : values) {
                if (value != null) {
                    events.add(read(value.toString(), CallEvent.class));
                }
            }
        }
        return events;
    }

    private <T> Uni<T> call(Future<T> command) {
        return RedisClients.call(command, timeout);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call event and a push are always JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("what Redis keeps under " + PREFIX + " is not callpop's", e);
        }
    }
}
