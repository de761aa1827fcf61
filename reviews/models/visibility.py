"""The one rule for what visitors may see, shared by every query that needs it."""

from django.db.models import Q
from django.db.models.functions import Now

PUBLISHED = "published"


def published_q(prefix=""):
    """A review is public once its status is published and its publication time has come.

    `prefix` reaches the review through a relation, e.g. "reviews__" from a film.
    """
    return Q(**{f"{prefix}status": PUBLISHED, f"{prefix}published_at__lte": Now()})
