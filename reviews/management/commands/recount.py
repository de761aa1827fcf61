import time

from django.core.management.base import BaseCommand

from reviews import counting


class Command(BaseCommand):
    help = (
        "Recount what the database keeps counted (each film's published reviews, each tag's films and "
        "published reviews) from the rows, and put back any missing counting trigger. The triggers keep "
        "the counts on every write; this is for after writes that went around them."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        counting.install()
        counting.recount()
        self.stdout.write(f"Counts recomputed in {time.monotonic() - started:.1f} s.")
