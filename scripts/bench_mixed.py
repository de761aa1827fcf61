"""The mixed workload of `make bench`: visitors over many real pages while an editor saves.

Visitors ask for 10,000 real addresses of every page type, chosen by a Zipf law (the
address of rank r is asked for in proportion to 1/r: the home page and the lists first,
then films, people, reviews, tags, editions in a shuffled order), at concurrency 16,
through wrk and a Lua script. Meanwhile an editor saves one record a second (a film's
title, a person's name or a review's headline, in turn) through the ORM in a transaction,
as the admin does, and right after each save asks for the pages showing the record,
checking that none still shows the old value.

Before the measured run every address is asked for once, so the page cache starts full,
as on a site that has been running: what the run measures is the cache under edits.
Each edited value is put back at the end.
"""

import html
import random
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

URLS = 10_000
ZIPF_LUA = """
local paths, cdf = {}, {}
init = function(args)
  local total = 0
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
    total = total + 1 / #paths
    cdf[#cdf + 1] = total
  end
  for i = 1, #cdf do cdf[i] = cdf[i] / total end
  math.randomseed(tonumber(args[2]))
end
request = function()
  local u, lo, hi = math.random(), 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end
"""


def pick_urls(count=URLS, seed=1):
    """`count` real addresses, most popular first: the home page and lists, then entity pages shuffled."""
    from django.db.models import Q

    from reviews.models import Edition, Festival, Film, Person, Review, TagUse
    from reviews.presentation import tag_url

    rng = random.Random(seed)
    lists = ["/", "/films/", "/reviews/", "/people/", "/tags/", "/festivals/", "/films/?sort=reviews"]
    lists += [f"/films/?decade={decade}" for decade in range(1950, 2030, 10)]
    lists += [f"/people/?letter={letter}" for letter in "ABCDEFGHIJKLMNOPRSTV"]
    shares = {"film": 0.35, "review": 0.25, "person": 0.2, "tag": 0.12, "edition": 0.08}
    left = count - len(lists)
    entity_urls = []
    films = Film.objects.filter(published_review_count__gt=0).order_by("?").only("slug")[: int(left * shares["film"])]
    entity_urls += [film.get_absolute_url() for film in films]
    reviews = Review.objects.published().select_related("film").only("slug", "film__slug").order_by("?")
    entity_urls += [review.get_absolute_url() for review in reviews[: int(left * shares["review"])]]
    people = Person.objects.filter(Q(credits__isnull=False)).distinct().only("slug").order_by("?")
    entity_urls += [person.get_absolute_url() for person in people[: int(left * shares["person"])]]
    tags = TagUse.objects.in_use().order_by("?")[: int(left * shares["tag"])]
    entity_urls += [tag_url(use.slug) for use in tags]
    editions = Edition.objects.select_related("festival").order_by("?")[: left - len(entity_urls)]
    entity_urls += [edition.get_absolute_url() for edition in editions]
    entity_urls += [festival.get_absolute_url() for festival in Festival.objects.all()][
        : max(0, left - len(entity_urls))
    ]
    rng.shuffle(entity_urls)
    return [quote(url, safe="/?=&+%") for url in (lists + entity_urls)[:count]]


@dataclass
class EditorReport:
    saves: int = 0
    checked_pages: int = 0
    stale_pages: list = field(default_factory=list)
    save_ms: list = field(default_factory=list)


class Editor(threading.Thread):
    """One save a second, in turn a film's title, a person's name, a review's headline; after each, the
    pages that show the record are asked for and must show the new value."""

    def __init__(self, server, urls, seconds):
        super().__init__(daemon=True)
        self.server, self.seconds = server, seconds
        self.report = EditorReport()
        self.originals = []  # (model, pk, field, value) to put back
        self.targets = self._targets(urls)

    @staticmethod
    def _targets(urls):
        """Records whose pages are among the visitors' addresses, so that they are cached when saved."""
        from reviews.models import Credit, Film, Person, Review

        film_slugs = [url.split("/")[2] for url in urls if url.startswith("/films/") and url.count("/") == 3]
        review_slugs = [tuple(url.split("/")[i] for i in (2, 4)) for url in urls if "/reviews/" in url[7:]]
        person_slugs = [url.split("/")[2] for url in urls if url.startswith("/people/") and url.count("/") == 3]
        films = list(Film.objects.filter(slug__in=film_slugs[:200]))
        people = list(Person.objects.filter(slug__in=person_slugs[:200]))
        reviews = [
            Review.objects.select_related("film").get(film__slug=film, slug=slug) for film, slug in review_slugs[:200]
        ]
        credits = {
            credit.film_id: credit.person for credit in Credit.objects.filter(film__in=films).select_related("person")
        }
        return {"film": films, "person": people, "review": reviews, "credits": credits}

    def run(self):
        kinds = ["film", "person", "review"]
        deadline = time.monotonic() + self.seconds
        number = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            kind = kinds[number % 3]
            record = self.targets[kind][(number // 3) % len(self.targets[kind])]
            pages = self._pages(kind, record)
            for url in pages:  # cached before the save: the check then tells a purge from a miss
                self.server.get(url)
            value = self._save(kind, record, number)
            for url in pages:
                status, _, content = self.server.get_content(url)
                self.report.checked_pages += 1
                if html.escape(value) not in content:
                    self.report.stale_pages.append(url)
            number += 1
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))

    def _pages(self, kind, record):
        from reviews.models import Credit

        if kind == "film":
            pages = [record.get_absolute_url()]
            person = self.targets["credits"].get(record.pk)
            if person:
                pages.append(person.get_absolute_url())  # the filmography lists the film
            return [quote(url) for url in pages]
        if kind == "person":
            pages = [record.get_absolute_url()]
            credit = Credit.objects.filter(person=record).select_related("film").first()
            if credit:
                pages.append(credit.film.get_absolute_url())  # the credits name the person
            return [quote(url) for url in pages]
        return [quote(record.get_absolute_url())]

    def _save(self, kind, record, number):
        from django.db import transaction

        field_name = {"film": "title", "person": "name", "review": "headline"}[kind]
        original = getattr(record, field_name)
        self.originals.append((type(record), record.pk, field_name, original))
        value = f"{original.split(' [edit ')[0]} [edit {number}]"
        started = time.perf_counter()
        with transaction.atomic():  # as the admin saves: the purge runs once it commits
            type(record).objects.filter(pk=record.pk).update(**{field_name: value})
        self.report.save_ms.append((time.perf_counter() - started) * 1000)
        self.report.saves += 1
        return value

    def put_back(self):
        from django.db import transaction

        with transaction.atomic():
            for model, pk, field_name, value in reversed(self.originals):
                model.objects.filter(pk=pk).update(**{field_name: value})


def prefill(server, urls, threads=6):
    """Ask for every address once, so the cache starts full."""
    queue = list(urls)
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                url = queue.pop()
            server.get(url)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def run(server, urls, args, seconds):
    """The mixed workload against a running server: (wrk's requests/s, log lines of the run, editor report)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-mixed-"))
    (folder / "urls.txt").write_text("\n".join(urls) + "\n")
    (folder / "zipf.lua").write_text(ZIPF_LUA)
    editor = Editor(server, urls, seconds)
    start = server.log.stat().st_size
    editor.start()
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{args.concurrency}",
            f"-d{round(seconds)}s",
            "--timeout=60s",
            "-s",
            str(folder / "zipf.lua"),
            f"http://127.0.0.1:{server.port}",
            "--",
            str(folder / "urls.txt"),
            str(args.seed),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    editor.join()
    editor.put_back()
    with server.log.open() as log:
        log.seek(start)
        lines = log.readlines()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    return rate, lines, editor.report
