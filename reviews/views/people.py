"""The list of people and the person page: names, life, filmography, awards, reviews of their films."""

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Upper
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, AwardRecipient, Credit, JuryMember, Person, Review

from . import cards, links, orders
from .figures import figure
from .paging import KeysetList, Page, keyset_page

PEOPLE_PER_PAGE = 60
REVIEWS_PER_PAGE = 10


class PersonLine(NamedTuple):
    """A person as the list of people shows them. `slug` names them in the list's page addresses."""

    pk: int
    slug: str
    url: str
    name: str
    birth_date: datetime.date | None
    death_date: datetime.date | None
    film_count: int


def people_named(letter):
    """Everyone, or those whose name starts with `letter`."""
    people = Person.objects.all()
    if letter is None:
        return people
    # The same expression as person_initial_idx, which serves both the filter and the order.
    return people.alias(initial=Upper(Left("name", 1))).filter(initial=letter)


PEOPLE = KeysetList(
    orders.PEOPLE_BY_NAME,
    people_named,
    lambda people: people.annotate(film_count=queries.film_count()).values_list(
        "pk", "slug", "name", "birth_date", "death_date", "film_count", named=True
    ),
    lambda rows: [PersonLine(row.pk, row.slug, links.person_url(row.slug), *row[2:]) for row in rows],
)
# The published reviews of a person's films, chosen by the films' ids (queries.padded): with the
# ids, not a subquery of the credits, the planner reads each film's reviews by index.
REVIEWS_OF_FILMS = KeysetList(
    orders.REVIEWS_NEWEST_FIRST,
    lambda film_ids: Review.objects.published().filter(film_id__in=film_ids),
    queries.review_card_rows,
    cards.review_cards_of,
)


def person_list(request):
    initials = figure("people:initials", queries.person_initials)
    letter = request.GET.get("letter", "").strip().upper()
    if letter not in initials:
        letter = ""
    page = keyset_page(
        request,
        PEOPLE,
        (letter or None,),
        PEOPLE_PER_PAGE,
        count=figure(f"people:count:{letter}", lambda: people_named(letter or None).count()),
        label="people",
    )
    return render(request, "reviews/person_list.html", {"page": page, "initials": initials, "letter": letter})


@dataclass
class Filmography:
    """A person's credits in one role, oldest film first."""

    role: str
    heading: str
    credits: list


# What a filmography row shows. Plain dicts, not Credit and Film instances: a busy actor has
# hundreds of credits, and building two model instances per row (and resolving attributes on
# them in the template) was most of the page's time. Dicts are what templates look up fastest.
FILMOGRAPHY_COLUMNS = (
    "role",
    "film_id",
    "film__slug",
    "film__title",
    "film__year",
    "character_name",
    "credited_as",
    "note",
)


def filmography_rows(credits):
    """The credits as filmography rows: the film's year, address and title, and what the person played."""
    return [
        {
            "role": role,
            "film_id": film_id,
            "year": year,
            "url": links.film_url(slug),
            "title": title,
            "character_name": character_name,
            "credited_as": credited_as,
            "note": note,
        }
        for role, film_id, slug, title, year, character_name, credited_as, note in credits.values_list(
            *FILMOGRAPHY_COLUMNS
        )
    ]


def group_filmography(rows):
    groups = []
    for role, group in groupby(rows, key=lambda row: row["role"]):
        heading = "Actor" if role == Credit.Role.ACTOR else Credit.Role(role).label
        groups.append(Filmography(role=role, heading=heading, credits=list(group)))
    return groups


def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.annotate(
            # Most people won no award, sat on no jury and have no cited facts: those queries are skipped.
            has_awards=Exists(AwardRecipient.objects.filter(person=OuterRef("pk"))),
            has_juries=Exists(JuryMember.objects.filter(person=OuterRef("pk"))),
            has_citations=queries.has_citations(Person),
        ),
        slug=slug,
    )
    # Vocabulary order of roles first, then the films in the order they came out.
    credits = filmography_rows(
        Credit.objects.filter(person=person)
        .alias(role_rank=Credit.role_rank())
        .order_by("role_rank", "film__year", "film__title", "pk")
    )
    film_ids = queries.padded(sorted({credit["film_id"] for credit in credits}))
    outcomes = juries = ()
    if person.has_awards:
        outcomes = (
            AwardOutcome.objects.for_listing()
            .filter(recipients=person)
            .order_by("edition__year", "award__position", "pk")
        )
    if person.has_juries:
        juries = (
            JuryMember.objects.filter(person=person)
            .select_related("edition__festival", "section")
            .order_by("edition__year", "pk")
        )
    return render(
        request,
        "reviews/person_detail.html",
        {
            "person": person,
            "other_names": person.other_names.all(),
            "filmography": group_filmography(credits),
            "outcomes": outcomes,
            "jury_service": juries,
            "citations": person.citations.all() if person.has_citations else (),
            "reviews": keyset_page(
                request,
                REVIEWS_OF_FILMS,
                (film_ids,),
                REVIEWS_PER_PAGE,
                count=figure(f"people:{person.pk}:reviews", lambda: REVIEWS_OF_FILMS.items(film_ids).count()),
                prefix="reviews_",
                label="reviews",
            )
            if film_ids
            else Page([], count=0),
        },
    )
