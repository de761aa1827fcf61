#!/usr/bin/env python
"""Import throughput: aclImdb-format trees of 10,000, 25,000 and 50,000 files into PostgreSQL.

Writes the trees into a temporary directory (texts of IMDb-like length: median about
170 words, a long tail to 2,000, paragraphs joined by `<br /><br />`, each film
reviewed by up to 30 files as in aclImdb), then imports each into an empty scratch
database with `reviews.importing.import_reviews`, in a fresh process so that its peak
RSS is the import's own. Memory is flat when the peak does not grow with the files.
It also prints the CPU seconds of the importing process and of its PostgreSQL backend
(read from /proc when the server is local): an import whose wall time is near the
backend's CPU time is bound by the database, and the load average before and after
each size says how much the machine's other work took.

The importer keeps no edit history (docs/editors.md). What it would cost is measured
too: after each import, a version of every imported review (with its tag links) is
recorded with reviews.history.record(), as the admin would, in a transaction then
rolled back.

    .venv/bin/python scripts/bench_import.py [--sizes 10000,25000,50000] [--database-url URL]

The scratch database (BENCH_IMPORT_DATABASE_URL, default fa_import_bench on the local
server) is dropped and created for each size.
"""

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fa_import_bench"
REVIEWS_PER_FILM = 30  # aclImdb's cap per film
WORDS = (
    "the a of and to in is it that this film movie was as with for but his her on are one all by an be "
    "not at who they from so like there have its just about out has what more if some when very good "
    "story time even would can only see character characters really well much also my get which first "
    "people other been great because into most how make made way could then acting plot scene scenes "
    "director camera war love life years never after where little best ever man both end watch over "
    "think something still while those these many may seen performance cast actors music two before "
    "through being thing actually real another any feel work should few going quite yet between lives "
    "cranes flying soviet thaw black white silence memory river train station mother letter screen"
).split()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,25000,50000")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: import one tree in this process
    args = parser.parse_args()
    if args.run:
        return import_one(args.run)

    sizes = [int(size) for size in args.sizes.split(",")]
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "filmarchive.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
    }
    print(f"{time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores · load average {os.getloadavg()[0]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        for size in sizes:
            tree = Path(folder) / f"aclImdb-{size}"
            words = write_tree(tree, size, random.Random(size))
            recreate_database(args.database_url, env)
            load_before = os.getloadavg()[0]
            completed = subprocess.run(
                [sys.executable, __file__, "--run", str(tree)], env=env, cwd=ROOT, capture_output=True, text=True
            )
            if completed.returncode:
                sys.exit(completed.stderr)
            result = json.loads(completed.stdout.splitlines()[-1])
            result["load"] = f"{load_before:.1f}–{os.getloadavg()[0]:.1f}"
            rows.append((size, words, result))
            print(
                f"{size:>7,} files ({words / size:,.0f} words on average): {result['imported']:,} reviews in "
                f"{result['seconds']:.1f} s = {result['reviews_per_second']:,.0f} reviews/s; peak RSS "
                f"{result['peak_rss_mb']:.0f} MB ({result['baseline_rss_mb']:.0f} MB before importing); CPU s: "
                f"importer {result['python_cpu']:.1f}, database {_seconds(result['database_cpu'])}; "
                f"load average {result['load']}; a version of each review would add "
                f"{result['history_seconds']:.1f} s ({result['history_seconds'] / result['seconds']:.0%})",
                flush=True,
            )
            drop_database(args.database_url)

    print(
        "\n| files | reviews/s | seconds | peak RSS MB | RSS before import MB | importer CPU s | database CPU s "
        "| load average | history would add s |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for size, _, result in rows:
        print(
            f"| {size:,} | {result['reviews_per_second']:,.0f} | {result['seconds']:.1f} | "
            f"{result['peak_rss_mb']:.0f} | {result['baseline_rss_mb']:.0f} | {result['python_cpu']:.1f} | "
            f"{_seconds(result['database_cpu'])} | {result['load']} | {result['history_seconds']:.1f} |"
        )


def _seconds(value):
    return "?" if value is None else f"{value:.1f}"


def review_text(rng):
    """An IMDb-like review: lognormal length (median ~170 words, tail to 2,000), a few paragraphs."""
    length = min(2000, max(10, int(rng.lognormvariate(5.14, 0.75))))
    words = rng.choices(WORDS, k=length)
    paragraphs, start = [], 0
    while start < length:
        end = min(length, start + rng.randint(40, 160))
        sentence = " ".join(words[start:end])
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
        start = end
    return "<br /><br />".join(paragraphs), length


def write_tree(top, files, rng):
    """An aclImdb tree of `files` files, spread over train/ and test/, pos/ and neg/."""
    total_words = 0
    next_film = 50_000
    folders = [(split, label) for split in ("train", "test") for label in ("pos", "neg")]
    for number, (split, label) in enumerate(folders):
        ratings = (7, 8, 9, 10) if label == "pos" else (1, 2, 3, 4)
        folder = top / split / label
        folder.mkdir(parents=True)
        urls = []
        film_left = 0
        for file_id in range(files // 4 + (number < files % 4)):
            if not film_left:
                next_film += 1
                film_left = rng.randint(1, REVIEWS_PER_FILM)
            film_left -= 1
            text, words = review_text(rng)
            total_words += words
            (folder / f"{file_id}_{rng.choice(ratings)}.txt").write_text(text)
            urls.append(f"http://www.imdb.com/title/tt{next_film:07d}/usercomments\n")
        (top / split / f"urls_{label}.txt").write_text("".join(urls))
    return total_words


def recreate_database(url, env):
    drop_database(url)
    psql(url, f'CREATE DATABASE "{database_name(url)}"')
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)


def drop_database(url):
    psql(url, f'DROP DATABASE IF EXISTS "{database_name(url)}"')


def database_name(url):
    return url.rsplit("/", 1)[1].split("?")[0]


def psql(url, statement):
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(
        ["psql", maintenance, "-qc", statement],
        check=True,
        env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"},
    )


def import_one(tree):
    """In the child process: import the tree, print one JSON line with the figures."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from reviews.importing import import_reviews

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    before = resource.getrusage(resource.RUSAGE_SELF), backend_cpu(backend)
    result = import_reviews([tree], publish=True)
    after = resource.getrusage(resource.RUSAGE_SELF), backend_cpu(backend)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    history_seconds = history_cost()
    print(
        json.dumps(
            {
                "imported": result.imported,
                "seconds": result.seconds,
                "reviews_per_second": result.reviews_per_second,
                "baseline_rss_mb": baseline / 1024,
                "peak_rss_mb": peak / 1024,
                "python_cpu": sum(getattr(after[0], f) - getattr(before[0], f) for f in ("ru_utime", "ru_stime")),
                "database_cpu": None if before[1] is None else after[1] - before[1],
                "history_seconds": history_seconds,
            }
        )
    )


def history_cost():
    """Seconds to record a version of every imported review, as the admin would (rolled back)."""
    import itertools

    from django.db import transaction

    from reviews import history
    from reviews.models import Review

    with transaction.atomic():
        started = time.perf_counter()
        reviews = Review.objects.order_by("pk").prefetch_related("taggedreview_set").iterator(chunk_size=1000)
        for batch in itertools.batched(reviews, 1000):
            history.record(batch, comment="Imported.")
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def backend_cpu(pid):
    """User and system CPU seconds of a local PostgreSQL backend, or None when it is not readable."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
