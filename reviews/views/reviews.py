"""The list of reviews, newest first, and the review page."""

from django.shortcuts import get_object_or_404, render

from reviews import cards
from reviews.cache import kept, keys, shows
from reviews.models import Film, Review

from . import orders
from .paging import keyset_page

REVIEWS_PER_PAGE = 20
OTHER_REVIEWS = 5


def review_list(request):
    shows(keys.REVIEWS)
    page = keyset_page(
        request,
        Review.objects.published(),
        orders.REVIEWS_NEWEST_FIRST,
        REVIEWS_PER_PAGE,
        count=kept(published_review_total),
        label="reviews",
    )
    review_cards = cards.render(cards.REVIEW, page.object_list, show_film=True, level="2")
    return render(request, "reviews/review_list.html", {"page": page, "review_cards": review_cards})


def published_review_total():
    shows(keys.REVIEWS)
    return Film.objects.published_review_total()


def review_detail(request, film_slug, slug):
    # Drafts and scheduled reviews are not found, exactly like unknown slugs.
    review = get_object_or_404(Review.objects.published().for_detail(), film__slug=film_slug, slug=slug)
    other_reviews = (
        Review.objects.published()
        .filter(film=review.film)
        .exclude(pk=review.pk)
        .for_other_reviews()
        .newest_first()[:OTHER_REVIEWS]
    )
    for other in other_reviews:
        other.film = review.film  # the same film: its title and address need no join
    return render(request, "reviews/review_detail.html", {"review": review, "other_reviews": other_reviews})
