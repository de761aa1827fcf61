from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reviews import downloads
from reviews.management.progress import ProgressBar
from reviews.models.common import is_web_url


class Command(BaseCommand):
    help = (
        "Write the bulk download of everything public — films, people, festivals, editions, published reviews "
        "with their text, tags — as gzip-compressed JSON Lines to the downloads storage, and offer it at "
        "/data/archive.jsonl.gz in place of the previous one (docs/data.md). Run it again whenever: readers "
        "always get a whole file, and the same archive gives the same file. Drafts and scheduled reviews are "
        "never in it (for a backup of everything, see export_archive)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The site's public address, for the records' addresses (default: DJANGO_SITE_URL).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            metavar="N",
            help="At most N records of each type: to try the command on part of a large archive.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, site_url, limit, no_progress, **options):
        if not site_url or not is_web_url(site_url):
            raise CommandError(
                "Give the site's public address, e.g. --site-url https://films.example.org (or set DJANGO_SITE_URL)."
            )
        if limit is not None and limit < 1:
            raise CommandError("--limit takes a number of records, 1 or more.")
        show_progress = not no_progress and self.stderr.isatty()
        try:
            download = downloads.export(
                site_url, limit=limit, on_progress=ProgressBar(self.stderr, "records") if show_progress else None
            )
        except OSError as error:
            raise CommandError(f"Writing the download failed: {error.strerror or error}.") from error
        counts = ", ".join(f"{kind}: {count:,}" for kind, count in download.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {download.record_count:,} records ({counts}), {download.size:,} bytes, as {download.file_name}."
            )
        )
