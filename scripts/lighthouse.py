#!/usr/bin/env python
"""`make lighthouse`: Lighthouse's four scores for the home, film, review, person and edition pages.

The demo archive (`manage.py load_demo`) is loaded into a fresh SQLite database under
var/lighthouse/ and served as `make serve` serves the site: gunicorn, debug off, whitenoise's
compressed and hashed static files. Lighthouse runs through npx at a pinned version (not in
package.json: CI does not run it, and it would add a few hundred megabytes to every `npm ci`),
in Debian's Chromium, headless, with its default settings (a mobile phone on a throttled
network), three times per page as Lighthouse's docs advise: the table gives each category's
median, and the performance scores' range. The median run's reports go to
var/lighthouse/<page>.report.json and .html; every audit that cost a category points is listed.

Lighthouse slows the CPU down 4 times, which makes a phone of a fast desktop (its benchmark
index about 1,500). On a slower or busy machine that makes a slower phone than intended, and
Lighthouse warns so. `--calibrate` sets the slowdown from the index Lighthouse measures here,
as its throttling guide (docs/throttling.md, CPU throttling) and calculator do.

    .venv/bin/python scripts/lighthouse.py [--only film,review] [--runs 3] [--calibrate] [-- LIGHTHOUSE OPTIONS]

Options after `--` go to Lighthouse as they are (`-- --preset=desktop`).
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import served_env

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "lighthouse"
LIGHTHOUSE = "lighthouse@12.8.2"  # the last release for Node.js 20 (13 needs Node.js 22)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated page names: home, film, review, person, edition")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIGHTHOUSE_PORT", "8767")))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the table gives the medians")
    parser.add_argument("--calibrate", action="store_true", help="CPU slowdown from this machine's benchmark index")
    parser.add_argument("lighthouse_options", nargs="*", help="passed on to Lighthouse (after --)")
    args = parser.parse_args()
    if not shutil.which("npx"):
        sys.exit("make lighthouse needs npx (Node.js): apt-get install nodejs npm.")
    if not os.path.exists(CHROMIUM):
        sys.exit(f"make lighthouse needs Chromium ({CHROMIUM}): apt-get install chromium.")

    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "archive.sqlite3"
    for stale in OUT.glob("archive.sqlite3*"):
        stale.unlink()
    env = production_env(f"sqlite:///{database}")
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    pages = pick_pages()
    if args.only:
        pages = {name: url for name, url in pages.items() if name in args.only.split(",")}

    base = f"http://127.0.0.1:{args.port}"
    options = list(args.lighthouse_options)
    with serving(env, args.port):
        if args.calibrate:
            index = run_lighthouse("calibration", f"{base}/", options)["environment"]["benchmarkIndex"]
            options.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown(index):.1f}")
            print(f"benchmark index {index:.0f}: CPU slowdown {cpu_slowdown(index):.1f}", flush=True)
        results = {name: measure(name, f"{base}{url}", args.runs, options) for name, url in pages.items()}

    reports = [report for result in results.values() for report in result.reports]
    settings, indexes = reports[0]["configSettings"], [report["environment"]["benchmarkIndex"] for report in reports]
    print(f"\nLighthouse {reports[0]['lighthouseVersion']}, {reports[0]['environment']['hostUserAgent']}")
    print(
        f"{settings['formFactor']}, CPU slowdown {settings['throttling']['cpuSlowdownMultiplier']:g}, benchmark index "
        f"{min(indexes):.0f} to {max(indexes):.0f}, medians of {args.runs} run(s); reports in var/lighthouse/\n"
    )
    print(table(pages, results))
    for warning in sorted({warning for report in reports for warning in report["runWarnings"]}):
        print(f"  Lighthouse: {warning}")
    for name, result in results.items():
        for line in points_lost(result.median):
            print(f"  {name}: {line}")


@dataclass
class Result:
    """A page's runs: each category's median score, and the run whose performance score is the median."""

    reports: list

    def scores(self, category):
        return [round(report["categories"][category]["score"] * 100) for report in self.reports]

    def median_score(self, category):
        return statistics.median_low(self.scores(category))

    @property
    def median(self):
        return self.reports[self.scores("performance").index(self.median_score("performance"))]


def measure(name, url, runs, options):
    """Lighthouse `runs` times on the page; the median run's reports kept as var/lighthouse/<name>.report.*."""
    print(f"== {name}: {url}", flush=True)
    result = Result([run_lighthouse(f"{name}-{run}", url, options) for run in range(1, runs + 1)])
    kept = f"{name}-{result.reports.index(result.median) + 1}"
    for suffix in ("json", "html"):
        shutil.copyfile(OUT / "runs" / f"{kept}.report.{suffix}", OUT / f"{name}.report.{suffix}")
    return result


def production_env(database_url):
    """What `make serve` sets, on the given database, without the page cache."""
    # No page cache: a page kept by an earlier run would hide a template changed since.
    return {**served_env(database_url), "REDIS_URL": ""}


def pick_pages():
    """Addresses of the five pages, chosen in the demo archive: the most reviewed film, its first
    review, its director, and the edition with the most films selected."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, Q

    from reviews.models import Credit, Edition, Film, Review

    film = Film.objects.annotate(n=Count("reviews", filter=Q(reviews__in=Review.objects.published()))).latest("n")
    review = film.reviews.published().select_related("film").order_by("published_at", "pk").first()
    director = film.credits.filter(role=Credit.Role.DIRECTOR).select_related("person").first().person
    edition = (
        Edition.objects.select_related("festival").annotate(n=Count("sections__selections")).order_by("-n", "pk")[0]
    )
    pages = {
        "home": "/",
        "film": film.get_absolute_url(),
        "review": review.get_absolute_url(),
        "person": director.get_absolute_url(),
        "edition": edition.get_absolute_url(),
    }
    connection.close()
    return pages


class serving:
    """gunicorn serving the site as `make serve` does, for the length of a with block."""

    def __init__(self, env, port):
        self.env, self.port = env, port

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        command = [str(gunicorn), "filmarchive.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env
        )  # 2 workers: Lighthouse asks one page at a time
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                sys.exit("gunicorn stopped before it served a page: see above.")
            time.sleep(0.2)
        self.__exit__()
        sys.exit(f"gunicorn did not answer on port {self.port}.")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def run_lighthouse(name, url, options):
    chrome_flags = "--headless=new --no-sandbox"  # root, in a container: Chromium's sandbox cannot start
    command = ["npx", "--yes", LIGHTHOUSE, url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={chrome_flags}"]
    command += [f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html", "--quiet"]
    command += [f"--output-path={OUT / 'runs' / name}", *options]
    (OUT / "runs").mkdir(exist_ok=True)
    # Lighthouse now and then loses its own trace (NO_NAVSTART): that run is made again, once.
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        print(f"Lighthouse failed on {name}: running it again.", file=sys.stderr)
        subprocess.run(command, cwd=ROOT, check=True)
    return json.loads((OUT / "runs" / f"{name}.report.json").read_text())


def cpu_slowdown(benchmark_index):
    """The CPU slowdown that makes this machine Lighthouse's reference phone, by the table of
    Lighthouse's CPU throttling calculator: index 150 is 1x, 800 is 2x, 1300 is 3x, each 233 more is 1x more."""
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1, 1 + (benchmark_index - 150) / 650)


def points_lost(report):
    """Each weighted audit that did not pass, as "category: audit title (score)"."""
    lines = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = f", {audit['displayValue']}" if audit.get("displayValue") else ""
                lines.append(f"{key}: {audit['title']} ({audit['score']:.2f}{value})")
    return lines


def table(pages, results):
    lines = [
        "| page | address | performance | accessibility | best practices | SEO |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, url in pages.items():
        result = results[name]
        low, high = min(result.scores("performance")), max(result.scores("performance"))
        scores = [f"{result.median_score(key)}" for key in CATEGORIES]
        if low != high:
            scores[0] += f" ({low}–{high})"
        lines.append(f"| {name} | `{url}` | {' | '.join(scores)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
