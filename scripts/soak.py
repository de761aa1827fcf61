#!/usr/bin/env python
"""Under load, nothing lost: 60 s at concurrency 64 while an editor saves through the admin and an import runs.

Against the production set-up on loopback (gunicorn with 3 workers, debug off, PostgreSQL,
Redis), on a scratch database of its own (`fa_soak`, made afresh: migrated and filled with
`generate_archive --reviews 20000`):

- visitors: wrk at concurrency 64 over 5,000 real addresses of every page type, by a Zipf
  law (scripts/bench_mixed.py), the page cache on and filled first;
- an editor signed in through /admin/login/ saves films through the admin's change form,
  as a browser does (the hidden opened state included), one after another;
- `manage.py import_reviews` imports an aclImdb tree of 2,000 files meanwhile.

Then it checks: no socket error, no 5xx; every save answered by a redirect and its value
in the database; every imported review present; the workers' memory before and after.

    .venv/bin/python scripts/soak.py [--seconds 60] [--concurrency 64]
"""

import argparse
import http.client
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
import bench_import  # noqa: E402
import bench_mixed  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/fa_soak"
IMPORTED_FILES = 2000
PASSWORD = "soak-editor-password-1957"


class Browser:
    """An HTTP client that keeps cookies, as the editor's browser does."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, url, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, url, body=body, headers=headers)
            response = connection.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location", ""), response.read().decode("utf-8", "replace")
        finally:
            connection.close()


class Editor(threading.Thread):
    """Saves films' runtimes through the admin's change form until told to stop."""

    def __init__(self, port, film_ids):
        super().__init__(daemon=True)
        self.browser = Browser(port)
        self.film_ids = film_ids
        self.stop = threading.Event()
        self.saved = {}  # film id → the runtime last saved
        self.refused = []  # (film id, status) of saves not answered by a redirect
        self.save_seconds = []

    def sign_in(self):
        from reviews.tests.browser_forms import form_fields

        _, _, page = self.browser.request("GET", "/admin/login/")
        data = {**form_fields(page), "username": "soak-editor", "password": PASSWORD}
        status, location, _ = self.browser.request("POST", "/admin/login/?next=/admin/", data)
        if status != 302:
            sys.exit(f"The editor could not sign in (HTTP {status}).")

    def run(self):
        from reviews.tests.browser_forms import form_fields

        self.sign_in()
        number = 0
        while not self.stop.is_set():
            film_id = self.film_ids[number % len(self.film_ids)]
            url = f"/admin/reviews/film/{film_id}/change/"
            started = time.perf_counter()
            status, _, page = self.browser.request("GET", url)
            data = form_fields(page, "film_form")
            runtime = 60 + number % 120
            data["runtime_minutes"] = str(runtime)
            status, location, _ = self.browser.request("POST", url, data)
            self.save_seconds.append(time.perf_counter() - started)
            if status == 302:
                self.saved[film_id] = runtime
            else:
                self.refused.append((film_id, status))
            number += 1


def worker_rss_mb(master_pid):
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return sorted(sizes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()

    env = {**bench.production_env(args.database_url, args.redis_url), "DJANGO_PAGE_CACHE_PREFIX": "soak"}
    os.environ.update(env)
    print(f"Making {bench_import.database_name(args.database_url)} afresh …", flush=True)
    bench_import.recreate_database(args.database_url, env)  # and migrates it
    bench.manage(env, "collectstatic", "--no-input", "-v0")
    bench.manage(env, "generate_archive", "--reviews", "20000", "--no-progress", "-v0")

    import django

    sys.path.insert(0, str(bench.ROOT))
    django.setup()
    from django.contrib.auth.models import Group, User

    from reviews.models import Film, Review

    editor = User.objects.create_user("soak-editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    film_ids = list(Film.objects.order_by("?").values_list("pk", flat=True)[:300])
    urls = bench_mixed.pick_urls(count=5000, seed=2)
    tree = Path(tempfile.mkdtemp(prefix="soak-import-")) / "aclImdb"
    bench_import.write_tree(tree, IMPORTED_FILES, random.Random(7))
    reviews_before = Review.objects.count()

    print(bench.machine_line(argparse.Namespace(workers=3, **vars(args))))
    with bench.Server(env, args.port, 3) as server:
        bench_mixed.prefill(server, urls)
        rss_before = worker_rss_mb(server.process.pid)
        folder = Path(tempfile.mkdtemp(prefix="soak-"))
        (folder / "urls.txt").write_text("\n".join(urls) + "\n")
        (folder / "zipf.lua").write_text(bench_mixed.ZIPF_LUA)
        start = server.log.stat().st_size
        visitors = subprocess.Popen(
            ["wrk", "-t2", f"-c{args.concurrency}", f"-d{round(args.seconds)}s", "--timeout=30s"]
            + ["-s", str(folder / "zipf.lua"), f"http://127.0.0.1:{args.port}", "--", str(folder / "urls.txt"), "3"],
            stdout=subprocess.PIPE,
            text=True,
        )
        saver = Editor(args.port, film_ids)
        saver.start()
        time.sleep(5)
        imported = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "import_reviews",
                str(tree),
                "--publish",
                "--source",
                "Soak",
                "--no-progress",
            ],
            cwd=bench.ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        visitors_output = visitors.communicate()[0]
        saver.stop.set()
        saver.join()
        rss_after = worker_rss_mb(server.process.pid)
        with server.log.open() as log:
            log.seek(start)
            statuses, server_ms, hits = {}, [], 0
            for line in log:
                status, micros, cache, _ = line.split(maxsplit=3)
                statuses[status] = statuses.get(status, 0) + 1
                server_ms.append(int(micros) / 1000)
                hits += cache == "hit"

    lost = {pk: value for pk, value in saver.saved.items() if Film.objects.get(pk=pk).runtime_minutes != value}
    imported_now = Review.objects.count() - reviews_before
    socket_errors = re.search(r"Socket errors: (.*)", visitors_output)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", visitors_output)[1])
    server_errors = sum(count for status, count in statuses.items() if status.startswith("5"))

    print("\n| soak | value |\n| --- | ---: |")
    print(f"| visitors' requests | {sum(statuses.values()):,} in {args.seconds:g} s, {rate:,.0f} req/s |")
    print(f"| statuses | {', '.join(f'{status}: {count:,}' for status, count in sorted(statuses.items()))} |")
    server_ms.sort()
    p50, p95 = server_ms[len(server_ms) // 2], server_ms[len(server_ms) * 95 // 100]
    print(f"| server time p50 / p95 | {p50:.1f} / {p95:.1f} ms; {hits / len(server_ms):.1%} from the page cache |")
    print(f"| socket errors | {socket_errors[1] if socket_errors else 'none'} |")
    print(f"| 5xx | {server_errors} |")
    print(
        f"| editor's saves through the admin | {len(saver.save_seconds)} "
        f"({len(saver.refused)} not saved), {1000 * sorted(saver.save_seconds)[len(saver.save_seconds) // 2]:.0f} ms "
        "median for the form and its save |"
    )
    print(f"| saved values missing afterwards | {len(lost)} of {len(saver.saved)} films |")
    print(
        f"| import during the run | {imported_now:,} of {IMPORTED_FILES:,} reviews present "
        f"(exit {imported.returncode}: {imported.stdout.strip() or imported.stderr.strip()[-200:]}) |"
    )
    print(
        f"| workers' memory before / after, MB | {' '.join(f'{size:.0f}' for size in rss_before)} / "
        f"{' '.join(f'{size:.0f}' for size in rss_after)} |"
    )
    failed = (
        server_errors or socket_errors or lost or saver.refused or imported.returncode or imported_now != IMPORTED_FILES
    )
    print("\nNothing lost." if not failed else "\nSOMETHING WAS LOST OR FAILED: see above.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
