"""The one rule for what visitors may see, shared by every query and every count that needs it.

A review is public when its status is *published*. A review given a publication time in
the future is *scheduled*, and becomes published when that time comes
(`ReviewQuerySet.publish_due()`, run by the page cache middleware on the first request
after it, and by `manage.py publish_scheduled`). Visibility is thus a property of the row
alone, never of the clock: the counts the database keeps (reviews/counting.py) and the
cached pages can follow every change, and a scheduled publication is a write like any other.
"""

from django.db.models import Q

DRAFT = "draft"
SCHEDULED = "scheduled"
PUBLISHED = "published"


def published_q(prefix=""):
    """A review visitors may see. `prefix` reaches the review through a relation, e.g. "reviews__"."""
    return Q(**{f"{prefix}status": PUBLISHED})


def published_sql(table="reviews_review"):
    """The same rule for plain SQL (search's): (condition on the reviews of `table`, its parameters)."""
    return f"{table}.status = %s", [PUBLISHED]
