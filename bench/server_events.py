#!/usr/bin/env python3
"""callpop's server-side call events under load: a telephony platform posting events and agents' clients holding
their streams, in one asyncio process (no library beyond Python 3.9's own; tokens signed with openssl and the local
profile's published key, as dev/local-token.sh does). bench/server-events.sh runs it; each mode prints one JSON line.

  latency  --post URL --stream URL --agents N --events N --rate R        webhook-to-push latency (p50, p99)
  streams  --stream URL --count N --pid PID --post URL                    N streams open: RSS, and a pop to each
  load     --post URL --stream URL --agents N --rate R --seconds S         R events/s: every event kept and pushed?
  faults   --post A,B --stream A,B --agents N --rate R --seconds S         events in, pushes out, logs, duplicates
           (bench/server-events.sh restarts Redis and kills a replica meanwhile; clients reconnect to the other)
"""
import argparse
import asyncio
import base64
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from urllib.parse import urlsplit

KEY = "bench-telephony-key-5d0c3f"
SIGNING_KEY = os.path.join(os.path.dirname(__file__), "..", "dev", "local-signing-key.pem")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signer():
    """RS256 with the local key: the cryptography package where installed (fast), else one openssl run a token."""
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
        with open(SIGNING_KEY, "rb") as pem:
            key = serialization.load_pem_private_key(pem.read(), password=None)
        return lambda data: key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    except ImportError:
        return lambda data: subprocess.run(["openssl", "dgst", "-sha256", "-sign", SIGNING_KEY, "-binary"], input=data,
                                           capture_output=True, check=True).stdout


SIGN = signer()


def token(agent: str) -> str:
    now = int(time.time())
    claims = {"iss": "https://callpop.local/dev", "aud": "callpop", "sub": agent, "groups": ["callpop"], "email": agent,
              "iat": now, "exp": now + 7200}
    signing_input = b64url(b'{"alg":"RS256","typ":"JWT"}') + "." + b64url(json.dumps(claims).encode())
    return signing_input + "." + b64url(SIGN(signing_input.encode()))


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def read_head(reader):
    status = int((await reader.readline()).split()[1])
    headers = {}
    while True:
        line = (await reader.readline()).decode().strip()
        if not line:
            return status, headers
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()


async def read_body(reader, headers):
    if headers.get("transfer-encoding") == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return body
            body += chunk[:-2]
    return await reader.readexactly(int(headers.get("content-length", "0")))


class Poster:
    """A platform's deliveries over keep-alive connections, each event retried (another replica, after a pause) until kept."""

    def __init__(self, urls, connections):
        self.urls = urls
        self.queue = asyncio.Queue()
        self.kept = {}        # event id -> time the 202 came
        self.sent_at = {}     # event id -> time first sent
        self.refused = 0      # 5xx, 429 or no answer (each retried)
        self.refusals = {}    # why: the status, or the failure's name -> count
        self.rejected = {}    # status -> count of events refused for good (any other 4xx: a mistake of the benchmark, not retried)
        self.workers = [asyncio.create_task(self.work(i)) for i in range(connections)]

    def post(self, event):
        self.sent_at.setdefault(event["eventId"], time.monotonic())
        self.queue.put_nowait(event)

    async def work(self, number):
        conn = None
        target = number % len(self.urls)
        while True:
            event = await self.queue.get()
            body = json.dumps(event).encode()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                url = urlsplit(self.urls[target])
                try:
                    if conn is None:
                        conn = await asyncio.wait_for(asyncio.open_connection(url.hostname, url.port), 2)
                    reader, writer = conn
                    writer.write((f"POST {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nx-api-key: {KEY}\r\n"
                                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
                    status, headers = await asyncio.wait_for(read_head(reader), 10)
                    await read_body(reader, headers)
                    if status == 202:
                        self.kept.setdefault(event["eventId"], time.monotonic())
                        break
                    if 400 <= status < 500 and status not in (408, 429):
                        self.rejected[status] = self.rejected.get(status, 0) + 1
                        break
                    self.refused += 1
                    self.refusals[status] = self.refusals.get(status, 0) + 1
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as failure:
                    self.refused += 1
                    why = type(failure).__name__
                    self.refusals[why] = self.refusals.get(why, 0) + 1
                    if conn is not None:
                        conn[1].close()
                    conn = None
                # A platform's retry: the other replica (the load balancer's choice), after a pause.
                target = (target + 1) % len(self.urls)
                await asyncio.sleep(0.2)
            self.queue.task_done()

    async def drain(self):
        await self.queue.join()


class Stream:
    """An agent's client: its stream, read as the reference client reads it (fetch), reconnecting to the next URL."""

    def __init__(self, agent, urls, on_event, reconnect=False):
        self.agent = agent
        self.urls = urls
        self.on_event = on_event
        self.reconnect = reconnect
        self.token = token(agent)
        self.ready = asyncio.Event()
        self.connections = 0
        self.task = asyncio.create_task(self.run())

    async def run(self):
        index = 0
        while True:
            url = urlsplit(self.urls[index % len(self.urls)])
            try:
                reader, writer = await asyncio.open_connection(url.hostname, url.port)
                writer.write((f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nAccept: text/event-stream\r\n"
                              f"Authorization: Bearer {self.token}\r\n\r\n").encode())
                status, headers = await read_head(reader)
                if status != 200:
                    raise OSError(f"stream answered {status}: {(await read_body(reader, headers))[:200]!r}")
                self.connections += 1
                await self.read(reader, headers.get("transfer-encoding") == "chunked")
            except (OSError, asyncio.IncompleteReadError, ValueError) as failure:
                if not self.reconnect:
                    print(f"stream of {self.agent} failed: {failure}", file=sys.stderr)
                    return
            index += 1
            await asyncio.sleep(0.5)

    async def read(self, reader, chunked):
        buffer = ""
        name, data = "message", []
        while True:
            if chunked:
                size = int((await reader.readline()).strip(), 16)
                if size == 0:
                    raise OSError("stream ended")
                text = (await reader.readexactly(size + 2))[:-2].decode()
            else:
                text = (await reader.read(65536)).decode()
                if not text:
                    raise OSError("stream ended")
            buffer += text
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                line = line.rstrip("\r")
                if line == "":
                    if data:
                        if name == "ready":
                            self.ready.set()
                        else:
                            self.on_event(self, name, "\n".join(data), time.monotonic())
                    name, data = "message", []
                elif line.startswith(":"):
                    continue
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())


async def call_log(stream_url, agent, session):
    """POSTs a call log for the session as the agent's client would, and answers the status (200: it was written)."""
    url = urlsplit(stream_url.replace("/agent-events", "/call-logs"))
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    body = json.dumps({"sessionId": session, "contact": {"id": "1001"}, "direction": "inbound"}).encode()
    writer.write((f"POST {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token(agent)}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body)
    status, headers = await read_head(reader)
    writer.close()
    return status


def ringing(agent):
    event_id = str(uuid.uuid4())
    return {"eventId": event_id, "kind": "ringing", "agent": agent, "phone": "+14155550100", "direction": "inbound",
            "sessionId": "call-" + event_id}


def ended(agent):
    session = "s-" + str(uuid.uuid4())
    return {"eventId": "end-" + session, "kind": "ended", "agent": agent, "phone": "+14155550100", "direction": "inbound",
            "sessionId": session, "startedAt": "2026-12-03T14:05:00Z", "endedAt": "2026-12-03T14:06:00Z", "result": "answered"}


class Tally:
    def __init__(self):
        self.pops = {}        # sessionId -> [arrival times]
        self.logs = {}        # sessionId -> outcomes
        self.failed = 0

    def __call__(self, stream, name, data, at):
        body = json.loads(data)
        if name == "pop":
            self.pops.setdefault(body.get("sessionId"), []).append(at)
        elif name == "call-log":
            self.logs.setdefault(body.get("sessionId"), []).append(body.get("outcome"))
        elif name == "call-log-failed":
            self.failed += 1


async def open_streams(agents, urls, tally, reconnect=False, at_once=100):
    streams = []
    for start in range(0, len(agents), at_once):
        batch = [Stream(agent, [urls[(start + i) % len(urls)]] + [u for u in urls if u != urls[(start + i) % len(urls)]], tally, reconnect)
                 for i, agent in enumerate(agents[start:start + at_once])]
        await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in batch)), 60)
        streams += batch
    return streams


async def paced(poster, events, rate):
    start = time.monotonic()
    for i, event in enumerate(events):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        poster.post(event)
    return time.monotonic() - start


async def settle(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        await asyncio.sleep(0.1)


def latencies(poster, tally, events):
    values = []
    for event in events:
        arrived = tally.pops.get(event["sessionId"])
        if arrived and event["eventId"] in poster.sent_at:
            values.append((arrived[0] - poster.sent_at[event["eventId"]]) * 1000)
    return values


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


async def latency(args):
    tally = Tally()
    agents = [f"lat-{uuid.uuid4()}@example.com" for _ in range(args.agents)]
    streams = await open_streams(agents, [args.stream], tally)  # held: asyncio keeps only weak references to tasks
    poster = Poster([args.post], 1)
    events = [ringing(random.choice(agents)) for _ in range(args.events + 50)]
    await paced(poster, events[:50], args.rate)  # warm-up, not counted
    await poster.drain()
    await paced(poster, events[50:], args.rate)
    await poster.drain()
    await settle(lambda: all(e["sessionId"] in tally.pops for e in events), 10)
    values = latencies(poster, tally, events[50:])
    print(json.dumps({"mode": "latency", "streams": len(streams), "events": args.events, "pushed": len(values), "rate": args.rate,
                      "p50_ms": round(percentile(values, 50), 2), "p99_ms": round(percentile(values, 99), 2),
                      "max_ms": round(max(values), 2)}))


async def streams_mode(args):
    tally = Tally()
    rss_before = rss_mib(args.pid)
    agents = [f"many-{i}-{uuid.uuid4()}@example.com" for i in range(args.count)]
    started = time.monotonic()
    streams = await open_streams(agents, [args.stream], tally, at_once=200)
    opened_s = time.monotonic() - started
    await asyncio.sleep(5)
    rss_open = rss_mib(args.pid)
    poster = Poster([args.post], 8)
    events = [ringing(agent) for agent in agents]
    await paced(poster, events, args.rate)
    await poster.drain()
    await settle(lambda: all(e["sessionId"] in tally.pops for e in events), 30)
    values = latencies(poster, tally, events)
    rss_after = rss_mib(args.pid)
    print(json.dumps({"mode": "streams", "streams": len(streams), "open_seconds": round(opened_s, 1), "rss_before_mib": rss_before,
                      "rss_open_mib": rss_open, "rss_after_pops_mib": rss_after, "pops_posted": len(events),
                      "pops_pushed": sum(1 for e in events if e["sessionId"] in tally.pops), "rate": args.rate,
                      "p50_ms": round(percentile(values, 50), 2), "p99_ms": round(percentile(values, 99), 2)}))


async def load(args):
    tally = Tally()
    agents = [f"load-{uuid.uuid4()}@example.com" for _ in range(args.agents)]
    streams = await open_streams(agents, args.stream.split(","), tally)
    poster = Poster(args.post.split(","), args.connections)
    events = [ended(random.choice(agents)) if i % 10 == 9 else ringing(random.choice(agents)) for i in range(args.rate * args.seconds)]
    took = await paced(poster, events, args.rate)
    await poster.drain()
    pops = [e for e in events if e["kind"] == "ringing"]
    ends = [e for e in events if e["kind"] == "ended"]
    await settle(lambda: all(e["sessionId"] in tally.pops for e in pops) and all(e["sessionId"] in tally.logs for e in ends), 30)
    values = latencies(poster, tally, pops)
    print(json.dumps({"mode": "load", "streams": len(streams), "rate_asked": args.rate, "rate_posted": round(len(events) / took, 1), "events": len(events),
                      "kept": len(poster.kept), "refused_then_retried": poster.refused, "refusals": poster.refusals, "rejected": poster.rejected,
                      "pops_posted": len(pops), "pops_pushed": sum(1 for e in pops if e["sessionId"] in tally.pops),
                      "pops_twice": sum(1 for e in pops if len(tally.pops.get(e["sessionId"], [])) > 1),
                      "ended_posted": len(ends), "logged": sum(1 for e in ends if "created" in tally.logs.get(e["sessionId"], [])),
                      "logged_pushed_as_existing": sum(1 for e in ends if tally.logs.get(e["sessionId"]) and "created" not in tally.logs[e["sessionId"]]),
                      "ended_not_pushed": sum(1 for e in ends if e["sessionId"] not in tally.logs),
                      "logged_twice": sum(1 for e in ends if tally.logs.get(e["sessionId"], []).count("created") > 1),
                      "log_failed": tally.failed, "p50_ms": round(percentile(values, 50), 2), "p99_ms": round(percentile(values, 99), 2)}))


async def faults(args):
    tally = Tally()
    posts = args.post.split(",")
    agents = [f"fault-{uuid.uuid4()}@example.com" for _ in range(args.agents)]
    streams = await open_streams(agents, args.stream.split(","), tally, reconnect=True)
    if args.ready_file:
        open(args.ready_file, "w").close()
    poster = Poster(posts, args.connections)
    events = [ended(random.choice(agents)) if i % 5 == 4 else ringing(random.choice(agents)) for i in range(args.rate * args.seconds)]
    await paced(poster, events, args.rate)
    await poster.drain()
    pops = [e for e in events if e["kind"] == "ringing"]
    ends = [e for e in events if e["kind"] == "ended"]
    await settle(lambda: all(e["sessionId"] in tally.logs for e in ends), args.settle)
    # Calls whose push never came: was the log written (the call-log record answers 200) or not (a 201 writes it now)?
    unpushed = [e for e in ends if e["sessionId"] not in tally.logs]
    written = 0
    for event in unpushed:
        status = await call_log(args.stream.split(",")[0], agents[0], event["sessionId"])
        written += status == 200
    print(json.dumps({"mode": "faults", "unpushed_but_written": written, "unpushed_and_unwritten": len(unpushed) - written, "events_posted": len(events), "events_kept": len(poster.kept),
                      "deliveries_refused_then_retried": poster.refused, "refusals": poster.refusals, "rejected": poster.rejected,
                      "pops_kept": len(pops), "pops_pushed": sum(1 for e in pops if e["sessionId"] in tally.pops),
                      "pops_twice": sum(1 for e in pops if len(tally.pops.get(e["sessionId"], [])) > 1),
                      "ended_kept": len(ends), "logs_written": sum(1 for e in ends if "created" in tally.logs.get(e["sessionId"], [])),
                      "logs_pushed_as_existing": sum(1 for e in ends if tally.logs.get(e["sessionId"]) and "created" not in tally.logs[e["sessionId"]]),
                      "ended_not_logged": sum(1 for e in ends if e["sessionId"] not in tally.logs),
                      "logs_written_twice": sum(1 for e in ends if tally.logs.get(e["sessionId"], []).count("created") > 1),
                      "log_failed": tally.failed, "stream_reconnections": sum(max(0, s.connections - 1) for s in streams)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["latency", "streams", "load", "faults"])
    parser.add_argument("--post", required=True)
    parser.add_argument("--stream", required=True)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--settle", type=int, default=60)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--ready-file")
    args = parser.parse_args()
    mode = {"latency": latency, "streams": streams_mode, "load": load, "faults": faults}[args.mode]
    asyncio.run(mode(args))


if __name__ == "__main__":
    main()
