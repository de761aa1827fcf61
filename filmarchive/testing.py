"""Pytest plugin loaded before Django (`-p filmarchive.testing` in pyproject.toml).

It gives tests a throwaway secret key, and checks that the servers the tests talk to
answer before Django starts, so that a missing one fails with one clear sentence, not a
traceback:

- PostgreSQL, when DATABASE_URL points at it (the tests create their own database);
- Redis, for the page cache (REDIS_URL, by default database 15 of the local server).
  Without it, outside CI (CI=true), the page cache's tests are skipped, each saying why,
  and a warning ends the run; in CI a missing Redis is a failure.
"""

import os

import pytest

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests run with production settings (debug off) but speak plain HTTP to the test
# client; `make checks` runs `check --deploy` on the real production settings.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_problem():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "REDIS_URL is empty."
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {url} (from REDIS_URL): {str(error).rstrip('.')}."
    return ""


# Checked as this plugin loads, before Django reads its settings.
REDIS_MISSING = _redis_problem()  # why the page cache's tests cannot run, when they cannot
if REDIS_MISSING:
    os.environ["REDIS_URL"] = ""  # the site without a page cache, as it runs without Redis


def pytest_configure(config):
    _check_postgres()
    if REDIS_MISSING and os.environ.get("CI") == "true":
        pytest.exit(f"{REDIS_MISSING}\nIn CI the page cache's tests must run: start Redis.", returncode=78)


def pytest_terminal_summary(terminalreporter):
    if REDIS_MISSING:
        terminalreporter.write_sep("#", "WARNING: the page cache's tests DID NOT RUN", red=True, bold=True)
        terminalreporter.write_line(f"{REDIS_MISSING} Start Redis (redis-server) or set REDIS_URL, then run again.")


def _check_postgres():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg2

    db = dj_database_url.parse(url)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"],
            port=db["PORT"] or 5432,
            connect_timeout=5,
        ).close()
    except psycopg2.OperationalError as error:
        pytest.exit(
            f"PostgreSQL is not reachable at {db['HOST']}:{db['PORT'] or 5432} "
            f"(from DATABASE_URL): {str(error).strip()}\n"
            "Start the server or point DATABASE_URL at one; the tests create their own database.",
            returncode=75,  # EX_TEMPFAIL: the Makefile tells it apart from failing tests
        )
