"""The film list with its filters, and the film page."""

import re
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, Credit, Film, FilmTitle, Review, Selection

from .paging import get_page
from .params import is_tag_slug, shown

FILMS_PER_PAGE = 24
REVIEWS_PER_PAGE = 10
FILTER_TAGS = 40
COUNTRY_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
# A year ("1957") or a decade ("1950", "1950s"); ASCII digits only: "²".isdigit() is true but int("²") fails.
DECADE = re.compile(r"^(\d{4})s?$", re.ASCII)

# Whitelisted sort keys: (label, ordering). Every ordering ends on pk so pages never overlap.
SORTS = {
    "title": ("Title", ("title", F("year").asc(nulls_last=True), "pk")),
    "-year": ("Newest first", (F("year").desc(nulls_last=True), "title", "pk")),
    "year": ("Oldest first", (F("year").asc(nulls_last=True), "title", "pk")),
    "reviews": ("Most reviewed", ("-published_review_count", "title", "pk")),
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
    countries = {country.code: country for country in queries.countries_with_films()}
    wanted_tag = request.GET.get("tag", "").strip()
    # One query whatever the tag: the form's most used tags plus the one asked for.
    filter_tags = list(queries.film_tags(FILTER_TAGS, also=wanted_tag if is_tag_slug(wanted_tag) else None))
    filters = _read_filters(request.GET, countries, {tag.slug: tag for tag in filter_tags})

    films = Film.objects.for_listing()
    if filters.decade:
        films = films.in_decade(filters.decade)
    if filters.country:
        films = films.filter(pk__in=filters.country.films.values("pk"))
    if filters.tag:
        films = queries.films_with_all_tags(films, [filters.tag])
    films = films.order_by(*SORTS[filters.sort][1])

    return render(
        request,
        "reviews/film_list.html",
        {
            "page": get_page(request, films, FILMS_PER_PAGE),
            "filters": filters,
            "decades": list(queries.film_decades()),
            "countries": sorted(countries.values(), key=lambda country: country.name),
            "filter_tags": sorted(filter_tags, key=lambda tag: tag.name.lower()),
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        },
    )


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
        Film.objects.prefetch_related(
            "countries",
            "tags",
            "citations",
            Prefetch("titles", FilmTitle.objects.in_display_order(), to_attr="display_titles"),
            Prefetch("credits", Credit.objects.in_billing_order().select_related("person"), to_attr="billed_credits"),
            Prefetch(
                "selections",
                Selection.objects.select_related("section__edition__festival"),
                to_attr="festival_selections",
            ),
            Prefetch(
                "award_outcomes",
                AwardOutcome.objects.for_listing().order_by("edition__year", "award__position", "result", "pk"),
                to_attr="outcomes",
            ),
        ),
        slug=slug,
    )
    reviews = queries.with_excerpt(Review.objects.published().for_listing().filter(film=film))
    return render(
        request,
        "reviews/film_detail.html",
        {
            "film": film,
            "credit_groups": group_credits(film.billed_credits),
            "festival_history": festival_history(film.festival_selections, film.outcomes),
            "reviews": get_page(request, reviews, REVIEWS_PER_PAGE, param="reviews_page"),
        },
    )
