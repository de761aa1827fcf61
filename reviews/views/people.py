"""The list of people and the person page: names, life, filmography, awards, reviews of their films."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Upper
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, AwardRecipient, Credit, JuryMember, Person, Review

from . import cards, links, orders
from .figures import figure
from .paging import keyset_page

PEOPLE_PER_PAGE = 60
REVIEWS_PER_PAGE = 10


def person_list(request):
    initials = figure("people:initials", queries.person_initials)
    letter = request.GET.get("letter", "").strip().upper()
    people = Person.objects.all()
    if letter in initials:
        # The same expression as person_initial_idx, which serves both the filter and the order.
        people = people.alias(initial=Upper(Left("name", 1))).filter(initial=letter)
    else:
        letter = ""
    page = keyset_page(
        request,
        people,
        orders.PEOPLE_BY_NAME,
        PEOPLE_PER_PAGE,
        shown=people_listed,
        count=figure(f"people:count:{letter}", people.count),
        label="people",
    )
    return render(request, "reviews/person_list.html", {"page": page, "initials": initials, "letter": letter})


def people_listed(people):
    """What person_list.html touches: name, address, years, how many films."""
    return people.only("name", "slug", "birth_date", "death_date").annotate(film_count=queries.film_count())


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
    # The films' ids, not a subquery: the planner then reads each film's reviews by index.
    film_ids = sorted({credit["film_id"] for credit in credits})
    reviews = Review.objects.published().filter(film_id__in=film_ids)
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
                reviews,
                orders.REVIEWS_NEWEST_FIRST,
                REVIEWS_PER_PAGE,
                shown=cards.review_cards,
                count=figure(f"people:{person.pk}:reviews", reviews.count) if film_ids else 0,
                prefix="reviews_",
                label="reviews",
            ),
        },
    )
