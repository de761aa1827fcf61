"""Reading visitors' query strings and URL parts: whatever arrives, nothing reaches the database unchecked.

PostgreSQL refuses text containing NUL, so a value with one must be rejected before any
query, not caught after; and a value echoed back in a message is cut short first.
"""

import re

from taggit.models import Tag

TAG_SLUG_LENGTH = Tag._meta.get_field("slug").max_length
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
ECHO_LENGTH = 40


def is_clean(value, max_length):
    """True when `value` can safely be looked up: short enough, no control characters (NUL above all)."""
    return len(value) <= max_length and not CONTROL_CHARACTERS.search(value)


def is_tag_slug(value):
    return bool(value) and is_clean(value, TAG_SLUG_LENGTH)


def shown(value):
    """A visitor's value fit to quote back in a message: control characters dropped, long values cut."""
    value = CONTROL_CHARACTERS.sub("", value)
    return value if len(value) <= ECHO_LENGTH else f"{value[: ECHO_LENGTH - 1]}…"
