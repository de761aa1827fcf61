"""The film list with its filters, and the film page."""

import re
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, Credit, Film, FilmTitle, Review, Selection, TaggedFilm

from . import orders
from .figures import figure, figures
from .paging import keyset_page, numbered_page
from .params import is_tag_slug, shown

FILMS_PER_PAGE = 24
REVIEWS_PER_PAGE = 10
FILTER_TAGS = 40
COUNTRY_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
# A year ("1957") or a decade ("1950", "1950s"); ASCII digits only: "²".isdigit() is true but int("²") fails.
DECADE = re.compile(r"^(\d{4})s?$", re.ASCII)

# Whitelisted sort keys: (label, order). "reviews" is a ranking kept as a figure (pages by number).
SORTS = {
    "title": ("Title", orders.FILMS_BY_TITLE),
    "-year": ("Newest first", orders.FILMS_NEWEST_FIRST),
    "year": ("Oldest first", orders.FILMS_OLDEST_FIRST),
    "reviews": ("Most reviewed", None),
}
DEFAULT_SORT = "title"


@dataclass
class FilmFilters:
    """The film list's filters as understood from the query string, and what had to be ignored."""

    decade: int | None = None
    country: object = None
    tag: object = None
    sort: str = DEFAULT_SORT
    ignored: list = field(default_factory=list)

    @property
    def is_active(self):
        return bool(self.decade or self.country or self.tag)


def _read_filters(params, countries, tags):
    """Understand ?decade=, ?country=, ?tag= and ?sort=; anything unusable is ignored and reported.

    `tags` maps slugs to the tags offered in the form, the one asked for included when it exists.
    """
    filters = FilmFilters()
    decade = params.get("decade", "").strip()
    if decade:
        match = DECADE.match(decade)
        if match and 1870 <= int(match[1]) <= 2100:
            filters.decade = int(match[1]) // 10 * 10
        else:
            filters.ignored.append(f"decade “{shown(decade)}” (use a year such as 1950)")
    code = params.get("country", "").strip()
    if code:
        filters.country = countries.get(code.upper()) if COUNTRY_CODE.match(code.upper()) else None
        if filters.country is None:
            filters.ignored.append(f"country “{shown(code)}” (no films from a country with that code)")
    slug = params.get("tag", "").strip()
    if slug:
        filters.tag = tags.get(slug)
        if filters.tag is None:
            filters.ignored.append(f"tag “{shown(slug)}” (no films with that tag)")
    sort = params.get("sort", DEFAULT_SORT)
    if sort in SORTS:
        filters.sort = sort
    else:
        filters.ignored.append(f"sort “{shown(sort)}” (sorted by title instead)")
    return filters


def film_list(request):
    kept = figures({"countries": queries.countries_with_films, "decades": queries.film_decades, "tags": film_tags})
    countries = {country.code: country for country in kept["countries"]}
    filter_tags = list(kept["tags"])
    wanted_tag = request.GET.get("tag", "").strip()
    if is_tag_slug(wanted_tag) and wanted_tag not in {tag.slug for tag in filter_tags}:
        # A tag outside the form's most used ones: offered too, when films carry it.
        filter_tags += queries.public_tags([wanted_tag]).filter(Exists(TaggedFilm.objects.filter(tag=OuterRef("pk"))))
    filters = _read_filters(request.GET, countries, {tag.slug: tag for tag in filter_tags})

    films = Film.objects.all()
    if filters.decade:
        films = films.in_decade(filters.decade)
    if filters.country:
        films = films.filter(pk__in=Film.countries.through.objects.filter(country=filters.country).values("film"))
    if filters.tag:
        films = queries.films_with_all_tags(films, [filters.tag])
    chosen = f"{filters.decade}:{filters.country and filters.country.pk}:{filters.tag and filters.tag.pk}"

    order = SORTS[filters.sort][1]
    if order is None:
        ranking = figure(f"films:by-reviews:{chosen}", lambda: queries.films_by_review_count(films))
        page = numbered_page(request, ranking, FILMS_PER_PAGE, label="films")
        by_pk = {film.pk: film for film in queries.film_cards(Film.objects.filter(pk__in=page.object_list))}
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        count = figure(f"films:count:{chosen}", films.count)
        page = keyset_page(request, films, order, FILMS_PER_PAGE, shown=queries.film_cards, count=count, label="films")

    return render(
        request,
        "reviews/film_list.html",
        {
            "page": page,
            "filters": filters,
            "decades": kept["decades"],
            "countries": sorted(countries.values(), key=lambda country: country.name),
            "filter_tags": sorted(filter_tags, key=lambda tag: tag.name.lower()),
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        },
    )


def film_tags():
    """The tags most used on films, for the film list's form (from the kept tag use)."""
    return queries.film_tags(figure("tags:use", queries.tag_use), FILTER_TAGS)


@dataclass
class RoleGroup:
    """A film's credits in one role, for the credits list."""

    role: str
    heading: str
    credits: list


def group_credits(credits):
    """Credits (already in billing order) grouped by role, each group with a heading: "Writers", "Cast"."""
    groups = []
    for role, group in groupby(credits, key=lambda credit: credit.role):
        group = list(group)
        label = Credit.Role(role).label
        if role == Credit.Role.ACTOR:
            heading = "Cast"
        else:
            heading = f"{label}s" if len(group) > 1 else label
        groups.append(RoleGroup(role=role, heading=heading, credits=group))
    return groups


@dataclass
class EditionHistory:
    """What happened to a film at one festival edition: sections it was selected in, awards."""

    edition: object
    selections: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


def festival_history(selections, outcomes):
    """Selections and award outcomes gathered by edition, oldest first."""
    history = {}
    for selection in selections:
        edition = selection.section.edition
        history.setdefault(edition.pk, EditionHistory(edition)).selections.append(selection)
    for outcome in outcomes:
        history.setdefault(outcome.edition_id, EditionHistory(outcome.edition)).outcomes.append(outcome)
    return sorted(history.values(), key=lambda entry: (entry.edition.year, entry.edition.festival.name))


def film_detail(request, slug):
    film = get_object_or_404(
        Film.objects.annotate(
            published_review_count=queries.published_review_count(),
            # Most films have no festival history and no cited facts: their queries are skipped.
            has_festival_history=Exists(Selection.objects.filter(film=OuterRef("pk")))
            | Exists(AwardOutcome.objects.filter(film=OuterRef("pk"))),
            has_citations=queries.has_citations(Film),
        ),
        slug=slug,
    )
    credits = Credit.objects.filter(film=film).in_billing_order().select_related("person")
    history = []
    if film.has_festival_history:
        history = festival_history(
            Selection.objects.filter(film=film).select_related("section__edition__festival"),
            AwardOutcome.objects.for_listing()
            .filter(film=film)
            .order_by("edition__year", "award__position", "result", "pk"),
        )
    reviews = Review.objects.published().filter(film=film)
    return render(
        request,
        "reviews/film_detail.html",
        {
            "film": film,
            "titles": FilmTitle.objects.filter(film=film).in_display_order(),
            "countries": film.countries.only("code", "name"),
            "tags": film.tags.all(),
            "credit_groups": group_credits(credits.only(*queries.CREDIT_FIELDS, "person__name", "person__slug")),
            "festival_history": history,
            "citations": film.citations.all() if film.has_citations else (),
            "reviews": keyset_page(
                request,
                reviews,
                orders.REVIEWS_NEWEST_FIRST,
                REVIEWS_PER_PAGE,
                shown=queries.review_cards,
                count=film.published_review_count,
                prefix="reviews_",
                label="reviews",
            ),
        },
    )
