#!/usr/bin/env python3
"""Fault injector of make soak (tools/soak.sh): makes RATE of the requests
of every route of the mock national services (tools/mock_national.py) fail,
through the mock's own /_admin/faults rules, and feeds the sources' change
feeds while the soak runs.

For every route it posts one rule per kind of FAULTS, each taking a share q
of the requests that reach it, drawn by the mock for each request: the
first rule that draws its fault answers, so 1 - (1 - q)^len(FAULTS) = RATE.
On SIGTERM it reads how many requests each rule took, removes every rule,
writes its summary (JSON: requests and faults per route and per kind) and
exits.
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


def label(rule):
    return rule["fault"] + ("_%dms" % rule["delay_ms"] if rule["fault"] == "delay" else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--rate", type=float, default=0.10)
    ap.add_argument("--feed-keys", required=True, help="file of population keys the soak uses")
    ap.add_argument("--feed-every", type=float, default=2.0)
    ap.add_argument("--summary", required=True)
    args = ap.parse_args()
    base = "http://127.0.0.1:%d" % args.port
    keys = [k.strip() for k in open(args.feed_keys) if k.strip()]
    rnd = random.Random(17)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    q = 1 - (1 - args.rate) ** (1.0 / len(FAULTS))
    call(base, "POST", "/_admin/faults",
         [dict(f, match=route, probability=q) for route in ROUTES for f in FAULTS])
    feeds = 0
    while not stop:
        try:
            src = rnd.choice(("population", "land"))
            call(base, "POST", "/_admin/feed", {"source": src, "key": rnd.choice(keys),
                                                "change": rnd.choice(("moved", "updated", "revoked"))})
            feeds += 1
        except OSError as e:
            sys.stderr.write("faults.py: %s\n" % e)
        time.sleep(args.feed_every)
    rules = call(base, "GET", "/_admin/faults")
    call(base, "DELETE", "/_admin/faults")
    injected = {r: 0 for r in ROUTES}
    by_kind = {}
    for r in rules:
        injected[r["match"]] += r["hits"]
        by_kind[label(r)] = by_kind.get(label(r), 0) + r["hits"]
    requests = call(base, "GET", "/_admin/stats")["by_path_prefix"]
    with open(args.summary, "w") as f:
        json.dump({"requests": requests, "injected": injected, "by_kind": by_kind, "feed_events": feeds}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
