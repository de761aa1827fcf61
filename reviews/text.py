"""Turning stored review text into safe HTML paragraphs and plain-text excerpts.

A review body is kept exactly as received. In the IMDb format the only markup is
`<br />`, written in many ways (`<br>`, `<BR/>`, runs of several, with spaces
around); everything else that looks like markup is text the author typed and is
shown literally.
"""

import re

from django.utils.html import format_html_join
from django.utils.text import Truncator

# One or more line breaks, with any whitespace around or between them, in any case.
LINE_BREAKS = re.compile(r"(?:\s*<br\s*/?\s*>\s*)+", re.IGNORECASE)


def split_paragraphs(body):
    """The paragraphs of a stored text, stripped, with empty ones dropped."""
    return [paragraph for paragraph in (part.strip() for part in LINE_BREAKS.split(body or "")) if paragraph]


def render_paragraphs(body):
    """The text as `<p>` elements: each paragraph is escaped first, then wrapped.

    format_html_join escapes every argument, so `<script>` in a review comes
    out as `&lt;script&gt;`; nothing from the stored text is ever marked safe.
    """
    return format_html_join("\n", "<p>{}</p>", ((paragraph,) for paragraph in split_paragraphs(body)))


def plain_excerpt(body, words=50):
    """A short plain-text excerpt for listings: line breaks become spaces, then truncate on a word."""
    text = " ".join(split_paragraphs(body))
    return Truncator(text).words(words, truncate="…")
