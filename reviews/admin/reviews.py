"""Reviews and their sources: the editors' daily work."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator

from reviews.models import Review, Source
from reviews.models.common import count_of
from reviews.search import matching_ids
from reviews.search.admin import SearchAdminMixin

from . import merging
from .base import ArchiveModelAdmin, stamp_editor
from .filters import PlaceholderFilmListFilter, ReviewTagListFilter
from .stale_saves import FIELD_NAME as OPENED_STATE
from .stale_saves import StaleSaveForm, read_opened

BOTH_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


@admin.register(Source)
class SourceAdmin(ArchiveModelAdmin):
    list_display = ["name", "url", "review_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(review_count=count_of(Review, "source"))

    @admin.display(description="Reviews", ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


def _line_endings_and_edges(text):
    return text.replace("\r\n", "\n").strip()


class ReviewForm(StaleSaveForm):
    class Meta:
        model = Review
        fields = [
            *("film", "headline", "slug", "body", "tags", "status", "published_at"),
            *("author", "source", "source_identifier", "source_url", "language", "written_date", "archived_at"),
            *("rating", "rating_scale"),
        ]
        help_texts = {
            "status": "A published review is public from its publication time on.",
            "published_at": "Left empty, publishing fills in the current time. A future time schedules the review.",
        }

    def clean_body(self):
        body = self.cleaned_data["body"]
        # Browsers send textareas back with CRLF line endings and the form strips the
        # edges: a review saved without touching its text must keep it byte for byte.
        if self.instance.pk and _line_endings_and_edges(body) == _line_endings_and_edges(self.instance.body):
            return self.instance.body
        return body

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == Review.Status.PUBLISHED and not cleaned_data.get("published_at"):
            # Friendlier than the "needs a publication time" constraint error.
            cleaned_data["published_at"] = timezone.now()
        return cleaned_data


class ReviewChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Rows show the opening words (annotated); the full text stays in the database.
        return super().get_queryset(request, exclude_parameters).defer("body")


@admin.register(Review)
class ReviewAdmin(SearchAdminMixin, ArchiveModelAdmin):
    form = ReviewForm
    list_display = ["display_headline", "film", "source", "status", "published_at", "display_rating", "tag_list"]
    list_display_links = ["display_headline"]
    list_filter = ["status", PlaceholderFilmListFilter, "source", "language", ReviewTagListFilter]
    list_select_related = ["film", "source"]
    search_fields = ["headline"]
    search_kind = "reviews"
    exact_search_fields = ["source_identifier", "author__iexact"]
    search_help_text = (
        "Words of the text (“a phrase”, -excluded), any title of the film, the author, or the source’s id."
    )
    autocomplete_fields = ["film"]
    prepopulated_fields = {"slug": ["headline"]}
    date_hierarchy = "published_at"
    actions = ["publish_reviews", "unpublish_reviews", "attach_reviews"]
    readonly_fields = ["rating_normalised", "body_sha256"]
    fieldsets = [
        (None, {"fields": ["film", "headline", "slug", "body", "tags"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        (
            "Provenance",
            {
                "fields": [
                    "author",
                    "source",
                    "source_identifier",
                    "source_url",
                    "language",
                    "written_date",
                    "archived_at",
                ]
            },
        ),
        ("Rating", {"fields": ["rating", "rating_scale", "rating_normalised"]}),
        ("Integrity", {"fields": ["body_sha256"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(body_start=Substr("body", 1, 200)).prefetch_related("tags")

    def search_condition(self, query):
        # The review's own words, or any title of its film.
        return Q(pk__in=matching_ids("reviews", query)) | Q(film__in=matching_ids("films", query))

    def get_changelist(self, request, **kwargs):
        return ReviewChangeList

    @admin.display(description="Headline", ordering="headline")
    def display_headline(self, obj):
        if obj.headline:
            return obj.headline
        # Many imported reviews have no headline: the opening words identify them.
        opening = obj.body_start.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " ")
        return f"“{Truncator(opening).words(8)}”"

    @admin.display(description="Rating", ordering="rating_normalised")
    def display_rating(self, obj):
        if obj.rating is None:
            return None
        return f"{obj.rating.normalize():f}/{obj.rating_scale}"

    @admin.display(description="Tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    # django-reversion's list, stamped with when it was shown (for the actions, below).
    change_list_template = "reversion/reviews/review/change_list.html"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "listed_at": timezone.now().isoformat()})

    def _change_status(self, request, queryset, change):
        """Save each review (not queryset.update) so model rules, stamps and the history apply.

        A review changed by someone else since the list (or its form) was shown is left alone
        and named: the editor chose from what they saw, not from what it has become.
        """
        changed, skipped = [], []
        shown_at = _shown_at(request)
        # defer(None): the changelist's queryset leaves the body behind, but save() hashes it.
        for review in queryset.defer(None):
            if shown_at and review.updated_at > shown_at:
                skipped.append(review)
            elif change(review):
                stamp_editor(review, request.user)
                review.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
                self.log_change(request, review, [{"changed": {"fields": ["Status", "Published at"]}}])
                changed.append(review)
        if skipped:
            self.message_user(
                request,
                f"Left alone, because changed by someone else since you opened the page: "
                f"{', '.join(str(review) for review in skipped[:10])}{' …' if len(skipped) > 10 else ''}. "
                "Reload the page to see them as they are now.",
                messages.WARNING,
            )
        return changed

    @admin.action(
        description="Publish this review",
        description_plural="Publish selected reviews",
        permissions=["change"],
        location=BOTH_LOCATIONS,
    )
    def publish_reviews(self, request, queryset):
        def publish(review):
            if review.status == Review.Status.PUBLISHED and review.published_at:
                return False
            review.publish()
            return True

        published = self._change_status(request, queryset, publish)
        self.message_user(request, *_summary(published, "published", "were already published"))
        scheduled = [review for review in published if not review.is_public]
        if scheduled:
            self.message_user(
                request,
                f"{_reviews(len(scheduled))} will appear only at their publication time, which is in the future.",
                messages.WARNING,
            )

    @admin.action(
        description="Unpublish this review",
        description_plural="Unpublish selected reviews",
        permissions=["change"],
        location=BOTH_LOCATIONS,
    )
    def unpublish_reviews(self, request, queryset):
        def unpublish(review):
            if review.status == Review.Status.DRAFT:
                return False
            # The publication time stays: publishing again restores the original date.
            review.status = Review.Status.DRAFT
            return True

        unpublished = self._change_status(request, queryset, unpublish)
        self.message_user(request, *_summary(unpublished, "returned to draft", "were already drafts"))

    @admin.action(
        description="Attach this review to another film…",
        description_plural="Attach selected reviews to another film…",
        permissions=["change"],
        location=BOTH_LOCATIONS,
    )
    def attach_reviews(self, request, queryset):
        """Move reviews to the film the editor chooses on the action's own page (merging.py): above
        all, imported reviews whose film is a placeholder. Reviews changed since the list was shown
        are left alone, as by the other actions."""
        return merging.attach_reviews(self, request, queryset, _shown_at(request))


def _shown_at(request):
    """When the page the action was chosen on was shown: the list's own stamp, or the change form's opened state."""
    if request.POST.get(OPENED_STATE):
        read = read_opened(request.POST[OPENED_STATE])
        return read[1] if read else None
    try:
        return parse_datetime(request.POST.get("listed_at", ""))
    except ValueError:
        return None


def _reviews(count):
    return f"{count} review" if count == 1 else f"{count} reviews"


def _summary(changed, done, already):
    """The message and its level for message_user()."""
    if not changed:
        return f"Nothing changed: the selected reviews {already}.", messages.WARNING
    return f"{_reviews(len(changed))} {done}.", messages.SUCCESS
