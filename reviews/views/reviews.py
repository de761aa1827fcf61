"""The list of reviews, newest first, and the review page."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from reviews import cards, linked_data
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
    return render(
        request,
        "reviews/review_list.html",
        {"page": page, "review_cards": review_cards, "structured_data": linked_data.section(request, "reviews")},
    )


def published_review_total():
    shows(keys.REVIEWS)
    return Film.objects.published_review_total()


def can_preview(user):
    """Signed-in editors see drafts and scheduled reviews on the public site, as a preview."""
    return user.is_authenticated and user.is_staff and user.has_perm("reviews.view_review")


def read_review(reviews, film_slug, slug):
    """The review at film_slug/slug among `reviews` (Review.objects.for_detail(), published or not), and
    the short list of its film's other published reviews; its JSON (views/data.py) reads the same.
    Raises Review.DoesNotExist."""
    review = reviews.get(film__slug=film_slug, slug=slug)
    other_reviews = (
        Review.objects.published()
        .filter(film=review.film)
        .exclude(pk=review.pk)
        .for_other_reviews()
        .newest_first()[:OTHER_REVIEWS]
    )
    for other in other_reviews:
        other.film = review.film  # the same film: its title and address need no join
    return review, other_reviews


def review_moved(reviews, film_slug, slug):
    """The review among `reviews` now at the place of the address film_slug/slug, or None.

    A review moved (to another film, or to another slug) leaves its address behind, and so does a film
    whose slug changed (reviews/models/addresses.py); it leads on only to what `reviews` holds.
    """
    return (
        reviews.filter(former_addresses__film_slug=film_slug, former_addresses__review_slug=slug).first()
        # Second: the review kept its slug and its film moved (a merge may have given the film
        # another review of this slug, whose former address the first look-up found).
        or reviews.filter(
            slug=slug, film__former_addresses__film_slug=film_slug, film__former_addresses__review_slug=""
        ).first()
    )


def review_detail(request, film_slug, slug):
    # For visitors, drafts and scheduled reviews are not found, exactly like unknown slugs.
    reviews = Review.objects.for_detail()
    if not can_preview(request.user):
        reviews = reviews.published()
    try:
        review, other_reviews = read_review(reviews, film_slug, slug)
    except Review.DoesNotExist:
        moved = review_moved(reviews, film_slug, slug)
        if moved is None:
            raise Http404("No review at this address.") from None
        return redirect(moved, permanent=True)
    preview = not review.is_public
    response = render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "other_reviews": other_reviews,
            "preview": preview,
            "structured_data": linked_data.review(request, review),
        },
    )
    if preview:
        # Never kept by any cache, never indexed: only the editor asking sees it.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
