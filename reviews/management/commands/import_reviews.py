from django.core.management.base import BaseCommand, CommandError

from reviews.importing import DEFAULT_BATCH_SIZE, DEFAULT_SOURCE, ReviewImportError, import_reviews
from reviews.management.progress import ProgressBar


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
        parser.add_argument(
            "--max-bytes",
            type=int,
            help="Refuse a file larger than this. Default: settings.REVIEW_MAX_BYTES (1 MiB unless "
            "DJANGO_REVIEW_MAX_BYTES says otherwise).",
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
                max_bytes=options["max_bytes"],
                on_progress=ProgressBar(self.stderr) if show_progress else None,
            )
        except ReviewImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))
