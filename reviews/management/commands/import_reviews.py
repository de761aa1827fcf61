import time

from django.core.management.base import BaseCommand, CommandError

from reviews.importing import DEFAULT_BATCH_SIZE, DEFAULT_SOURCE, ReviewImportError, import_reviews

# Short runs finish before a bar would be worth drawing.
PROGRESS_MIN_FILES = 200


class Command(BaseCommand):
    help = (
        "Import reviews in the IMDb user-review format (one UTF-8 file per review). PATH is a single file "
        "(name its film with --imdb-id or --film unless it sits in an aclImdb pos/ or neg/ directory), an "
        "aclImdb split directory (pos/, neg/ and their urls files) or the aclImdb top directory (train/ and "
        "test/). All or nothing: a bad file stops the import and nothing is written. Running it again "
        "imports nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Review file or aclImdb directory.")
        film = parser.add_mutually_exclusive_group()
        film.add_argument(
            "--imdb-id",
            help="The film of every file, e.g. tt0050634; a placeholder film is created if none has this id.",
        )
        film.add_argument("--film", metavar="SLUG", help="The film of every file, by its slug (it must exist).")
        parser.add_argument("--source", default=DEFAULT_SOURCE, help=f'Source name. Default: "{DEFAULT_SOURCE}".')
        parser.add_argument("--publish", action="store_true", help="Publish the reviews now (default: drafts).")
        parser.add_argument(
            "--tag", dest="tags", action="extend", nargs="+", default=[], metavar="TAG", help="Tag every review."
        )
        parser.add_argument("--language", default="en", help="BCP 47 tag of the texts. Default: en.")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per insert. Default: {DEFAULT_BATCH_SIZE}.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, paths, **options):
        show_progress = not options["no_progress"] and self.stderr.isatty()
        try:
            result = import_reviews(
                paths,
                imdb_id=options["imdb_id"],
                film_slug=options["film"],
                source_name=options["source"],
                publish=options["publish"],
                tags=options["tags"],
                language=options["language"],
                batch_size=options["batch_size"],
                on_progress=ProgressBar(self.stderr) if show_progress else None,
            )
        except ReviewImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))


class ProgressBar:
    """A one-line progress bar for long runs, redrawn at most ten times a second."""

    width = 30

    def __init__(self, stream):
        self.stream = stream
        self.drawn_at = 0.0

    def __call__(self, done, total):
        if total <= PROGRESS_MIN_FILES:
            return
        now = time.monotonic()
        if done < total and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r[{bar}] {done:,}/{total:,} files ({100 * done // total}%)"
        # Plain text: stderr's default style would paint the bar as an error.
        self.stream.write(line, style_func=str, ending="\n" if done >= total else "")
        self.stream.flush()
