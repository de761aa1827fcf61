"""Film and review cards: what every list of films or reviews shows of each, made ready to render.

A card is a plain row, not a model instance. A tag page lists 22 cards; as model instances
with their tags prefetched by django-taggit, building them was a third of the page's time
(taggit builds a QuerySet per item to prefetch into, and the template resolved each field on
a model). Here each list costs two queries, its rows and its items' tags, both as tuples.
"""

import datetime
from typing import NamedTuple

from django.utils.dateformat import format as format_date

from reviews import queries
from reviews.templatetags.archive import Link, rating, review_excerpt, title_of_review

from . import links


class FilmCard(NamedTuple):
    """What _film_card.html shows of a film. `pk` and `slug` name it in a list's page addresses."""

    pk: int
    slug: str
    url: str
    title: str
    year: int | None
    country_names: str  # "France, Italy"
    review_count: int  # published reviews
    tags: list  # of Link


class ReviewCard(NamedTuple):
    """What _review_card.html shows of a review. `pk` names it in a list's page addresses."""

    pk: int
    url: str
    title: str
    film: Link
    author: str
    source_name: str
    written_date: datetime.date | None
    written_on: str  # "3 Nov 2024"
    rating: str  # "7/10", empty without a rating
    language: str
    excerpt: str
    tags: list  # of Link


def film_name(title, year):
    """As Film.__str__ gives it: "The Cranes Are Flying (1957)"."""
    return f"{title} ({year})" if year else title


def film_cards(films):
    """Cards for `films` (a QuerySet), in its order."""
    return film_cards_of(queries.film_card_rows(films))


def film_cards_of(rows):
    """Cards for rows of queries.film_card_rows."""
    rows = list(rows)
    tags = tag_links(queries.film_card_tags, [row.pk for row in rows])
    return [
        FilmCard(
            pk=row.pk,
            slug=row.slug,
            url=links.film_url(row.slug),
            title=row.title,
            year=row.year,
            country_names=row.country_names or "",
            review_count=row.published_review_count,
            tags=tags.get(row.pk, []),
        )
        for row in rows
    ]


def review_cards(reviews):
    """Cards for `reviews` (a QuerySet), in its order."""
    return review_cards_of(queries.review_card_rows(reviews))


def review_cards_of(rows):
    """Cards for rows of queries.review_card_rows."""
    rows = list(rows)
    tags = tag_links(queries.review_tags, [row.pk for row in rows])
    return [make_review_card(row, row.film_slug, row.film_title, row.film_year, tags.get(row.pk, [])) for row in rows]


def film_review_cards(film, rows):
    """Cards for the film page's reviews (rows of queries.ReviewRow's names): the film is the page's own."""
    rows = list(rows)
    tags = tag_links(queries.review_tags, [row.pk for row in rows])
    return [make_review_card(row, film.slug, film.title, film.year, tags.get(row.pk, [])) for row in rows]


def tag_links(prepared_query, ids):
    """{item id: [Link to each tag page]} from a query of (item id, tag name, tag slug) rows."""
    tags = {}
    if ids:
        for item_id, name, slug in prepared_query(queries.padded(ids)):
            tags.setdefault(item_id, []).append(Link(links.tag_url(slug), name))
    return tags


def make_review_card(row, film_slug, film_title, film_year, tags):
    """A ReviewCard from a review's row (the names of queries.ReviewRow) and its film's slug, title and year."""
    return ReviewCard(
        pk=row.pk,
        url=links.review_url(film_slug, row.slug),
        title=title_of_review(row.headline, row.source_name, film_title),
        film=Link(links.film_url(film_slug), film_name(film_title, film_year)),
        author=row.author,
        source_name=row.source_name,
        written_date=row.written_date,
        written_on=format_date(row.written_date, "j M Y") if row.written_date else "",
        rating=rating(row),
        language=row.language,
        excerpt=review_excerpt(row),
        tags=tags,
    )
