"""Tags: taggit's own admin, kept, minus what only knows taggit's default table."""

from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from reviews.models import TaggedFilm, TaggedReview
from reviews.models.common import count_of

from .base import ArchiveModelAdmin

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(ArchiveModelAdmin, TaggitTagAdmin):
    """Taggit's Tag admin, with the archive's history and stale-save refusal, without its merge
    action and tagged-item inline.

    Both only know taggit's default TaggedItem table, which this archive does not use
    (films and reviews have their own through tables): the inline would always be empty
    and a merge would leave every film and review on the old tags. For the same reason
    taggit's `remove_orphaned_tags` must never run here: it would delete tags in use.
    """

    inlines = []
    actions = []  # delete_selected still comes from the admin site
    list_display = ["name", "slug", "film_count", "review_count"]

    def get_urls(self):
        # Drop taggit's merge-tags page along with the action that leads to it.
        return [url for url in super().get_urls() if url.name != "taggit_tag_merge_tags"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                film_count=count_of(TaggedFilm, "tag"),
                review_count=count_of(TaggedReview, "tag"),
            )
        )

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, obj):
        return obj.film_count

    @admin.display(description="Reviews", ordering="review_count")
    def review_count(self, obj):
        return obj.review_count
