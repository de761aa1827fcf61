"""manage.py without the production environment: one line saying what to set, never a traceback."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

COMMANDS = [["import_reviews", "--help"], ["migrate"], ["check", "--deploy"], ["export_archive", "--help"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command))
def test_a_command_without_the_production_variables_says_what_to_set(command):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "manage.py: set the DJANGO_SECRET_KEY environment variable "
        "(production settings; for local use, set DJANGO_DEBUG=true)."
    ]
