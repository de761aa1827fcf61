import os

from django.core.management.base import BaseCommand, CommandError

from reviews.backup import export_archive, open_for_writing
from reviews.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Write the whole archive — records, tags, edit history, groups and editors' accounts — to FILE, one "
        "JSON record per line (gzip-compressed when FILE ends in .gz). restore_archive loads it into an empty "
        "database, exactly. Editors' password hashes are left out unless --with-passwords is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="Where to write, e.g. archive-2026-12-04.jsonl.gz")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Include the editors' password hashes (keep such a file as safe as the database).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, file, with_passwords, no_progress, **options):
        show_progress = not no_progress and self.stderr.isatty()
        # Written under another name first: a file with the final name is always complete.
        partial = f"{file}.partial"
        try:
            with open_for_writing(partial, compressed=file.endswith(".gz")) as stream:
                counts = export_archive(
                    stream,
                    with_passwords=with_passwords,
                    on_progress=ProgressBar(self.stderr, "records") if show_progress else None,
                )
            os.replace(partial, file)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}.") from error
        finally:
            if os.path.exists(partial):
                os.remove(partial)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(counts.values()):,} records ({counts['reviews.review']:,} reviews, "
                f"{counts['reversion.version']:,} versions of history) to {file}."
            )
        )
