#!/usr/bin/env python
"""Search benchmark: p50 and p95 server time per kind of query, on the database in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fa_bench .venv/bin/python scripts/bench_search.py

Four kinds of query, at least 100 different ones each, drawn with a fixed seed from
the archive itself (a sample of review texts and of people's names):

    common word      the most frequent words of the sampled reviews, stop words left out
    rare word        a word of 7+ letters found in only one sampled review
    phrase           two adjacent words of a sampled review, in quotes
    misspelled name  the longest word (8+ letters) of a person's name, one inner letter changed

Each query is requested twice through Django's request handler (no network, no page
cache; everything the server does: middleware, view, every SQL query, template): once
as the visitor's search box sends it (/search/?q=..., every kind of result), and once
for the kind of result it is about (&kind=reviews, or &kind=people for names). A
separate warm-up round of other queries runs first. It prints p50, p95 and max per
kind and page, the SQL queries per request, and how many queries found something
(for names: found the person whose name was misspelled, among the first 20).

Run it while nothing else loads the machine: the figures are per request, single client.
"""

import argparse
import os
import platform
import random
import re
import secrets
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmarchive.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"  # measure the search, not the page cache

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reviews.models import Person, Review  # noqa: E402

# PostgreSQL's English stop words (they find nothing there) and a few more of the commonest words.
STOP_WORDS = set(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own s same she should so some
    such t than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with you your yours
    yourself yourselves would could also""".split()
)
WORD = re.compile(r"[^\W\d_]+")
REVIEW_COUNT = re.compile(r'id="results-reviews">Reviews <span class="count">([\d,+]+)</span>')
SAMPLE_REVIEWS = 2000
SAMPLE_PEOPLE = 400


def sample_rows(queryset, count, rng):
    """About `count` rows picked at random by id (no ORDER BY random() over a million rows)."""
    ids = queryset.order_by("pk").values_list("pk", flat=True)
    first, last = ids.first(), queryset.order_by("-pk").values_list("pk", flat=True).first()
    if first is None:
        sys.exit("The database has no rows to draw queries from: generate an archive first.")
    wanted = rng.sample(range(first, last + 1), min(count * 2, last - first + 1))
    return list(queryset.filter(pk__in=wanted)[:count])


def draw_queries(count, rng):
    texts = [
        review.body.replace("<br />", " ")
        for review in sample_rows(Review.objects.published().only("body"), SAMPLE_REVIEWS, rng)
    ]
    document_frequency = {}
    for text in texts:
        for word in {word.lower() for word in WORD.findall(text)}:
            document_frequency[word] = document_frequency.get(word, 0) + 1
    by_frequency = sorted(document_frequency, key=lambda word: (-document_frequency[word], word))
    common = [word for word in by_frequency if word not in STOP_WORDS and len(word) >= 3][: count * 2]
    rare = sorted(word for word, df in document_frequency.items() if df == 1 and len(word) >= 7)
    phrases = set()
    for text in texts:
        words = WORD.findall(text.lower())
        for first, second in zip(words, words[1:], strict=False):
            if first not in STOP_WORDS and second not in STOP_WORDS and min(len(first), len(second)) >= 3:
                phrases.add(f'"{first} {second}"')
    misspelled = []
    for person in sample_rows(Person.objects.only("name", "slug"), SAMPLE_PEOPLE, rng):
        longest = max(WORD.findall(person.name), key=len, default="")
        if len(longest) >= 8:
            position = rng.randrange(1, len(longest) - 1)
            letter = rng.choice([char for char in "aeiourstnlmk" if char != longest[position].lower()])
            misspelled.append((longest[:position] + letter + longest[position + 1 :], person.get_absolute_url()))

    def pick(items):
        chosen = rng.sample(sorted(items), min(len(items), count * 2))
        return chosen[:count], chosen[count:]  # measured, warm-up

    return {
        "common word": pick(common),
        "rare word": pick(rare),
        "phrase": pick(phrases),
        "misspelled name": pick(misspelled),
    }


def measure(client, query, kind):
    """(milliseconds, SQL queries, the page's HTML) for one request."""
    url = "/search/?" + urlencode({"q": query, **({"kind": kind} if kind else {})})
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed, len(queries), response.content.decode()


def median_count(labels):
    """The median of result counts such as "12" and "1,000+" (capped counts sort last)."""
    ordered = sorted(labels, key=lambda label: (label.endswith("+"), int(label.rstrip("+").replace(",", ""))))
    return ordered[len(ordered) // 2]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=120, help="different queries per kind (default 120)")
    parser.add_argument("--seed", type=int, default=1957)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    client = Client()
    started = time.perf_counter()
    queries = draw_queries(args.queries, rng)
    print(
        f"Search benchmark on {connection.vendor} ({connection.settings_dict['NAME']}): "
        f"{Review.objects.count():,} reviews, {Person.objects.count():,} people; "
        f"{platform.node()}, {os.cpu_count()} cores, {date.today()}; "
        f"queries drawn in {time.perf_counter() - started:.1f} s; load average {os.getloadavg()[0]:.1f}"
    )

    for kind, (_, warm_up) in queries.items():
        for query in warm_up:
            text = query[0] if kind == "misspelled name" else query
            measure(client, text, None)

    header = (
        f"{'query kind':<16} {'page':<10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL':>7}  "
        f"{'found':>7}  reviews found (median)"
    )
    print(header)
    print("-" * len(header))
    for kind, (measured, _) in queries.items():
        focus = "people" if kind == "misspelled name" else "reviews"
        for page in (None, focus):
            times, sql_counts, found, review_counts = [], set(), 0, []
            for query in measured:
                text, person_url = query if kind == "misspelled name" else (query, None)
                elapsed, sql_count, html = measure(client, text, page)
                times.append(elapsed)
                sql_counts.add(sql_count)
                found += f'href="{person_url}"' in html if person_url else 'class="card review-card"' in html
                review_count = REVIEW_COUNT.search(html)
                review_counts.append(review_count[1] if review_count else "0")
            print(
                f"{kind:<16} {page or 'all kinds':<10} {len(times):>4} {percentile(times, 0.5):>8.1f} "
                f"{percentile(times, 0.95):>8.1f} {max(times):>8.1f} {'/'.join(map(str, sorted(sql_counts))):>7}  "
                f"{f'{found}/{len(times)}':>7}  {median_count(review_counts)}"
            )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} (other work on the machine slows every figure).")
    print(
        "found: queries that found at least one review; for names, the misspelled person among the "
        "people shown (the first 6 on 'all kinds', the first 20 on 'people')."
    )


if __name__ == "__main__":
    main()
