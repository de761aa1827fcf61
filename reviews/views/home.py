"""The home page: what is new, what the editors feature, where to start browsing."""

from django.db.models import Count, Max
from django.shortcuts import render

from reviews import queries
from reviews.models import Festival, Film, Review

from .figures import figure

LATEST_REVIEWS = 6
FEATURED_FILMS = 8
POPULAR_TAGS = 24
FESTIVALS = 12


def home(request):
    latest_reviews = queries.review_cards(Review.objects.published()).order_by("-published_at", "-pk")[:LATEST_REVIEWS]
    featured_films = queries.film_cards(Film.objects.filter(is_featured=True)).order_by("title", "pk")[:FEATURED_FILMS]
    festivals = Festival.objects.only("name", "slug").annotate(
        edition_count=Count("editions"), latest_year=Max("editions__year")
    )[:FESTIVALS]
    return render(
        request,
        "reviews/home.html",
        {
            "latest_reviews": latest_reviews,
            "featured_films": featured_films,
            "festivals": festivals,
            "popular_tags": figure("tags:popular", popular_tags),
        },
    )


def popular_tags():
    return figure("tags:use", queries.tag_use)[:POPULAR_TAGS]
