"""The list of people and the person page: names, life, filmography, awards, reviews of their films."""

from django.http import Http404
from django.shortcuts import render

from reviews import cards, presentation
from reviews.cache import kept, keys, shows
from reviews.models import Credit, Film, Person, Review

from . import orders
from .paging import Page, keyset_page

PEOPLE_PER_PAGE = 60
REVIEWS_PER_PAGE = 10


def people_named(letter):
    """Everyone, or those whose name starts with `letter`."""
    return Person.objects.all() if letter is None else Person.objects.with_initial(letter)


def person_count(letter):
    """A kept figure: how many people the list holds (a count of up to hundreds of thousands)."""
    shows(keys.PEOPLE)
    return people_named(letter).count()


def person_initials():
    shows(keys.PEOPLE)
    return Person.objects.initials()


def person_list(request):
    shows(keys.PEOPLE)
    initials = kept(person_initials)
    letter = request.GET.get("letter", "").strip().upper()
    if letter not in initials:
        letter = ""
    page = keyset_page(
        request,
        people_named(letter or None),
        orders.PEOPLE_BY_NAME,
        PEOPLE_PER_PAGE,
        shown=Person.objects.for_listing(),
        count=kept(person_count, letter or None),
        label="people",
    )
    return render(request, "reviews/person_list.html", {"page": page, "initials": initials, "letter": letter})


def filmography(person_id):
    """A kept figure: a person's credits as filmography rows (CreditQuerySet.filmography())."""
    shows(keys.key("person", person_id))
    rows = list(Credit.objects.filter(person=person_id).filmography())
    # Read as rows, not instances: their films are recorded here.
    shows(*(keys.key("film", film_id) for film_id in {row["film_id"] for row in rows}))
    return rows


def reviews_of_films_count(film_ids):
    """A kept figure: how many published reviews these films (a person's) have in all."""
    shows(*(keys.key("film", film_id) for film_id in film_ids))
    return Film.objects.filter(pk__in=film_ids).published_review_total()


def honours(person_id):
    """A kept figure: a person's awards and jury service (PersonQuerySet.honours())."""
    shows(keys.key("person", person_id))
    return Person.objects.honours(person_id)


def person_detail(request, slug):
    try:
        person = Person.objects.get_for_page(slug)
    except Person.DoesNotExist:
        raise Http404("No person at this address.") from None
    credits = kept(filmography, person.pk)
    outcomes, juries = kept(honours, person.pk) if person.has_awards or person.has_juries else ((), ())
    film_ids = sorted({credit["film_id"] for credit in credits})
    reviews = Page([], count=0)
    if film_ids:
        reviews = keyset_page(
            request,
            Review.objects.published().of_films(film_ids),
            orders.REVIEWS_NEWEST_FIRST,
            REVIEWS_PER_PAGE,
            count=kept(reviews_of_films_count, tuple(film_ids)),
            prefix="reviews_",
            label="reviews",
        )
    return render(
        request,
        "reviews/person_detail.html",
        {
            "person": person,
            "outcomes": outcomes,
            "juries": juries,
            "filmography": presentation.group_filmography(credits, dict(Credit.Role.choices), Credit.Role.ACTOR),
            "reviews": reviews,
            "review_cards": cards.render(cards.REVIEW, reviews.object_list, show_film=True),
        },
    )
