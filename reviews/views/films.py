"""The film list with its filters, and the film page."""

import re
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from reviews import queries
from reviews.models import Credit, Edition, Festival, Film, FilmTitle, Review, TaggedFilm
from reviews.templatetags.archive import Link, OutcomeLine, language_name

from . import cards, links, orders
from .figures import figure, figures
from .paging import KeysetList, keyset_page, numbered_page
from .params import is_tag_slug, shown

FILMS_PER_PAGE = 24
REVIEWS_PER_PAGE = 10
FILTER_TAGS = 40
COUNTRY_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
# A year ("1957") or a decade ("1950", "1950s"); ASCII digits only: "²".isdigit() is true but int("²") fails.
DECADE = re.compile(r"^(\d{4})s?$", re.ASCII)


def films_chosen(first_year, end_year, country_id, tag_id):
    """The films of the years first_year to end_year (exclusive), of a country, with a tag; None: any."""
    films = Film.objects.all()
    if first_year is not None:
        films = films.filter(year__gte=first_year, year__lt=end_year)
    if country_id is not None:
        films = films.filter(pk__in=Film.countries.through.objects.filter(country=country_id).values("film"))
    if tag_id is not None:
        films = queries.films_with_all_tags(films, [tag_id])
    return films


def film_list_in(order):
    return KeysetList(order, films_chosen, queries.film_card_rows, cards.film_cards_of)


# Whitelisted sort keys: (label, list). "reviews" is a ranking kept as a figure (pages by number).
SORTS = {
    "title": ("Title", film_list_in(orders.FILMS_BY_TITLE)),
    "-year": ("Newest first", film_list_in(orders.FILMS_NEWEST_FIRST)),
    "year": ("Oldest first", film_list_in(orders.FILMS_OLDEST_FIRST)),
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

    values = (
        filters.decade,
        filters.decade and filters.decade + 10,
        filters.country and filters.country.pk,
        filters.tag and filters.tag.pk,
    )
    chosen = f"{filters.decade}:{filters.country and filters.country.pk}:{filters.tag and filters.tag.pk}"

    film_list = SORTS[filters.sort][1]
    if film_list is None:
        ranking = figure(f"films:by-reviews:{chosen}", lambda: queries.films_by_review_count(films_chosen(*values)))
        page = numbered_page(request, ranking, FILMS_PER_PAGE, label="films")
        by_pk = {film.pk: film for film in cards.film_cards(Film.objects.filter(pk__in=page.object_list))}
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        count = figure(f"films:count:{chosen}", lambda: films_chosen(*values).count())
        page = keyset_page(request, film_list, values, FILMS_PER_PAGE, count=count, label="films")

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


class CreditLine(NamedTuple):
    """One credit as the film page lists it: the person's address and name, and what they did."""

    url: str
    name: str
    character_name: str
    credited_as: str
    note: str


def group_credits(rows):
    """Credit rows (role, person's name and slug, character, credited as, note), already in billing order,
    grouped by role, each group with a heading: "Writers", "Cast"."""
    groups = []
    for role, group in groupby(rows, key=itemgetter(0)):
        group = [
            CreditLine(links.person_url(slug), name, character_name, credited_as, note)
            for _, name, slug, character_name, credited_as, note in group
        ]
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

    edition: Link
    year: int
    festival_name: str
    selections: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


class SelectionLine(NamedTuple):
    name: str
    note: str


def festival_history(selections, outcomes, recipients):
    """Selections and award outcomes (rows of queries.film_page_selections, _outcomes, _recipients)
    gathered by edition, oldest first."""
    history = {}

    def entry(edition_id, year, number, festival_name, festival_slug):
        if edition_id not in history:
            # The model's own title, "11th Cannes Film Festival (1958)", from unsaved instances.
            title = Edition(number=number, year=year, festival=Festival(name=festival_name)).title
            history[edition_id] = EditionHistory(
                Link(links.edition_url(festival_slug, year), title), year, festival_name
            )
        return history[edition_id]

    for edition_id, year, number, festival_name, festival_slug, section_name, note in selections:
        entry(edition_id, year, number, festival_name, festival_slug).selections.append(
            SelectionLine(section_name, note)
        )
    people = {}
    for outcome_id, name, slug in recipients:
        people.setdefault(outcome_id, []).append(Link(links.person_url(slug), name))
    for outcome_id, edition_id, year, number, festival_name, festival_slug, result, *award in outcomes:
        name_as_awarded, award_name, note = award
        entry(edition_id, year, number, festival_name, festival_slug).outcomes.append(
            OutcomeLine(result, name_as_awarded or award_name, note, people.get(outcome_id, []))
        )
    return sorted(history.values(), key=lambda entry: (entry.year, entry.festival_name))


class TitleLine(NamedTuple):
    title: str
    language: str
    meta: str  # "Transliterated · Russian (Latin script) · note"


def title_lines(rows):
    kinds = dict(FilmTitle.Kind.choices)
    return [
        TitleLine(title, language, " · ".join(part for part in (kinds[kind], language_name(language), note) if part))
        for title, kind, language, note in rows
    ]


class CitationLine(NamedTuple):
    """A citation as _citations.html shows it."""

    fact: str
    value: str
    source: str
    url: str
    note: str


# A film's published reviews, newest first; the cards are made by the page, whose film they share.
FILM_REVIEWS = KeysetList(
    orders.REVIEWS_NEWEST_FIRST,
    lambda film_id: Review.objects.published().filter(film_id=film_id),
    queries.film_page_review_rows,
)


# The film's fields the page shows, in the model's order (Film.from_db takes them so).
FILM_FIELDS = [f.attname for f in Film._meta.concrete_fields if f.attname in set(queries.FILM_PAGE_FIELDS) | {"id"}]


def film_detail(request, slug):
    """The film page: its rows read by queries compiled once (queries.Prepared), shown without model instances.

    Rendered on every request the page cache misses: at a million reviews it used to spend 20 ms
    in Python, most of it compiling its dozen queries and building model instances.
    """
    film_type = ContentType.objects.get_for_model(Film).pk
    row = queries.film_page_film(slug, film_type)
    if not row:
        raise Http404("No film at this address.")
    values = dict(
        zip((*queries.FILM_PAGE_FIELDS, "reviews", "has_festival_history", "has_citations"), row[0], strict=True)
    )
    values["id"] = values.pop("pk")
    film = Film.from_db(DEFAULT_DB_ALIAS, FILM_FIELDS, [values[name] for name in FILM_FIELDS])
    film_list_url = reverse("reviews:film-list")

    history = []
    if values["has_festival_history"]:
        history = festival_history(
            queries.film_page_selections(film.pk),
            queries.film_page_outcomes(film.pk),
            queries.film_page_recipients(film.pk),
        )
    citations = ()
    if values["has_citations"]:
        citations = [CitationLine(*row) for row in queries.film_page_citations(film_type, film.pk)]

    reviews = keyset_page(
        request, FILM_REVIEWS, (film.pk,), REVIEWS_PER_PAGE, count=values["reviews"], prefix="reviews_", label="reviews"
    )
    reviews.object_list = cards.film_review_cards(film, reviews.object_list)

    return render(
        request,
        "reviews/film_detail.html",
        {
            "film": film,
            "film_url": links.film_url(film.slug),
            "film_list_url": film_list_url,
            "titles": title_lines(queries.film_page_titles(film.pk)),
            "countries": [
                Link(f"{film_list_url}?country={code}", name) for code, name in queries.film_page_countries(film.pk)
            ],
            "tags": [Link(links.tag_url(tag_slug), name) for name, tag_slug in queries.film_page_tags(film.pk)],
            "credit_groups": group_credits(queries.film_page_credits(film.pk)),
            "festival_history": history,
            "citations": citations,
            "reviews": reviews,
        },
    )
