"""The list of reviews, newest first, and the review page."""

from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import Review

from .paging import get_page

REVIEWS_PER_PAGE = 20
OTHER_REVIEWS = 5


def review_list(request):
    reviews = queries.with_excerpt(Review.objects.published().for_listing())
    return render(request, "reviews/review_list.html", {"page": get_page(request, reviews, REVIEWS_PER_PAGE)})


def review_detail(request, film_slug, slug):
    # Drafts and reviews dated in the future are not found, exactly like unknown slugs.
    review = get_object_or_404(Review.objects.published().for_detail(), film__slug=film_slug, slug=slug)
    other_reviews = (
        Review.objects.published().filter(film=review.film).exclude(pk=review.pk).select_related("film", "source")
    )
    return render(
        request,
        "reviews/review_detail.html",
        {"review": review, "other_reviews": other_reviews.defer("body")[:OTHER_REVIEWS]},
    )
