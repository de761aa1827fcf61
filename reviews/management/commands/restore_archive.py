from django.core.management.base import BaseCommand, CommandError

from reviews.backup import BackupError, open_for_reading, restore_archive
from reviews.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Load a file written by export_archive into this database, which must be empty and migrated "
        "(`manage.py migrate` and nothing else): the same records with the same ids, tags and history. "
        "All or nothing: a damaged or truncated file, or a record the database refuses, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A file written by export_archive (.jsonl or .jsonl.gz).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, file, no_progress, **options):
        show_progress = not no_progress and self.stderr.isatty()
        try:
            with open_for_reading(file) as stream:
                result = restore_archive(
                    stream, on_progress=ProgressBar(self.stderr, "records") if show_progress else None
                )
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except BackupError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.total:,} records ({result.counts.get('reviews.review', 0):,} reviews) from {file}."
            )
        )
