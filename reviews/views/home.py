"""The home page: what is new, what the editors feature, where to start browsing."""

from django.shortcuts import render

from reviews import cards, linked_data
from reviews.cache import keys, shows
from reviews.models import Festival, Film, Review, TagUse

LATEST_REVIEWS = 6
FEATURED_FILMS = 8
POPULAR_TAGS = 24
FESTIVALS = 12


def home(request):
    shows(keys.REVIEWS, keys.FEATURED, keys.FESTIVALS, keys.TAGS)
    return render(
        request,
        "reviews/home.html",
        {
            "latest_reviews": cards.render(
                cards.REVIEW, Review.objects.published().newest_first().only("pk")[:LATEST_REVIEWS], show_film=True
            ),
            "featured_films": cards.render(cards.FILM, Film.objects.featured().only("pk")[:FEATURED_FILMS]),
            "festivals": Festival.objects.for_listing()[:FESTIVALS],
            "popular_tags": TagUse.objects.in_use().most_used()[:POPULAR_TAGS],
            "structured_data": linked_data.home(request),
        },
    )
