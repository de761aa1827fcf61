"""The list of reviews, newest first, and the review page."""

from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import Review

from . import cards, orders
from .figures import figure
from .paging import KeysetList, keyset_page

REVIEWS_PER_PAGE = 20
OTHER_REVIEWS = 5

PUBLISHED_REVIEWS = KeysetList(
    orders.REVIEWS_NEWEST_FIRST, Review.objects.published, queries.review_card_rows, cards.review_cards_of
)


def review_list(request):
    page = keyset_page(
        request,
        PUBLISHED_REVIEWS,
        (),
        REVIEWS_PER_PAGE,
        count=figure("reviews:count", Review.objects.published().count),
        label="reviews",
    )
    return render(request, "reviews/review_list.html", {"page": page})


def review_detail(request, film_slug, slug):
    # Drafts and reviews dated in the future are not found, exactly like unknown slugs.
    review = get_object_or_404(
        Review.objects.published().select_related("film", "source"), film__slug=film_slug, slug=slug
    )
    other_reviews = (
        Review.objects.published()
        .filter(film=review.film)
        .exclude(pk=review.pk)
        .only("headline", "slug", "author", "rating", "rating_scale", "film", "source__name")
        .select_related("source")
        .order_by("-published_at", "-pk")[:OTHER_REVIEWS]
    )
    for other in other_reviews:
        other.film = review.film  # the same film: its title and address need no join
    return render(
        request,
        "reviews/review_detail.html",
        {"review": review, "tags": review.tags.all(), "other_reviews": other_reviews},
    )
