"""Pytest plugin loaded before Django (`-p filmarchive.testing` in pyproject.toml).

It gives tests a throwaway secret key, and when DATABASE_URL points at
PostgreSQL it checks the server answers before Django tries to create the test
database, so a missing server fails with one clear sentence, not a traceback.
"""

import os

import pytest

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests run with production settings (debug off) but speak plain HTTP to the test
# client; `make checks` runs `check --deploy` on the real production settings.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")


def pytest_configure(config):
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
