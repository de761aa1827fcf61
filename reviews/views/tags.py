"""The tag index and tag pages, where several tags combine: /tags/soviet-thaw+war/."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render

from reviews import queries
from reviews.models import Film, Review

from . import cards, links, orders
from .figures import figure, figures
from .paging import KeysetList, keyset_page, numbered_page
from .params import is_tag_slug

TAGS_PER_PAGE = 150
FILMS_PER_PAGE = 12
REVIEWS_PER_PAGE = 10
RELATED_TAGS = 15
TAG_SORTS = {"popular": "Most used", "name": "Name"}

SEPARATOR = "+"
MAX_COMBINED = 6  # more tags than this narrow nothing down; a longer address is not a tag page


# The films and the published reviews carrying every one of a page's tags, chosen by the tags' ids.
TAGGED_FILMS = KeysetList(
    orders.FILMS_BY_TITLE,
    lambda tag_ids: queries.films_with_all_tags(Film.objects.all(), tag_ids),
    queries.film_card_rows,
    cards.film_cards_of,
)
TAGGED_REVIEWS = KeysetList(
    orders.REVIEWS_NEWEST_FIRST,
    lambda tag_ids: queries.reviews_with_all_tags(Review.objects.published(), tag_ids),
    queries.review_card_rows,
    cards.review_cards_of,
)


class KeptTagIndex:
    """The tags in use in one order, as Paginator reads a sequence: its length and one slice.

    Each slice is a figure of its own, so a page of the index reads 150 tags from the
    cache, not the 20,000 of the whole index.
    """

    def __init__(self, sort):
        self.sort = sort
        self.tags = None

    def __len__(self):
        return figure("tags:in-use", lambda: len(self._ordered()))

    def __getitem__(self, window):
        return figure(f"tags:index:{self.sort}:{window.start}:{window.stop}", lambda: self._ordered()[window])

    def _ordered(self):
        if self.tags is None:  # once per request, should both figures need it
            self.tags = figure("tags:use", queries.tag_use)  # most used first
            if self.sort == "name":
                self.tags = sorted(self.tags, key=lambda tag: tag.name)
        return self.tags


def tag_list(request):
    sort = request.GET.get("sort", "popular")
    if sort not in TAG_SORTS:
        sort = "popular"
    return render(
        request,
        "reviews/tag_list.html",
        {
            "page": numbered_page(request, KeptTagIndex(sort), TAGS_PER_PAGE, label="the tag index"),
            "sort": sort,
            "sorts": list(TAG_SORTS.items()),
        },
    )


def tag_url(slugs):
    """The page of the tags with these slugs, combined."""
    return links.tag_url(*slugs)


@dataclass
class TagLink:
    """A tag with the URL of the tag page after adding or removing it."""

    tag: object
    url: str


def tag_detail(request, slugs):
    # dict.fromkeys keeps the order given and drops repeats (/tags/war+war/).
    wanted = list(dict.fromkeys(slug for slug in slugs.split(SEPARATOR) if slug))
    if not wanted or len(wanted) > MAX_COMBINED or not all(is_tag_slug(slug) for slug in wanted):
        raise Http404("No such tag.")
    # Only tags that something public carries: a tag used on drafts alone stays unknown to visitors.
    found = {tag.slug: tag for tag in queries.public_tags(wanted)}
    if len(found) != len(wanted):
        raise Http404("No such tag.")
    tags = [found[slug] for slug in wanted]

    tag_ids = [tag.pk for tag in tags]
    combination = ",".join(str(pk) for pk in sorted(tag_ids))
    # The lists' QuerySets are built only when a figure must be computed again.
    kept = figures(
        {
            "counts": lambda: (TAGGED_FILMS.items(tag_ids).count(), TAGGED_REVIEWS.items(tag_ids).count()),
            "related": lambda: queries.related_tags(
                tags, TAGGED_FILMS.items(tag_ids), TAGGED_REVIEWS.items(tag_ids), RELATED_TAGS
            ),
        },
        scope=f"tags:{combination}",
    )
    film_count, review_count = kept["counts"]
    return render(
        request,
        "reviews/tag_detail.html",
        {
            "tags": tags,
            "film_count": film_count,
            "review_count": review_count,
            "films": keyset_page(
                request,
                TAGGED_FILMS,
                (tag_ids,),
                FILMS_PER_PAGE,
                count=film_count,
                prefix="films_",
                label="films",
            ),
            "reviews": keyset_page(
                request,
                TAGGED_REVIEWS,
                (tag_ids,),
                REVIEWS_PER_PAGE,
                count=review_count,
                prefix="reviews_",
                label="reviews",
            ),
            "removable": [TagLink(tag, tag_url([slug for slug in wanted if slug != tag.slug])) for tag in tags]
            if len(tags) > 1
            else [],
            "related": [TagLink(tag, tag_url([*wanted, tag.slug])) for tag in kept["related"]],
        },
    )
