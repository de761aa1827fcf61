"""The list of people and the person page: names, life, filmography, awards, reviews of their films."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render

from reviews import cards, linked_data, presentation
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
    return render(
        request,
        "reviews/person_list.html",
        {
            "page": page,
            "initials": initials,
            "letter": letter,
            "structured_data": linked_data.section(request, "people"),
        },
    )


def filmography(person_id):
    """A kept figure: a person's credits as filmography rows (CreditQuerySet.filmography()).

    It shows the person's key only: a change to one of their films (its title, its reviews)
    names the people credited on it (reviews/cache/writes.py).
    """
    shows(keys.key("person", person_id))
    return list(Credit.objects.filter(person=person_id).filmography())


def reviews_of_films_count(person_id, film_ids):
    """A kept figure: how many published reviews a person's films have in all."""
    shows(keys.key("person", person_id))
    return Film.objects.filter(pk__in=film_ids).published_review_total()


def honours(person_id):
    """A kept figure: a person's awards and jury service (PersonQuerySet.honours())."""
    shows(keys.key("person", person_id))
    return Person.objects.honours(person_id)


@dataclass
class PersonPage:
    """What the person page shows, as its named queries and kept figures read it."""

    person: Person
    credits: list  # filmography rows (CreditQuerySet.filmography())
    outcomes: list
    juries: list
    reviews: Page  # of reviews of their films (ids only: their cards are read apart)


def read_person_page(request, slug):
    """The person page's records; its JSON (views/data.py) reads the same. Raises Person.DoesNotExist."""
    person = Person.objects.get_for_page(slug)
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
            count=kept(reviews_of_films_count, person.pk, tuple(film_ids)),
            prefix="reviews_",
            label="reviews",
        )
    return PersonPage(person, credits, outcomes, juries, reviews)


def person_detail(request, slug):
    try:
        page = read_person_page(request, slug)
    except Person.DoesNotExist:
        raise Http404("No person at this address.") from None
    return render(
        request,
        "reviews/person_detail.html",
        {
            "person": page.person,
            "outcomes": page.outcomes,
            "juries": page.juries,
            "filmography": presentation.group_filmography(page.credits, dict(Credit.Role.choices), Credit.Role.ACTOR),
            "reviews": page.reviews,
            "review_cards": cards.render(cards.REVIEW, page.reviews.object_list, show_film=True),
            "structured_data": linked_data.person(request, page.person, page.credits),
        },
    )
