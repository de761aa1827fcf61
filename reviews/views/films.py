"""The film list with its filters, and the film page."""

import re
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import redirect, render

from reviews import cards, linked_data
from reviews.cache import kept, keys, shows
from reviews.models import Country, Film, FormerAddress, Review, TagUse

from . import orders
from .paging import keyset_page
from .params import is_tag_slug, shown

FILMS_PER_PAGE = 24
REVIEWS_PER_PAGE = 10
FILTER_TAGS = 40
COUNTRY_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
# A year ("1957") or a decade ("1950", "1950s"); ASCII digits only: "²".isdigit() is true but int("²") fails.
DECADE = re.compile(r"^(\d{4})s?$", re.ASCII)

# Whitelisted sort keys: (label, order).
SORTS = {
    "title": ("Title", orders.FILMS_BY_TITLE),
    "-year": ("Newest first", orders.FILMS_NEWEST_FIRST),
    "year": ("Oldest first", orders.FILMS_OLDEST_FIRST),
    "reviews": ("Most reviewed", orders.FILMS_MOST_REVIEWED),
}
DEFAULT_SORT = "title"


@dataclass
class FilmFilters:
    """The film list's filters as understood from the query string, and what had to be ignored."""

    decade: int | None = None
    country: object = None
    tag: object = None  # a TagUse
    sort: str = DEFAULT_SORT
    ignored: list = field(default_factory=list)

    @property
    def is_active(self):
        return bool(self.decade or self.country or self.tag)


def _read_filters(params, countries, tags):
    """Understand ?decade=, ?country=, ?tag= and ?sort=; anything unusable is ignored and reported.

    `tags` maps slugs to the tags offered in the form, the one asked for included when films carry it.
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


def films_chosen(decade, country_id, tag_id):
    """The films of a decade, a country, with a tag (None: any)."""
    films = Film.objects.all()
    if decade is not None:
        films = films.released_in(decade, decade + 10)
    if country_id is not None:
        films = films.made_in(country_id)
    if tag_id is not None:
        films = films.tagged_with_all([tag_id])
    return films


def film_count(decade, country_id, tag_id):
    """A kept figure: how many films the filters choose (tens of milliseconds for a large country)."""
    shows(keys.FILMS)
    return films_chosen(decade, country_id, tag_id).count()


def film_list(request):
    countries = {country.code: country for country in Country.objects.with_films()}
    filter_tags = list(TagUse.objects.most_used_on_films()[:FILTER_TAGS])
    wanted_tag = request.GET.get("tag", "").strip()
    if is_tag_slug(wanted_tag) and wanted_tag not in {tag.slug for tag in filter_tags}:
        # A tag outside the form's most used ones: offered too, when films carry it.
        filter_tags += TagUse.objects.most_used_on_films().with_slugs([wanted_tag])
    filters = _read_filters(request.GET, countries, {tag.slug: tag for tag in filter_tags})

    chosen = (filters.decade, filters.country and filters.country.pk, filters.tag and filters.tag.tag_id)
    label, order = SORTS[filters.sort]
    shows(keys.FILMS, keys.TAGS, *([keys.FILMS_BY_REVIEWS] if order is orders.FILMS_MOST_REVIEWED else []))
    page = keyset_page(
        request,
        films_chosen(*chosen),
        order,
        FILMS_PER_PAGE,
        count=kept(film_count, *chosen),
        label="films",
    )
    return render(
        request,
        "reviews/film_list.html",
        {
            "page": page,
            "film_cards": cards.render(cards.FILM, page.object_list, level="2"),
            "filters": filters,
            "decades": Film.objects.decades(),
            "countries": sorted(countries.values(), key=lambda country: country.name),
            "filter_tags": sorted(filter_tags, key=lambda tag: tag.name.lower()),
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "structured_data": linked_data.section(request, "films"),
        },
    )


@dataclass
class FilmPage:
    """What the film page shows, as its named queries read it: the film, its festival history, and the
    page of its published reviews the address asks for (ids only: their cards are read apart)."""

    film: Film
    festival_history: list
    reviews: object  # a paging.Page


def read_film_page(request, slug):
    """The film page's records; its JSON (views/data.py) reads the same. Raises Film.DoesNotExist."""
    film = Film.objects.get_for_page(slug)
    reviews = keyset_page(
        request,
        film.reviews.published(),
        orders.REVIEWS_NEWEST_FIRST,
        REVIEWS_PER_PAGE,
        shown=Review.objects.for_structured_data(),
        count=film.published_review_count,
        prefix="reviews_",
        label="reviews",
    )
    return FilmPage(film, film.festival_history(), reviews)


def film_detail(request, slug):
    try:
        page = read_film_page(request, slug)
    except Film.DoesNotExist:
        # A placeholder merged into the real film leaves its address behind (reviews/models/addresses.py).
        if moved_to := FormerAddress.objects.film_now_at(slug):
            return redirect(moved_to, permanent=True)
        raise Http404("No film at this address.") from None
    return render(
        request,
        "reviews/film_detail.html",
        {
            "film": page.film,
            "festival_history": page.festival_history,
            "reviews": page.reviews,
            "review_cards": cards.render(cards.REVIEW, page.reviews.object_list),
            "structured_data": linked_data.film(request, page.film, page.reviews.object_list),
        },
    )
