#!/usr/bin/env python
"""HTTP figures for docs/performance.md: pages' bytes on the wire in each coding, and what compressing costs.

    DATABASE_URL=postgres://…/fa_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python scripts/bench_http.py [URL …]

In one process, through the whole middleware stack (Django's test client, production
settings), for each page (by default the demo's film page):

- bytes on the wire: the status line, headers and body a client asking for no coding, for
  gzip and for Brotli gets;
- compressing the page's body in each coding, and in Brotli at other qualities;
- a kept page (a hit) sent in each coding, against compressing it at every hit, and against
  a page kept without compressed bodies (as before this existed);
- a miss: rendering, compressing in both codings and keeping, against rendering alone.

Times are p50 / p95 of this process's CPU time in milliseconds (Redis and the database work in
processes of their own): on a machine shared with other work, wall times measure the other work.
"""

import argparse
import os
import pickle
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILM = "/films/the-cranes-are-flying-1957/"
CODINGS = ("identity", "gzip", "br")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=[DEMO_FILM])
    parser.add_argument("--runs", type=int, default=1000, help="timed runs of each cheap step")
    parser.add_argument("--renders", type=int, default=100, help="timed misses (each renders the page)")
    args = parser.parse_args()

    os.environ.update(
        DJANGO_SETTINGS_MODULE="filmarchive.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_PAGE_CACHE_PREFIX=f"bench-http-{os.getpid()}",
    )
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL: hits are read from the page cache in Redis.")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--no-input", verbosity=0)  # production settings: the manifest's names
    from reviews.cache.store import get_store

    store = get_store()
    try:
        for url in args.urls:
            measure(url, args, store)
    finally:
        store.clear()


def measure(url, args, store):
    import brotli
    from django.test import Client, RequestFactory, override_settings

    from reviews.cache import encoding
    from reviews.cache.middleware import CachedPage, page_name

    clients = {coding: Client(headers={"accept-encoding": coding}) for coding in CODINGS}
    name = page_name(RequestFactory().get(url))
    store.clear()
    first = clients["br"].get(url)
    if first.status_code != 200 or first.get("X-Page-Cache") != "miss":
        sys.exit(f"{url}: {first.status_code}, X-Page-Cache {first.get('X-Page-Cache')}: not a page to keep.")
    entry = store.read(name)[0]
    page = entry.value
    body = page.bodies["identity"][0]
    print(f"\n## {url}\n")

    print("| coding | body bytes | headers bytes | on the wire | of identity |")
    print("| --- | ---: | ---: | ---: | ---: |")
    identity_wire = None
    for coding in CODINGS:
        response = clients[coding].get(url)
        headers = len(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n") + 2
        headers += sum(len(f"{key}: {value}\r\n") for key, value in response.items())
        wire = headers + len(response.content)
        identity_wire = identity_wire or wire
        print(f"| {coding} | {len(response.content):,} | {headers:,} | {wire:,} | {wire / identity_wire:.0%} |")
    print(f"\nKept in Redis: {len(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)):,} bytes with both codings.")

    print("\n| compressing the body | bytes | CPU p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    steps = [(f"gzip level {encoding.GZIP_LEVEL}", lambda: encoding.compress(body, "gzip"))]
    for quality in (4, 5, 6, 11):
        mark = " (chosen)" if quality == encoding.BROTLI_QUALITY else ""
        steps.append(
            (
                f"Brotli quality {quality}{mark}",
                lambda quality=quality: brotli.compress(body, quality=quality, mode=brotli.MODE_TEXT),
            )
        )
    for label, step in steps:
        runs = args.runs if "11" not in label else max(10, args.runs // 50)
        times, size = timed(step, runs)
        print(f"| {label} | {size:,} | {p(times, 50)} | {p(times, 95)} |")

    print("\n| a hit (the page kept), whole request | CPU p50 ms | p95 ms |")
    print("| --- | ---: | ---: |")
    for coding in CODINGS:
        times, _ = timed(lambda coding=coding: clients[coding].get(url), args.runs)
        print(f"| sent {coding}, kept compressed | {p(times, 50)} | {p(times, 95)} |")
    for coding in ("gzip", "br"):

        def hit_then_compress(coding=coding):
            return encoding.compress(clients["identity"].get(url).content, coding)

        times, _ = timed(hit_then_compress, args.runs)
        print(f"| sent {coding}, compressed at every hit | {p(times, 50)} | {p(times, 95)} |")
    plain = CachedPage(page.status, page.headers, {"identity": page.bodies["identity"]}, page.rendered_at)
    store.write(name, plain, entry.keys, store.snapshot(), 3600)
    times, _ = timed(lambda: clients["identity"].get(url), args.runs)
    print(f"| sent identity, kept without compressed bodies (before) | {p(times, 50)} | {p(times, 95)} |")

    print("\n| a miss, whole request | CPU p50 ms | p95 ms |")
    print("| --- | ---: | ---: |")

    def miss():
        store.redis.delete(store.name(name))
        return clients["br"].get(url)

    times, _ = timed(miss, args.renders)
    print(f"| rendered, compressed in both codings, kept, sent br | {p(times, 50)} | {p(times, 95)} |")
    with override_settings(PAGE_CACHE_SECONDS=0):
        times, _ = timed(lambda: clients["identity"].get(url), args.renders)
    print(f"| rendered with the page cache off: nothing compressed, read or kept | {p(times, 50)} | {p(times, 95)} |")
    both, _ = timed(lambda: [encoding.compress(body, coding) for coding in encoding.CODINGS], args.runs)
    print(f"\nCompressing in both codings, alone: p50 {p(both, 50)} ms, p95 {p(both, 95)} ms.")


def timed(step, runs):
    step()  # warm
    times = []
    for _ in range(runs):
        started = time.thread_time()
        result = step()
        times.append((time.thread_time() - started) * 1000)
    return times, len(result) if isinstance(result, bytes) else 0


def p(times, percentile):
    return f"{statistics.quantiles(times, n=100, method='inclusive')[percentile - 1]:.2f}"


if __name__ == "__main__":
    main()
