"""The tag index and tag pages, where several tags combine: /tags/soviet-thaw+war/."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from taggit.models import Tag

from reviews import queries
from reviews.models import Film, Review

from .paging import get_page
from .params import is_tag_slug

TAGS_PER_PAGE = 150
FILMS_PER_PAGE = 12
REVIEWS_PER_PAGE = 10
RELATED_TAGS = 15
TAG_SORTS = {"popular": ("Most used", ("-use_count", "name")), "name": ("Name", ("name",))}

SEPARATOR = "+"
MAX_COMBINED = 6  # more tags than this narrow nothing down; a longer address is not a tag page


def tag_list(request):
    sort = request.GET.get("sort", "popular")
    if sort not in TAG_SORTS:
        sort = "popular"
    tags = queries.tags_with_counts().order_by(*TAG_SORTS[sort][1], "pk")
    return render(
        request,
        "reviews/tag_list.html",
        {
            "page": get_page(request, tags, TAGS_PER_PAGE),
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in TAG_SORTS.items()],
        },
    )


def tag_url(slugs):
    return reverse("reviews:tag-detail", args=[SEPARATOR.join(slugs)])


@dataclass
class TagLink:
    """A tag with the URL of the tag page after adding or removing it."""

    tag: Tag
    url: str


def tag_detail(request, slugs):
    # dict.fromkeys keeps the order given and drops repeats (/tags/war+war/).
    wanted = list(dict.fromkeys(slug for slug in slugs.split(SEPARATOR) if slug))
    if not wanted or len(wanted) > MAX_COMBINED or not all(is_tag_slug(slug) for slug in wanted):
        raise Http404("No such tag.")
    # Only tags that something public carries: a tag used on drafts alone stays unknown to visitors.
    found = {tag.slug: tag for tag in queries.tags_with_counts(Tag.objects.filter(slug__in=wanted))}
    if len(found) != len(wanted):
        raise Http404("No such tag.")
    tags = [found[slug] for slug in wanted]

    films = queries.films_with_all_tags(Film.objects.all(), tags)
    reviews = queries.reviews_with_all_tags(Review.objects.published(), tags)
    related = queries.related_tags(tags, films, reviews, RELATED_TAGS)
    return render(
        request,
        "reviews/tag_detail.html",
        {
            "tags": tags,
            "films": get_page(
                request, films.for_listing().order_by("title", "year", "pk"), FILMS_PER_PAGE, param="films_page"
            ),
            "reviews": get_page(
                request, queries.with_excerpt(reviews.for_listing()), REVIEWS_PER_PAGE, param="reviews_page"
            ),
            "removable": [TagLink(tag, tag_url([slug for slug in wanted if slug != tag.slug])) for tag in tags]
            if len(tags) > 1
            else [],
            "related": [TagLink(tag, tag_url([*wanted, tag.slug])) for tag in related],
        },
    )
