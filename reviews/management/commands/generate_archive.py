import time

from django.core.management.base import BaseCommand, CommandError

from reviews.generation import DEFAULT_REVIEWS, DEFAULT_SEED, GenerationRefused, generate_archive


class Command(BaseCommand):
    help = (
        "Generate a large, realistic, synthetic archive for benchmarks (never part of the demo): by default "
        f"{DEFAULT_REVIEWS:,} reviews with 100,000 films, 300,000 people, 1,000,000 credits, 50 festivals of 70 "
        "editions and 20,000 tags; --reviews N scales everything in proportion. It only writes to an empty "
        "archive, or with --force replaces one it generated itself that nobody has changed since; an editor's "
        "archive is never touched. The same --reviews and --seed give the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reviews",
            type=int,
            default=DEFAULT_REVIEWS,
            help=f"How many reviews; everything else scales with it. Default: {DEFAULT_REVIEWS:,}.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed. Default: {DEFAULT_SEED}.")
        parser.add_argument(
            "--force", action="store_true", help="Replace an untouched archive that this command generated."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, reviews, seed, force, no_progress, **options):
        if reviews < 1:
            raise CommandError("--reviews must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must be 0 or more.")
        progress = None if no_progress else ProgressBar(self.stderr)
        try:
            result = generate_archive(reviews, seed=seed, force=force, on_progress=progress)
        except GenerationRefused as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            for phase in result.phases:
                rows = f"{phase.rows:>12,} rows" if phase.rows else " " * 17
                self.stdout.write(f"  {phase.name:<24}{rows}  {phase.seconds:8.1f} s")
            for name, seconds in result.slowest_indexes:
                self.stdout.write(f"  index {name:<50} {seconds:8.1f} s")
        self.stdout.write(self.style.SUCCESS(result.summary()))


class ProgressBar:
    """A text progress bar per phase on a terminal (redrawn at most five times a second);
    elsewhere (a log file) one line per finished phase."""

    width = 30

    def __init__(self, stream):
        self.stream = stream
        self.is_terminal = stream.isatty()
        self.phase = self.finished = None
        self.phase_started = self.drawn_at = 0.0

    def __call__(self, phase, done, total):
        now = time.monotonic()
        if phase == self.finished:
            return
        if phase != self.phase:
            self.phase, self.phase_started, self.drawn_at = phase, now, 0.0
        finished = done >= total
        if finished:
            self.finished = phase
        if not finished and (not self.is_terminal or now - self.drawn_at < 0.2):
            return
        self.drawn_at = now
        elapsed = now - self.phase_started
        if self.is_terminal:
            filled = self.width * done // max(total, 1)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"\r{phase:<18} [{bar}] {done:>10,}/{total:,} {elapsed:7.1f} s"
            # Plain text: stderr's default style would paint the bar as an error.
            self.stream.write(line, style_func=str, ending="\n" if finished else "")
        elif finished:
            self.stream.write(f"{phase:<18} {total:>10,} done in {elapsed:7.1f} s", style_func=str)
        self.stream.flush()
