"""The home page: what is new, what the editors feature, where to start browsing."""

from django.db.models import Count, Max
from django.shortcuts import render

from reviews import queries
from reviews.models import Festival, Film, Review

from . import cards
from .figures import figure, figures

LATEST_REVIEWS = 6
FEATURED_FILMS = 8
POPULAR_TAGS = 24
FESTIVALS = 12


def home(request):
    latest_reviews = cards.review_cards(Review.objects.published().order_by("-published_at", "-pk")[:LATEST_REVIEWS])
    # Kept until the archive changes: the featured films' review counts read thousands of index
    # entries each at a million reviews (8 ms), and neither list changes without an edit.
    kept = figures(
        {"featured_films": featured_films, "festivals": festivals, "popular_tags": popular_tags}, scope="home"
    )
    return render(
        request,
        "reviews/home.html",
        {
            "latest_reviews": latest_reviews,
            "featured_films": kept["featured_films"],
            "festivals": kept["festivals"],
            "popular_tags": kept["popular_tags"],
        },
    )


def featured_films():
    return cards.film_cards(Film.objects.filter(is_featured=True).order_by("title", "pk")[:FEATURED_FILMS])


def festivals():
    festivals = Festival.objects.only("name", "slug").annotate(
        edition_count=Count("editions"), latest_year=Max("editions__year")
    )
    return list(festivals[:FESTIVALS])


def popular_tags():
    return figure("tags:use", queries.tag_use)[:POPULAR_TAGS]
