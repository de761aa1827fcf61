"""Reviews and their sources: the editors' daily work."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.db.models.functions import Substr
from django.forms.models import ModelChoiceIteratorValue
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator

from reviews.models import Film, FormerAddress, Review, Source
from reviews.models.common import count_of
from reviews.search import matching_ids
from reviews.search.admin import SearchAdminMixin

from . import merging
from .base import ArchiveModelAdmin, stamp_editor
from .filters import PlaceholderFilmListFilter, ReviewTagListFilter
from .stale_saves import FIELD_NAME as OPENED_STATE
from .stale_saves import read_opened
from .tags import TagChoiceMixin, TaggedForm

BOTH_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


def _built_in_refusal(source):
    return f"“{source}” is the archive's own source, the default for new reviews: it cannot be deleted."


@admin.register(Source)
class SourceAdmin(ArchiveModelAdmin):
    list_display = ["name", "rating_scale", "url", "review_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(review_count=count_of(Review, "source"))

    # The built-in source is known by its slug: the slug stays, and so does the source.
    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return (*readonly, "slug") if obj is not None and obj.is_built_in else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_built_in else super().get_prepopulated_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_built_in:
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        source = self.get_object(request, unquote(object_id))
        if source is not None and source.is_built_in:
            # A message and the source's page, rather than Django's bare 403.
            self.message_user(request, _built_in_refusal(source), messages.ERROR)
            return redirect("admin:reviews_source_change", source.pk)
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        # The "delete selected" action's page lists what refuses deletion: say why, not "no permission".
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        built_in = [source for source in objs if source.is_built_in]
        if built_in:
            perms_needed = {*perms_needed, *map(_built_in_refusal, built_in)} - {str(Source._meta.verbose_name)}
        return deleted, model_count, perms_needed, protected

    @admin.display(description="Reviews", ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


def _line_endings_and_edges(text):
    return text.replace("\r\n", "\n").strip()


class SourceSelect(forms.Select):
    """The source's choices, each carrying its rating scale for rating_scale.js."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if isinstance(value, ModelChoiceIteratorValue):  # not the empty choice
            option["attrs"]["data-rating-scale"] = value.instance.rating_scale
        return option


class ReviewForm(TaggedForm):
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
            "rating_scale": "The source's own scale unless you choose another.",
        }
        widgets = {"source": SourceSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "source" not in self.initial:
            # A new review is the archive's own writing unless the editor says otherwise; the same
            # initial values when the form is shown and when it comes back, so changed_data holds.
            built_in = Source.objects.built_in()
            if built_in is not None:
                self.initial["source"] = built_in.pk
                self.initial.setdefault("rating_scale", built_in.rating_scale)

    def clean_body(self):
        body = self.cleaned_data["body"]
        # Browsers send textareas back with CRLF line endings and the form strips the
        # edges: a review saved without touching its text must keep it byte for byte.
        if self.instance.pk and _line_endings_and_edges(body) == _line_endings_and_edges(self.instance.body):
            return self.instance.body
        return body

    def clean(self):
        cleaned_data = super().clean()
        source = cleaned_data.get("source")
        if source is not None and "source" in self.changed_data and "rating_scale" not in self.changed_data:
            # The scale follows the source unless the editor chose one (as rating_scale.js shows
            # live); decided here, before the model's checks read the rating against it.
            cleaned_data["rating_scale"] = source.rating_scale
        if cleaned_data.get("status") == Review.Status.PUBLISHED and not cleaned_data.get("published_at"):
            # Friendlier than the "needs a publication time" constraint error.
            cleaned_data["published_at"] = timezone.now()
        return cleaned_data


class ReviewChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Rows show the opening words (annotated); the full text stays in the database.
        return super().get_queryset(request, exclude_parameters).defer("body")


@admin.register(Review)
class ReviewAdmin(SearchAdminMixin, TagChoiceMixin, ArchiveModelAdmin):
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

    class Media:
        js = ["js/rating_scale.js"]

    actions = ["publish_reviews", "unpublish_reviews", "attach_reviews"]
    readonly_fields = ["rating_normalised", "body_sha256"]
    fieldsets = [
        (None, {"fields": ["film", "headline", "slug", "body", "tags", "new_tags", "create_new_tags"]}),
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"slug", "film"} & set(form.changed_data):
            # A public address is permanent: the review's former one leads here.
            former_film = obj.film if "film" not in form.changed_data else Film.objects.get(pk=form.initial["film"])
            FormerAddress.objects.record_review(former_film.slug, form.initial["slug"], obj)

    def get_queryset(self, request):
        # The film and the source name the review (Review.__str__): titles, history, messages.
        return (
            super()
            .get_queryset(request)
            .select_related("film", "source")
            .annotate(body_start=Substr("body", 1, 200))
            .prefetch_related("tags")
        )

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
