"""Snippets with the matched words highlighted, built so that stored text is always escaped.

The engines mark matches with two private-use characters (never HTML). Stored text
has those characters removed before the engine sees it, so every marker in a
snippet is the engine's. Here each piece of text between markers is escaped, and
only then are the matched pieces wrapped in <mark>: the only markup in the result
is ours.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

START = "\ue000"
STOP = "\ue001"
MARKERS = re.compile(f"([{START}{STOP}])")


def snippet_html(marked_text):
    """HTML for a snippet whose matches are between START and STOP; unbalanced markers are harmless."""
    pieces = []
    inside = False
    for piece in MARKERS.split(" ".join((marked_text or "").split())):
        if piece == START:
            inside = True
        elif piece == STOP:
            inside = False
        elif piece:
            pieces.append(format_html("<mark>{}</mark>", piece) if inside else escape(piece))
    # Every piece was escaped above (format_html escapes its arguments): nothing stored is trusted.
    return mark_safe("".join(pieces))
