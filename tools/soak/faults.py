#!/usr/bin/env python3
"""Fault injector of make soak (tools/soak.sh): keeps about RATE of the
requests of every route of the mock national services (tools/mock_national.py)
failing, through the mock's own /_admin/faults rules, and feeds the sources'
change feeds while the soak runs.

The mock's rules are deterministic (the next `times` requests whose target
contains `match` get the fault), so every TICK seconds this reads the
mock's request counts per route, counts the faults its rules already gave
(posted minus the `times` left), and posts rules for the deficit: about
RATE of each route's requests so far, one at a time (faults in a row are
what real outages look like, not a 10% error rate), the kind rotating
through FAULTS.  On SIGTERM it removes every rule, writes its summary
(JSON: requests and faults per route and per kind) and exits.
"""

import argparse
import json
import random
import signal
import sys
import time
import urllib.request

ROUTES = ("/population/", "/enterprise/", "/social_insurance/", "/land/", "/civil_status/", "/tax/",
          "/portal/", "/procedure_catalogue/")
# each fault with its rule settings: server errors, a 429 with Retry-After,
# a connection reset, a delay past the sources' 2 s total timeout, a short
# delay, a 200 whose body is not JSON
FAULTS = ({"fault": "500"}, {"fault": "503"}, {"fault": "429", "retry_after": 1}, {"fault": "reset"},
          {"fault": "delay", "delay_ms": 2500}, {"fault": "delay", "delay_ms": 300}, {"fault": "502"},
          {"fault": "malformed"})


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--rate", type=float, default=0.10)
    ap.add_argument("--tick", type=float, default=0.02)
    ap.add_argument("--burst", type=int, default=3, help="faults per route per tick at most")
    ap.add_argument("--feed-keys", required=True, help="file of population keys the soak uses")
    ap.add_argument("--feed-every", type=float, default=2.0)
    ap.add_argument("--summary", required=True)
    args = ap.parse_args()
    base = "http://127.0.0.1:%d" % args.port
    keys = [k.strip() for k in open(args.feed_keys) if k.strip()]
    rnd = random.Random(17)
    injected = {r: 0 for r in ROUTES}
    by_kind = {}
    posted = {}          # route -> (kind label, times) of the rule in force
    turn = {r: i for i, r in enumerate(ROUTES)}
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    feeds = 0
    next_feed = time.time() + args.feed_every
    requests = {}

    def account(rules):
        left = {r["match"]: r["times"] for r in rules}
        for route, (label, times) in posted.items():
            used = times - max(left.get(route, 0), 0)
            injected[route] += used
            by_kind[label] = by_kind.get(label, 0) + used
        posted.clear()

    while not stop:
        try:
            stats = call(base, "GET", "/_admin/stats")
            account(call(base, "GET", "/_admin/faults"))
            requests = stats["by_path_prefix"]
            rules = []
            for route in ROUTES:
                n = requests.get(route.rstrip("/"), 0)
                want = min(args.burst, int(args.rate * n + 0.5) - injected[route])
                if want > 0:
                    f = FAULTS[turn[route] % len(FAULTS)]
                    turn[route] += 1
                    rule = dict(f, match=route, times=want)
                    label = f["fault"] + ("_%dms" % f["delay_ms"] if "delay_ms" in f else "")
                    posted[route] = (label, want)
                    rules.append(rule)
            call(base, "POST", "/_admin/faults", rules)
            if time.time() >= next_feed:
                next_feed += args.feed_every
                src = rnd.choice(("population", "land"))
                call(base, "POST", "/_admin/feed", {"source": src, "key": rnd.choice(keys),
                                                    "change": rnd.choice(("moved", "updated", "revoked"))})
                feeds += 1
        except OSError as e:
            sys.stderr.write("faults.py: %s\n" % e)
        time.sleep(args.tick)
    account(call(base, "GET", "/_admin/faults"))
    call(base, "DELETE", "/_admin/faults")
    requests = call(base, "GET", "/_admin/stats")["by_path_prefix"]
    with open(args.summary, "w") as f:
        json.dump({"requests": requests, "injected": injected, "by_kind": by_kind, "feed_events": feeds}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
