"""Tags beyond what django-taggit stores: how much each is used, and what a page reads of them.

Films and reviews carry taggit's tags through their own through models (TaggedFilm,
TaggedReview, beside their models). How many films and published reviews carry each tag
is a count of hundreds of thousands of rows at the archive's scale, so the database keeps
it current on every write (TagUse, maintained by reviews/counting.py's triggers).
"""

import re
import unicodedata

from django.db import connection, models
from django.db.models import Count, F, OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Concat
from taggit.models import Tag

from reviews import presentation

# Inside tag_pairs(): between a tag's slug and name, and between tags. Control characters, which
# no slug has (a slug is letters, digits, - and _) and a name is very unlikely to.
SLUG_END = "\x1f"
TAG_END = "\x1e"


def tag_pairs(tagged_model):
    """A subquery: the outer film's or review's tags, in the order they were given, as one string of
    slug and name pairs; `tags_of()` reads it.

    An annotation of the list's own query rather than a second query for the tags of every item.
    """
    tagged = tagged_model.objects.filter(content_object=OuterRef("pk")).order_by().values("content_object")
    pair = Concat("tag__slug", Value(SLUG_END), "tag__name", output_field=models.TextField())
    # Ordered where the database can order inside an aggregate (SQLite only from 3.44, where rows
    # come in the order they were written anyway).
    ordered = {"order_by": "pk"} if connection.features.supports_aggregate_order_by_clause else {}
    return Subquery(tagged.annotate(pairs=StringAgg(pair, Value(TAG_END), **ordered)).values("pairs"))


def tags_of(pairs):
    """presentation.Link to each tag page, from a tag_pairs() annotation."""
    links = []
    for pair in (pairs or "").split(TAG_END):
        slug, _, name = pair.partition(SLUG_END)
        if slug:
            links.append(presentation.Link(presentation.tag_url(slug), name))
    return links


def comparable(name):
    """A tag name as it reads, case, accents, spaces and punctuation aside: "Soviet-Thaw",
    "soviet thaw" and "sovietthaw" are one name."""
    return "".join(character for character in _without_accents(name.casefold()) if character.isalnum())


def _without_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


END = 3  # letters


def _looked_for(name):
    """What tags_resembling() looks for in other tags' names: the first letters of the name's first
    long word and the last of its last one, as written and without accents; (text, at the start only)."""
    looked_for = set()
    for form in {name.casefold(), _without_accents(name.casefold())}:
        words = re.findall(r"[^\W_]+", form)
        long_words = [word for word in words if len(word) >= END]
        if long_words:
            looked_for |= {(long_words[0][:END], False), (long_words[-1][-END:], False)}
        elif words:
            # Only a name as short could be that close to it ("TV", "T.V."): no LIKE "%a%" of most tags.
            looked_for.add((words[0], True))
    return looked_for


def tags_resembling(names):
    """{name: the existing tags that may be near duplicates of it}, in one query, for the caller to
    compare (reviews/admin/tags.py): a superset of the tags whose comparable() name is the same, or a
    small misspelling of it that spares the first three letters of its first long word or the last
    three of its last one. (On SQLite, whose LIKE ignores the case of ASCII letters only, a name in
    another script is found only with its case as written.)

    One scan of the tag names with two LIKEs per name ("École de Paris" is found from "ecole de
    paris" by "ris"), returning dozens of rows where comparing every tag in Python would read and
    normalise tens of thousands (docs/performance.md).
    """
    wanted = {name: _looked_for(name) for name in names}
    condition = Q()
    for text, at_start in set().union(*wanted.values()):
        condition |= Q(name__istartswith=text) if at_start else Q(name__icontains=text)
    tags = [(tag.name.casefold(), tag) for tag in Tag.objects.filter(condition).order_by("pk")] if condition else []
    return {
        name: [
            tag
            for folded, tag in tags
            if any(folded.startswith(text) if at_start else text in folded for text, at_start in looked_for)
        ]
        for name, looked_for in wanted.items()
    }


class TagUseQuerySet(models.QuerySet):
    def for_sitemap(self):
        """A sitemap entry's row: the tag's id and slug (reviews/sitemaps.py). Tags keep no time of change."""
        return self.order_by("pk").values_list("pk", "tag__slug")

    def in_use(self):
        """Tags that a film or a published review carries: the only ones visitors ever see.

        A tag used on drafts alone stays unknown to them, exactly like an unknown slug.
        """
        return self.filter(use_count__gt=0).select_related("tag")

    def for_download(self):
        """Tags in use with their counts, by id, for the bulk download (reviews/downloads.py)."""
        return self.in_use().order_by("pk")

    def most_used(self):
        return self.order_by("-use_count", "tag__name")

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
        indexes = [
            models.Index(F("use_count").desc(), name="taguse_most_used_idx"),
            models.Index(F("film_count").desc(), name="taguse_most_used_on_films_idx"),  # the film list's filter
        ]

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
