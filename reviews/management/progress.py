"""The progress bar of the long-running commands (import_reviews, export_archive, restore_archive)."""

import time

# Short runs finish before a bar would be worth drawing.
MIN_TOTAL = 200


class ProgressBar:
    """A one-line progress bar on a command's stderr, redrawn at most ten times a second."""

    width = 30

    def __init__(self, stream, unit="files"):
        self.stream = stream
        self.unit = unit
        self.drawn_at = 0.0

    def __call__(self, done, total):
        if not total or total <= MIN_TOTAL:
            return
        now = time.monotonic()
        if done < total and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        done = min(done, total)
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r[{bar}] {done:,}/{total:,} {self.unit} ({100 * done // total}%)"
        # Plain text: stderr's default style would paint the bar as an error.
        self.stream.write(line, style_func=str, ending="\n" if done >= total else "")
        self.stream.flush()
