"""The tag index and tag pages, where several tags combine: /tags/soviet-thaw+war/."""

from django.http import Http404
from django.shortcuts import redirect, render

from reviews import cards, linked_data, presentation
from reviews.cache import kept, keys, shows
from reviews.models import Film, Review, TagUse

from . import orders
from .paging import keyset_page
from .params import is_tag_slug

TAGS_PER_PAGE = 150
FILMS_PER_PAGE = 12
REVIEWS_PER_PAGE = 10
RELATED_TAGS = 15
TAG_SORTS = {"popular": ("Most used", orders.TAGS_MOST_USED), "name": ("Name", orders.TAGS_BY_NAME)}

MAX_COMBINED = 6  # more tags than this narrow nothing down; a longer address is not a tag page


def tag_list(request):
    sort = request.GET.get("sort", "popular")
    if sort not in TAG_SORTS:
        sort = "popular"
    tags = TagUse.objects.in_use()
    shows(keys.TAGS)
    return render(
        request,
        "reviews/tag_list.html",
        {
            "page": keyset_page(
                request,
                tags,
                TAG_SORTS[sort][1],
                TAGS_PER_PAGE,
                shown=TagUse.objects.select_related("tag"),
                count=tags.count(),
                label="the tag index",
            ),
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in TAG_SORTS.items()],
            "structured_data": linked_data.section(request, "tags"),
        },
    )


def tagged_films(tag_ids):
    return Film.objects.tagged_with_all(tag_ids)


def tagged_reviews(tag_ids):
    return Review.objects.published().tagged_with_all(tag_ids)


def tagged_counts(tag_ids):
    """A kept figure: how many films and published reviews carry all of several tags."""
    shows(*(keys.key("tag", pk) for pk in tag_ids))
    return tagged_films(tag_ids).count(), tagged_reviews(tag_ids).count()


def related_tags(tag_ids):
    """A kept figure, refreshed in the background: the tags found most often with all of these."""
    shows(*(keys.key("tag", pk) for pk in tag_ids))
    return TagUse.objects.related_to(tag_ids, RELATED_TAGS)


def tag_detail(request, slugs):
    given = slugs.split(presentation.TAG_SEPARATOR)
    wanted = presentation.canonical_tags(given)
    if not wanted or len(wanted) > MAX_COMBINED or not all(is_tag_slug(slug) for slug in wanted):
        raise Http404("No such tag.")
    if wanted != given:
        # One address per set of tags: /tags/war+soviet-thaw/ and /tags/war+war/ are other spellings.
        query = request.GET.urlencode()
        return redirect(presentation.tag_url(*wanted) + (f"?{query}" if query else ""), permanent=True)
    # Only tags that something public carries: a tag used on drafts alone stays unknown to visitors.
    found = {tag_use.slug: tag_use for tag_use in TagUse.objects.in_use().with_slugs(wanted)}
    if len(found) != len(wanted):
        raise Http404("No such tag.")
    tags = [found[slug] for slug in wanted]

    tag_ids = tuple(sorted(tag.tag_id for tag in tags))
    if len(tags) == 1:
        film_count, review_count = tags[0].film_count, tags[0].review_count
    else:
        film_count, review_count = kept(tagged_counts, tag_ids, slow=True)
    removable = []
    if len(tags) > 1:
        removable = [
            presentation.Link(presentation.tag_url(*(slug for slug in wanted if slug != tag.slug)), tag.name)
            for tag in tags
        ]
    related = [(tag, presentation.tag_url(*wanted, tag.slug)) for tag in kept(related_tags, tag_ids, slow=True)]
    films = keyset_page(
        request,
        tagged_films(tag_ids),
        orders.FILMS_BY_TITLE,
        FILMS_PER_PAGE,
        count=film_count,
        prefix="films_",
        label="films",
    )
    reviews = keyset_page(
        request,
        tagged_reviews(tag_ids),
        orders.REVIEWS_NEWEST_FIRST,
        REVIEWS_PER_PAGE,
        count=review_count,
        prefix="reviews_",
        label="reviews",
    )
    return render(
        request,
        "reviews/tag_detail.html",
        {
            "tags": tags,
            "film_count": film_count,
            "review_count": review_count,
            "films": films,
            "film_cards": cards.render(cards.FILM, films.object_list),
            "reviews": reviews,
            "review_cards": cards.render(cards.REVIEW, reviews.object_list, show_film=True),
            "removable": removable,
            "related": related,
            "structured_data": linked_data.tags(request, tags),
        },
    )
