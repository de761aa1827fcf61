#!/usr/bin/env python
"""A flood of wrong passwords against the public site's throughput (docs/editors.md, "Signing in").

Serves the site as `make bench` does (gunicorn, 3 workers, debug off, PostgreSQL), loads a
public page with wrk at concurrency 16, uncached, alone; then again while 8 more connections
post wrong passwords to /admin/login/ as fast as they are answered. django-axes pauses the
address after a few failures and refuses the rest before any password is hashed, so the
page should keep most of its throughput (target: 80 %).

    .venv/bin/python scripts/bench_signin.py [--url /films/] [--seconds 10]
"""

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the server and the measure of make bench)

FLOOD_CONNECTIONS = 8
FLOOD_LUA = """
wrk.method = "POST"
wrk.body = "csrfmiddlewaretoken={token}&username=editor-under-attack&password=wrong-{n}&next=/admin/"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken={cookie}"
"""


def csrf(port):
    """A CSRF cookie and form token from the sign-in page, as the attacker's script would take them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return cookie, token


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", bench.DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", bench.DEFAULT_REDIS_URL))
    parser.add_argument("--url", default="/films/", help="the public page measured (uncached)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    measure = SimpleNamespace(seconds=args.seconds, warmup=2.0, concurrency=16, workers=3, redis_url=args.redis_url)

    env = {**bench.production_env(args.database_url, args.redis_url), "DJANGO_PAGE_CACHE_SECONDS": "0"}
    bench.manage(env, "migrate", "--no-input", "-v0")
    bench.manage(env, "collectstatic", "--no-input", "-v0")
    bench.manage(env, "axes_reset")
    print(bench.machine_line(measure))
    with bench.Server(env, args.port, 3) as server:
        alone = server.measure(args.url, measure)
        cookie, token = csrf(args.port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(FLOOD_LUA.format(token=token, cookie=cookie, n=os.getpid()))
        flood = subprocess.Popen(
            [
                "wrk",
                "-t1",
                f"-c{FLOOD_CONNECTIONS}",
                f"-d{round(args.seconds + measure.warmup + 8)}s",
                "--timeout=30s",
                "-s",
                script.name,
                f"http://127.0.0.1:{args.port}/admin/login/",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)  # the first wrong passwords are hashed; the pause follows within a few
        during = server.measure(args.url, measure)
        flood_output = flood.communicate()[0]
        os.unlink(script.name)
    bench.manage(env, "axes_reset")

    posted = float(re.search(r"Requests/sec:\s+([\d.]+)", flood_output)[1])
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", flood_output)
    total = int(re.search(r"(\d+) requests in", flood_output)[1])
    share = during.requests_per_second / alone.requests_per_second
    print(f"\n| {args.url}, uncached | req/s | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, result in (("alone", alone), (f"while {FLOOD_CONNECTIONS} connections post wrong passwords", during)):
        p50, p95 = result.percentile(50), result.percentile(95)
        print(f"| {name} | {result.requests_per_second:,.0f} | {p50:.1f} | {p95:.1f} |")
    print(f"\nThroughput kept: {share:.0%} (target: 80 %).")
    print(
        f"Wrong passwords posted: {total:,} ({posted:,.0f}/s), "
        f"{int(refused[1]) if refused else 0:,} of them refused with 429 (paused)."
    )


if __name__ == "__main__":
    main()
