"""The archive's admin site: Django's, with the editors' dashboard on its home page.

Made the default site by reviews.apps.ArchiveAdminConfig (Django's documented way), so
`admin.site` and `@admin.register` keep working everywhere. Outside the reviews.admin package
on purpose: importing the site must not import the ModelAdmins, which register on it.

The dashboard shows what needs attention and who changed what: each list a few rows and a
link to the whole of it in the admin. The page runs the same queries whatever the archive
holds: each list is one query for its rows and one for its size.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from reviews.models import Film, Review
from reviews.models.common import count_of
from reviews.models.visibility import DRAFT, SCHEDULED

ROWS = 8


@dataclass
class DashboardList:
    rows: list
    count: int
    all_url: str


def _review_list(reviews, **filters):
    url = f"{reverse('admin:reviews_review_changelist')}?{urlencode(filters)}"
    return DashboardList(list(reviews.for_dashboard()[:ROWS]), reviews.count(), url)


# What editors curate; user accounts and groups are the administrators' business (and a 403 for editors).
ARCHIVE_APPS = ("reviews", "taggit")


def recent_changes():
    """The latest admin log entries of the archive's records (Django's own record of every add,
    change and delete made in the admin, actions included), with who made them. Django's model,
    so the query lives here."""
    return (
        LogEntry.objects.filter(content_type__app_label__in=ARCHIVE_APPS)
        .select_related("user", "content_type")
        .order_by("-action_time", "-pk")
    )


def editors_dashboard(request):
    """The context the admin's index.html shows above the app list: fixed queries, any size."""
    if not request.user.has_perm("reviews.view_review"):
        return {}
    placeholders = Film.objects.placeholders()
    placeholder_reviews = Review.objects.of_placeholder_films()
    return {
        "drafts": _review_list(Review.objects.drafts_oldest_first(), status__exact=DRAFT),
        "scheduled": _review_list(Review.objects.scheduled_soonest_first(), status__exact=SCHEDULED),
        "placeholder_films": DashboardList(
            list(
                placeholders.only("title", "year")
                .annotate(review_count=count_of(Review, "film"))
                .order_by("-review_count", "pk")[:ROWS]
            ),
            placeholders.count(),
            f"{reverse('admin:reviews_film_changelist')}?decade=unknown",
        ),
        "placeholder_review_count": placeholder_reviews.count(),
        "placeholder_reviews_url": f"{reverse('admin:reviews_review_changelist')}?placeholder=yes",
        "recent_changes": list(recent_changes()[:ROWS]),
        "own_changes": list(recent_changes().filter(user=request.user)[:ROWS]),
    }


class ArchiveAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        return super().index(request, {**editors_dashboard(request), **(extra_context or {})})
