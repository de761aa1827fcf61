#!/usr/bin/env python
"""`make bench`: every page type served as in production, measured at concurrency 16.

The site runs under gunicorn with debug off, whitenoise's hashed static files and the
PostgreSQL database in BENCH_DATABASE_URL (the large archive `generate_archive`
builds). URLs are picked from that database: the person with the most credits, the
most used tag and its last page, and so on. Each page is loaded with wrk for a fixed
time, twice: with the page cache off (every request renders) and on (anonymous
visitors). The fixed page of filmarchive/floor.py, the floor, is measured the same way
right before each page, and each page's requests/s are given as a share of it.

Server time is what gunicorn logs as the request's duration (%(D)s: from reading the
request to writing the response), so the load generator sharing the machine's cores
does not count in it; requests per second are wrk's. wrk rather than a Python client
because a Python client doing thousands of requests a second needs most of a core of
its own, taken from the server it measures.

    .venv/bin/python scripts/bench.py [--seconds 10] [--only film,tag-last]
"""

import argparse
import http.client
import math
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fa_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/2"  # the page cache lives in Redis
LOG_FORMAT = "%(s)s %(D)s %({x-page-cache}o)s %(U)s?%(q)s"
GUNICORN_TIMEOUT = 30  # gunicorn's default, as `make serve` runs it
# Uncached, a page slower than this is requested once, not loaded at concurrency 16: a
# minute of queued renders would measure nothing more and delay every page after it.
SLOW_SECONDS = 5
FLOOR_URL = "/bench/floor/"
APPLICATION_NAME = "fa-bench"
SEARCH_WORD = "film"  # a common word in review texts


@dataclass
class Page:
    name: str
    url: str
    note: str = ""


@dataclass
class Result:
    requests_per_second: float | None = None  # None: not load-tested (see note)
    server_ms: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    cache_hits: int = 0
    note: str = ""

    def percentile(self, p):
        if len(self.server_ms) < 2:
            return self.server_ms[0] if self.server_ms else math.nan
        return statistics.quantiles(self.server_ms, n=100, method="inclusive")[p - 1]

    def summary(self):
        if self.requests_per_second is None:
            return self.note
        parts = [f"{len(self.server_ms)} requests"]
        if self.cache_hits:
            parts.append(f"{self.cache_hits} from the cache")
        if set(self.statuses) != {"200"}:
            parts.append(f"statuses {self.statuses}")
        if self.note:
            parts.append(self.note)
        return (
            f"p50 {self.percentile(50):7.1f} ms  p95 {self.percentile(95):7.1f} ms  "
            f"{self.requests_per_second:8.1f} req/s  ({', '.join(parts)})"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before each measurement")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (make serve uses 3)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8765")))
    parser.add_argument("--only", help="comma-separated page names to measure (the floor is always measured), or mixed")
    parser.add_argument("--mixed-seconds", type=float, default=60.0, help="length of the mixed workload's run")
    parser.add_argument("--seed", type=int, default=1, help="the mixed workload's choice of addresses")
    parser.add_argument(
        "--accept-encoding",
        default="",
        help="the Accept-Encoding pages are asked with (a browser's: 'gzip, deflate, br'); none by default",
    )
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("make bench needs the load generator wrk: apt-get install wrk (Debian/Ubuntu), brew install wrk.")

    env = production_env(args.database_url, args.redis_url)
    os.environ.update(env)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    pages = pick_pages()
    wanted = set(args.only.split(",")) if args.only else None
    if wanted:
        pages = [page for page in pages if page.name in wanted]
    floor = Page("floor", FLOOR_URL, "fixed page, no database; measured again before every page")

    print(machine_line(args))
    for page in [floor, *pages]:
        print(f"  {page.name:<14} {page.url}  {page.note}")

    results, floors = {}, {}
    for mode, page_cache_seconds in (("uncached", "0"), ("cached", "3600")) if pages else ():
        print(f"\n== {mode}: page cache {'off' if page_cache_seconds == '0' else 'on'} ==")
        page_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": page_cache_seconds}
        with Server(page_env, args.port, args.workers, args.accept_encoding) as server:
            for page in pages:
                # The floor right before each page: the machine's other work drifts, and a
                # ratio to a floor measured minutes earlier would carry that drift.
                floors[mode, page.name] = server.measure(FLOOR_URL, args, seconds=max(3, args.seconds / 2))
                results[mode, page.name] = result = server.measure(page.url, args)
                print(
                    f"  {page.name:<14} {result.summary()}  [floor {floors[mode, page.name].requests_per_second:.0f}"
                    " req/s]",
                    flush=True,
                )
    mixed = None
    if wanted is None or "mixed" in wanted:
        mixed = run_mixed(env, args)
    print(f"\nload average after: {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)\n")
    if pages:
        print(table(pages, results, floors))
    if mixed:
        print("\n" + mixed)


def run_mixed(env, args):
    """The mixed workload (scripts/bench_mixed.py): many pages by a Zipf law while an editor saves."""
    import bench_mixed

    urls = bench_mixed.pick_urls(seed=args.seed)
    print(f"\n== mixed: {len(urls):,} addresses by a Zipf law at concurrency {args.concurrency}, a save a second ==")
    with Server({**env, "DJANGO_PAGE_CACHE_SECONDS": "3600"}, args.port, args.workers) as server:
        started = time.monotonic()
        bench_mixed.prefill(server, urls)
        print(f"  every address asked for once (the cache starts full) in {time.monotonic() - started:.0f} s")
        rate, lines, report = bench_mixed.run(server, urls, args, args.mixed_seconds)
    times, hits, statuses = [], 0, {}
    for line in lines:
        status, micros, cache, _ = line.split(maxsplit=3)
        if cache == "-" and status == "200" and FLOOR_URL in line:
            continue
        times.append(int(micros) / 1000)
        hits += cache == "hit"
        statuses[status] = statuses.get(status, 0) + 1
    result = Result(rate, times, statuses, hits)
    stale = f"{len(report.stale_pages)} ({', '.join(report.stale_pages[:3])})" if report.stale_pages else "0"
    return "\n".join(
        [
            "| mixed workload | value |",
            "| --- | ---: |",
            f"| requests | {len(times):,} in {args.mixed_seconds:g} s, {rate:.0f} req/s |",
            f"| server time p50 / p95 | {result.percentile(50):.1f} / {result.percentile(95):.1f} ms |",
            f"| cache hit ratio | {hits / len(times):.1%} |",
            f"| statuses | {', '.join(f'{status}: {count:,}' for status, count in sorted(statuses.items()))} |",
            f"| editor saves | {report.saves} (median {statistics.median(report.save_ms):.1f} ms to commit, purge) |",
            f"| pages checked after a save / showing the old value | {report.checked_pages} / {stale} |",
        ]
    )


def served_env(database_url):
    """What `make serve` sets (debug off, a real secret, plain HTTP on this machine), on the given
    database; scripts/lighthouse.py serves with it too."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "filmarchive.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
    }


def production_env(database_url, redis_url):
    """What `make serve` sets, pointed at the benchmark database and Redis, with the floor on."""
    url = urlsplit(database_url)
    # Named, so that queries orphaned by a killed worker can be told apart and cancelled.
    query = urlencode({**dict(parse_qsl(url.query)), "application_name": APPLICATION_NAME})
    return {
        **served_env(urlunsplit(url._replace(query=query))),
        "DJANGO_BENCH_FLOOR": "true",
        "REDIS_URL": redis_url,
        "DJANGO_PAGE_CACHE_PREFIX": "bench",
    }


def manage(env, *command):
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def pick_pages():
    """Real URLs of every page type, chosen from the benchmark database."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, F, Func
    from taggit.models import Tag

    from reviews.cache import purging
    from reviews.models import (
        Credit,
        Edition,
        Festival,
        Film,
        Person,
        Review,
        Selection,
        TaggedFilm,
        TaggedReview,
        TagUse,
    )
    from reviews.presentation import film_json_url, review_json_url, tag_url
    from reviews.sitemaps import LIMIT
    from reviews.views import films as film_views
    from reviews.views import tags as tag_views

    if not Review.objects.exists():
        sys.exit("The benchmark database has no reviews: run `manage.py generate_archive` against it first.")
    purging.purge_everything()  # pages and figures kept by an earlier run start afresh

    pages = [Page("home", "/")]
    film_count = Film.objects.count()
    last = max(1, math.ceil(film_count / film_views.FILMS_PER_PAGE))
    pages += [
        Page("films", "/films/", f"{film_count:,} films"),
        Page("films-deep", f"/films/?page={last}", "the last page"),
    ]

    # The kind of film page the targets talk about: ~30 credits and 10+ published reviews.
    reviewed = (
        Review.objects.published().order_by().values("film").annotate(n=Count("pk")).filter(n__gte=10).values("film")
    )
    film_credits = (
        Credit.objects.filter(film__in=reviewed)
        .order_by()
        .values("film")
        .annotate(n=Count("pk"))
        .order_by(Func(F("n") - 30, function="ABS"), "film")
        .first()
    )
    film = Film.objects.get(pk=film_credits["film"]) if film_credits else Film.objects.order_by("pk").first()
    film_reviews = film.reviews.published().count()
    pages.append(
        Page("film", film.get_absolute_url(), f"{film_credits and film_credits['n']} credits, {film_reviews} reviews")
    )
    pages.append(Page("film-json", film_json_url(film.slug), "the film page's facts as JSON"))

    busiest = Credit.objects.order_by().values("person").annotate(n=Count("pk")).order_by("-n").first()
    person = Person.objects.get(pk=busiest["person"])
    pages.append(Page("person", person.get_absolute_url(), f"{busiest['n']:,} credits"))

    pages += [
        Page("people", "/people/", f"{Person.objects.count():,} people"),
        Page("people-last", "/people/?page=last"),
    ]
    pages.append(Page("festivals", "/festivals/", f"{Festival.objects.count():,} festivals"))
    festival = Festival.objects.annotate(n=Count("editions")).order_by("-n", "pk").first()
    if festival:
        pages.append(Page("festival", festival.get_absolute_url(), f"{festival.n} editions"))

    edition = Selection.objects.order_by().values("section__edition").annotate(n=Count("pk")).order_by("-n").first()
    if edition:
        edition_obj = Edition.objects.select_related("festival").get(pk=edition["section__edition"])
        pages.append(Page("edition", edition_obj.get_absolute_url(), f"{edition['n']} films selected"))

    published = Review.objects.published().count()
    pages += [
        Page("reviews", "/reviews/", f"{published:,} published"),
        Page("reviews-last", "/reviews/?page=last", "the last page"),
    ]
    review = Review.objects.published().select_related("film").order_by("-published_at", "-pk").first()
    pages.append(Page("review", review.get_absolute_url(), f"{len(review.body.split()):,} words"))
    pages.append(Page("review-json", review_json_url(review.film.slug, review.slug), "as JSON"))

    tag_count = TagUse.objects.in_use().count()
    pages += [
        Page("tags", "/tags/", f"{tag_count:,} tags"),
        Page("tags-deep", "/tags/?sort=name&page=last", "the last page by name"),
    ]

    uses = {}
    for model in (TaggedReview, TaggedFilm):
        for tag_id, n in model.objects.order_by().values_list("tag").annotate(n=Count("pk")).order_by("-n")[:50]:
            uses[tag_id] = uses.get(tag_id, 0) + n
    top, second = (Tag.objects.get(pk=pk) for pk in sorted(uses, key=uses.get, reverse=True)[:2])
    tag_films = TaggedFilm.objects.filter(tag=top).count()
    tag_reviews = Review.objects.published().filter(
        pk__in=TaggedReview.objects.filter(tag=top).values("content_object")
    )
    tag_reviews = tag_reviews.count()
    last_films = max(1, math.ceil(tag_films / tag_views.FILMS_PER_PAGE))
    last_reviews = max(1, math.ceil(tag_reviews / tag_views.REVIEWS_PER_PAGE))
    top_url = tag_url(top.slug)
    pages += [
        Page("tag", top_url, f"{tag_films + tag_reviews:,} items"),
        Page("tag-last", f"{top_url}?films_page={last_films}&reviews_page={last_reviews}", "last pages"),
        Page("two-tags", tag_url(top.slug, second.slug), f"{top.name} + {second.name}"),
    ]

    pages.append(Page("search", f"/search/?q={SEARCH_WORD}", "a common word"))

    # Sitemaps: the index reads the last id of each section; a page, one range of ids.
    last_review = Review.objects.published().order_by("-pk").values_list("pk", flat=True).first()
    pages += [
        Page("sitemap-index", "/sitemap.xml", "six sections"),
        Page("sitemap-reviews", "/sitemap-reviews.xml", f"ids up to {LIMIT:,}"),
        Page("sitemap-reviews-last", f"/sitemap-reviews.xml?p={math.ceil(last_review / LIMIT)}", "the last page"),
    ]
    connection.close()
    return pages


class Server:
    """gunicorn serving the site as `make serve` does, logging each request's duration."""

    def __init__(self, env, port, workers, accept_encoding=""):
        self.env, self.port, self.workers = env, port, workers
        # Sent with the pages (wrk and the warm-up), not with the floor, which is never compressed.
        self.accept_encoding = accept_encoding
        self.log = Path(tempfile.mkstemp(prefix="bench-access-", suffix=".log")[1])

    def __enter__(self):
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "filmarchive.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--access-logfile={self.log}",
            f"--access-logformat={LOG_FORMAT}",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get(FLOOR_URL)
                return self
            except OSError:
                if self.process.poll() is not None:
                    sys.exit("gunicorn did not start (see above).")
                time.sleep(0.2)
        self.__exit__()
        sys.exit("gunicorn did not answer within 30 s.")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.unlink(missing_ok=True)

    def headers(self, url):
        return {"Accept-Encoding": self.accept_encoding} if self.accept_encoding and url != FLOOR_URL else {}

    def get(self, url, timeout=120):
        """GET `url` to the end: (status, X-Page-Cache header, seconds)."""
        started = time.perf_counter()
        status, cache, _ = self.get_content(url, timeout)
        return status, cache, time.perf_counter() - started

    def get_content(self, url, timeout=120):
        """GET `url`: (status, X-Page-Cache header, the page as text, if it came unencoded)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", url, headers=self.headers(url))
            response = connection.getresponse()
            return response.status, response.getheader("X-Page-Cache"), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def measure(self, url, args, seconds=None):
        try:
            status, _, render_seconds = self.get(url)
        except (OSError, http.client.HTTPException):
            cancel_orphaned_queries()
            self.drain(0)
            return Result(note=f"no answer: killed at gunicorn's {GUNICORN_TIMEOUT} s worker timeout")
        if status == 404:
            return Result(note="404: page not found (not built yet?)")
        if render_seconds > SLOW_SECONDS and self.env["DJANGO_PAGE_CACHE_SECONDS"] == "0":
            return Result(
                server_ms=[render_seconds * 1000], note=f"one request took {render_seconds:.1f} s: not load-tested"
            )
        self.warm(url, args.warmup, args.concurrency)
        start = self.log.stat().st_size
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{args.concurrency}",
                f"-d{max(1, round(seconds or args.seconds))}s",
                "--timeout=60s",
                *(arg for name, value in self.headers(url).items() for arg in ("-H", f"{name}: {value}")),
                f"http://127.0.0.1:{self.port}{url}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.drain(render_seconds)
        result = Result(float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]))
        with self.log.open() as log:
            log.seek(start)
            for line in log:
                status, micros, cache, logged_url = line.split(maxsplit=3)
                if logged_url.strip().removesuffix("?") != unquote(url):
                    continue  # a request of the page before, finished late
                result.server_ms.append(int(micros) / 1000)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                result.cache_hits += cache == "hit"
        if errors := re.search(r"Socket errors: (.*)", output):
            result.note = f"socket errors: {errors[1]}"
        return result

    def warm(self, url, seconds, concurrency):
        """Load `url` for `seconds` with every request completed (nothing left queued), so that
        every worker has rendered it (and, cache on, stored it) and the database has it in memory."""
        deadline = time.monotonic() + seconds

        def load():
            while time.monotonic() < deadline:
                self.get(url)

        threads = [threading.Thread(target=load) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def drain(self, render_seconds):
        """Wait for what wrk left queued: until the floor answers at once, then one render more."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if self.get(FLOOR_URL)[2] < 0.05:
                    break
            except (OSError, http.client.HTTPException):
                time.sleep(1)
        time.sleep(min(render_seconds, GUNICORN_TIMEOUT) + 0.2)


def cancel_orphaned_queries():
    """PostgreSQL runs on when gunicorn kills a worker: stop its query, or it loads the next pages."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND state = 'active' AND pid <> pg_backend_pid()",
            [APPLICATION_NAME],
        )
    connection.close()


def machine_line(args):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown CPU",
    )
    return (
        f"{time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores ({cpu}) · gunicorn {args.workers} sync workers · "
        f"wrk 1 thread, {args.concurrency} connections, {args.seconds:g} s per page · "
        f"page cache: Redis ({args.redis_url}) · Accept-Encoding: {args.accept_encoding or 'none'} · "
        f"load average before: {os.getloadavg()[0]:.2f}"
    )


def table(pages, results, floors):
    rows = [
        "| page | uncached p50 ms | p95 ms | req/s | × floor | cached p50 ms | p95 ms | req/s | × floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    floor_row = ["floor"]
    for mode in ("uncached", "cached"):
        measured = [result for (in_mode, _), result in floors.items() if in_mode == mode]
        median = statistics.median(result.requests_per_second for result in measured)
        p50 = statistics.median(result.percentile(50) for result in measured)
        p95 = statistics.median(result.percentile(95) for result in measured)
        floor_row += [f"{p50:.1f}", f"{p95:.1f}", f"{median:.0f}", "100%"]
    rows.append("| " + " | ".join(floor_row) + " |")
    notes = []
    for page in pages:
        cells = [page.name]
        for mode in ("uncached", "cached"):
            result = results[mode, page.name]
            if result.requests_per_second is None:
                cells += [f"{result.server_ms[0] / 1000:.1f} s" if result.server_ms else "—", "", "—", "—"]
                notes.append(f"{page.name}, {mode}: {result.note}.")
                continue
            rate = result.requests_per_second
            cells += [
                f"{result.percentile(50):.1f}",
                f"{result.percentile(95):.1f}",
                f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}",
                f"{rate / floors[mode, page.name].requests_per_second:.1%}",
            ]
        rows.append("| " + " | ".join(cells) + " |")
    notes.append(
        "× floor: requests/s as a share of the floor's, measured just before the page in the same server "
        "(the floor row: medians of those runs)."
    )
    return "\n".join(rows) + "\n\n" + "\n".join(notes)


if __name__ == "__main__":
    main()
