import time

from django.core.management.base import BaseCommand
from django.db import connection

from reviews import search


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the data: put back any missing search trigger or index and "
        "recompute every entry. The database keeps the index current on every write, bulk loads "
        "included; this is for after writes that went around it (triggers disabled, a table rebuilt "
        "by a migration on SQLite)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        search.rebuild_index()
        self.stdout.write(
            f"Search index rebuilt on {connection.vendor} in {time.monotonic() - started:.1f} s.",
        )
