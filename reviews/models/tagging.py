"""Tags beyond what django-taggit stores: how much each is used, and what a page reads of them.

Films and reviews carry taggit's tags through their own through models (TaggedFilm,
TaggedReview, beside their models). How many films and published reviews carry each tag
is a count of hundreds of thousands of rows at the archive's scale, so the database keeps
it current on every write (TagUse, maintained by reviews/counting.py's triggers).
"""

from django.db import models
from django.db.models import Count, F, Prefetch
from taggit.models import Tag

from reviews import presentation


def tag_items(tagged_model):
    """A prefetch of a film's or review's tags, in the order they were given, into `item.tag_items`:
    TaggedFilm or TaggedReview rows, each with its `tag`.

    Through the concrete through model rather than the TaggableManager: one plain join, and a
    stable order, where taggit's own prefetch orders nothing.
    """
    tagged = tagged_model.objects.select_related("tag").only("content_object", "tag__name", "tag__slug")
    return Prefetch(f"{tagged_model._meta.model_name}_set", tagged.order_by("pk"), to_attr="tag_items")


class TagUseQuerySet(models.QuerySet):
    def in_use(self):
        """Tags that a film or a published review carries: the only ones visitors ever see.

        A tag used on drafts alone stays unknown to them, exactly like an unknown slug.
        """
        return self.filter(use_count__gt=0).select_related("tag")

    def most_used(self):
        return self.order_by("-use_count", "tag__name")

    def by_name(self):
        return self.order_by("tag__name")

    def most_used_on_films(self):
        """For the film list's tag filter."""
        return self.filter(film_count__gt=0).select_related("tag").order_by("-film_count", "tag__name")

    def with_slugs(self, slugs):
        return self.filter(tag__slug__in=slugs)

    def related_to(self, tags, limit):
        """The tags most often found together with all of `tags` (tag ids) on films and published reviews:
        presentation.RelatedTag rows, most shared first.

        One grouped scan of each tagged table over the items carrying the tags: for the most used
        tag of a large archive, hundreds of milliseconds. Tag pages keep the result as a costly
        figure (reviews/cache/figures.py), refreshed after the writes that change it.
        """
        from .films import Film, TaggedFilm
        from .reviews import Review, TaggedReview

        items = (
            (TaggedFilm, Film.objects.tagged_with_all(tags)),
            (TaggedReview, Review.objects.published().tagged_with_all(tags)),
        )
        shared = {}
        for tagged, carriers in items:
            counts = (
                tagged.objects.filter(content_object__in=carriers.order_by().values("pk"))
                .exclude(tag__in=tags)
                .order_by()
                .values_list("tag", "tag__name", "tag__slug")
                .annotate(n=Count("*"))
            )
            for pk, name, slug, n in counts:
                before = shared.get(pk)
                shared[pk] = presentation.RelatedTag(name, slug, n + (before.shared_count if before else 0))
        return sorted(shared.values(), key=lambda tag: (-tag.shared_count, tag.name))[:limit]


class TagUse(models.Model):
    """How many films and published reviews carry a tag, kept by the database on every write.

    Never written by Python: reviews/counting.py's triggers keep it current whatever writes the
    tags or the reviews (the admin, an import's COPY, a shell), and `manage.py recount` rebuilds it.
    """

    tag = models.OneToOneField(Tag, models.CASCADE, primary_key=True, related_name="use")
    film_count = models.PositiveIntegerField(db_default=0)
    review_count = models.PositiveIntegerField(db_default=0, help_text="Published reviews only.")
    use_count = models.GeneratedField(
        expression=F("film_count") + F("review_count"), output_field=models.IntegerField(), db_persist=True
    )

    objects = TagUseQuerySet.as_manager()

    class Meta:
        ordering = ["-use_count"]
        indexes = [models.Index(F("use_count").desc(), name="taguse_most_used_idx")]

    def __str__(self):
        return f"{self.tag}: {self.film_count} films, {self.review_count} reviews"

    def get_absolute_url(self):
        return presentation.tag_url(self.tag.slug)

    @property
    def name(self):
        return self.tag.name

    @property
    def slug(self):
        return self.tag.slug
