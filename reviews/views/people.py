"""The list of people and the person page: names, life, filmography, awards, reviews of their films."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, Credit, JuryMember, Person, Review

from .paging import get_page

PEOPLE_PER_PAGE = 60
REVIEWS_PER_PAGE = 10


def person_list(request):
    initials = list(queries.person_initials())
    letter = request.GET.get("letter", "").strip().upper()
    people = Person.objects.annotate(film_count=Count("credits__film", distinct=True)).order_by("name", "pk")
    if letter in initials:
        people = people.filter(name__istartswith=letter)
    else:
        letter = ""
    return render(
        request,
        "reviews/person_list.html",
        {"page": get_page(request, people, PEOPLE_PER_PAGE), "initials": initials, "letter": letter},
    )


@dataclass
class Filmography:
    """A person's credits in one role, oldest film first."""

    role: str
    heading: str
    credits: list


def group_filmography(credits):
    groups = []
    for role, group in groupby(credits, key=lambda credit: credit.role):
        heading = "Actor" if role == Credit.Role.ACTOR else Credit.Role(role).label
        groups.append(Filmography(role=role, heading=heading, credits=list(group)))
    return groups


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.prefetch_related(
            "other_names",
            "citations",
            Prefetch(
                "credits",
                # Vocabulary order of roles first, then the films in the order they came out.
                Credit.objects.in_billing_order()
                .select_related("film")
                .order_by("role_rank", "film__year", "film__title", "pk"),
                to_attr="filmography_credits",
            ),
            Prefetch(
                "award_outcomes",
                AwardOutcome.objects.for_listing().order_by("edition__year", "award__position", "pk"),
                to_attr="outcomes",
            ),
            Prefetch(
                "juries",
                JuryMember.objects.select_related("edition__festival", "section").order_by("edition__year", "pk"),
                to_attr="jury_service",
            ),
        ),
        slug=slug,
    )
    reviews = queries.with_excerpt(Review.objects.published().for_listing().filter(film__in=queries.films_of(person)))
    return render(
        request,
        "reviews/person_detail.html",
        {
            "person": person,
            "filmography": group_filmography(person.filmography_credits),
            "reviews": get_page(request, reviews, REVIEWS_PER_PAGE, param="reviews_page"),
        },
    )
