"""Queries the public pages need beyond the models' QuerySet methods.

Plain functions because the models are not this module's to change; each one
belongs on a QuerySet (named in its docstring) and should move there.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Left, Upper
from taggit.models import Tag

from .models import Award, Country, Credit, Film, Person, TaggedFilm, TaggedReview, published_q

EXCERPT_SOURCE_CHARS = 400


def _count(tagged_items):
    """A subquery counting tagged items per outer tag, 0 when there are none."""
    counted = tagged_items.filter(tag=OuterRef("pk")).order_by().values("tag").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def tags_with_counts(tags=None):
    """Tags annotated with film_count, review_count (published only) and use_count, unused ones left out.

    Subqueries rather than joins: joining both tagged tables would multiply the counts.
    Belongs on a Tag QuerySet as `with_counts()`.
    """
    tags = Tag.objects.all() if tags is None else tags
    return (
        tags.annotate(
            film_count=_count(TaggedFilm.objects.all()),
            review_count=_count(TaggedReview.objects.filter(published_q("content_object__"))),
        )
        .annotate(use_count=F("film_count") + F("review_count"))
        .filter(use_count__gt=0)
    )


def popular_tags(limit):
    """The most used tags, most used first. Belongs on a Tag QuerySet as `popular()`."""
    return tags_with_counts().order_by("-use_count", "name")[:limit]


def film_tags(limit, also=None):
    """The `limit` tags most used on films, plus the tag with slug `also` if films carry it.

    For the film list's tag filter: one query, whether or not the chosen tag is among the most used.
    """
    tags = Tag.objects.annotate(film_count=_count(TaggedFilm.objects.all())).filter(film_count__gt=0)
    wanted = Q(pk__in=tags.order_by("-film_count", "name").values("pk")[:limit])
    if also:
        wanted |= Q(slug=also)
    return tags.filter(wanted).order_by("-film_count", "name")


def films_with_all_tags(films, tags):
    """Films carrying every one of `tags`, without duplicates (one subquery per tag).

    Belongs on FilmQuerySet as `tagged_with_all(tags)`.
    """
    for tag in tags:
        films = films.filter(pk__in=TaggedFilm.objects.filter(tag=tag).values("content_object"))
    return films


def reviews_with_all_tags(reviews, tags):
    """Reviews carrying every one of `tags`. Belongs on ReviewQuerySet as `tagged_with_all(tags)`."""
    for tag in tags:
        reviews = reviews.filter(pk__in=TaggedReview.objects.filter(tag=tag).values("content_object"))
    return reviews


def related_tags(tags, films, reviews, limit):
    """Tags that co-occur with `tags` on the given films and reviews, most shared first.

    Belongs on a Tag QuerySet as `related_to(tags, films, reviews)`.
    """
    shared_films = TaggedFilm.objects.filter(content_object__in=films.values("pk"))
    shared_reviews = TaggedReview.objects.filter(content_object__in=reviews.values("pk"))
    return (
        Tag.objects.exclude(pk__in=[tag.pk for tag in tags])
        .annotate(film_count=_count(shared_films), review_count=_count(shared_reviews))
        .annotate(use_count=F("film_count") + F("review_count"))
        .filter(use_count__gt=0)
        .order_by("-use_count", "name")[:limit]
    )


def with_excerpt(reviews):
    """Adds `body_start`, the first few hundred characters of the body, for listings that defer the body.

    Belongs in ReviewQuerySet.for_listing().
    """
    return reviews.annotate(body_start=Left("body", EXCERPT_SOURCE_CHARS))


def film_decades():
    """The decades that have films, oldest first. Belongs on FilmQuerySet as `decades()`."""
    return (
        Film.objects.exclude(year=None)
        .annotate(decade=F("year") / 10 * 10)
        .order_by("decade")
        .values_list("decade", flat=True)
        .distinct()
    )


def countries_with_films():
    """Countries that have at least one film. Belongs on a Country QuerySet as `with_films()`."""
    return Country.objects.filter(pk__in=Film.countries.through.objects.values("country"))


def films_of(person):
    """The ids of the films a person has a credit on, as a subquery."""
    return Credit.objects.filter(person=person).values("film")


def person_initials():
    """The first letters of people's names, for the A–Z index. Belongs on a Person QuerySet."""
    return (
        Person.objects.annotate(initial=Upper(Left("name", 1)))
        .order_by("initial")
        .values_list("initial", flat=True)
        .distinct()
    )


def top_award_position():
    """For outcomes: the position of the top-ranked award of the outcome's festival."""
    return Subquery(
        Award.objects.filter(festival=OuterRef("edition__festival")).order_by("position").values("position")[:1]
    )


def is_top_win():
    """Outcomes that won their festival's top-ranked award. Belongs on AwardOutcomeQuerySet as `top_wins()`."""
    return Q(result="won", award__position=top_award_position())
