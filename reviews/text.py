"""Turning stored review text into safe HTML paragraphs and plain-text excerpts.

A review body is kept exactly as received. In the IMDb format the only markup is
`<br />`, written in many ways (`<br>`, `<BR/>`, `</br>`, runs of several, with spaces
around); everything else that looks like markup is text the author typed and is
shown literally. A blank line also ends a paragraph, as editors type in the admin.
"""

import re

from django.utils.html import format_html_join
from django.utils.text import Truncator

LINE_BREAK = r"<\s*/?\s*br\s*/?\s*>"
BLANK_LINE = r"\n[^\S\n]*\n"
# One or more line breaks or blank lines, with any whitespace around or between them, in any case.
PARAGRAPH_BREAKS = re.compile(rf"(?:\s*(?:{LINE_BREAK}|{BLANK_LINE})\s*)+", re.IGNORECASE)
# What a text cut at a fixed length may end with: half a `<br />`, or else half a word.
HALF_LINE_BREAK = re.compile(r"<\s*/?\s*(?:br?\s*/?\s*)?$", re.IGNORECASE)
WHOLE_WORD_END = re.compile(rf"(?:\s|{LINE_BREAK})$", re.IGNORECASE)
HALF_WORD = re.compile(r"[^\s>]+$")


def split_paragraphs(body):
    """The paragraphs of a stored text, stripped, with empty ones dropped."""
    return [paragraph for paragraph in (part.strip() for part in PARAGRAPH_BREAKS.split(body or "")) if paragraph]


def render_paragraphs(body):
    """The text as `<p>` elements: each paragraph is escaped first, then wrapped.

    format_html_join escapes every argument, so `<script>` in a review comes
    out as `&lt;script&gt;`; nothing from the stored text is ever marked safe.
    """
    return format_html_join("\n", "<p>{}</p>", ((paragraph,) for paragraph in split_paragraphs(body)))


def plain_excerpt(body, words=50, is_cut=False):
    """A short plain-text excerpt for listings: line breaks become spaces, then truncate on a word.

    `is_cut` says `body` is only the start of the text (see queries.with_excerpt): its last,
    possibly half, word or line break is dropped and the excerpt always ends with "…".
    """
    body = body or ""
    if is_cut:
        body, half_breaks = HALF_LINE_BREAK.subn("", body)
        if not half_breaks and not WHOLE_WORD_END.search(body):
            body = HALF_WORD.sub("", body).rstrip() or body
    excerpt = Truncator(" ".join(split_paragraphs(body))).words(words, truncate="…")
    if is_cut and not excerpt.endswith("…"):
        excerpt += "…"
    return excerpt
