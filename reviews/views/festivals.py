"""Festivals, a festival's editions with their top winners, and the edition page."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch
from django.shortcuts import get_object_or_404, render

from reviews import queries
from reviews.models import AwardOutcome, Edition, Festival, JuryMember, Section, Selection

from .paging import numbered_page

FESTIVALS_PER_PAGE = 48


def festival_list(request):
    festivals = (
        Festival.objects.select_related("country")
        .annotate(edition_count=Count("editions"), first_year=Min("editions__year"), latest_year=Max("editions__year"))
        .order_by("name", "pk")
    )
    page = numbered_page(request, festivals, FESTIVALS_PER_PAGE, label="festivals")
    return render(request, "reviews/festival_list.html", {"page": page})


def festival_detail(request, slug):
    festival = get_object_or_404(
        Festival.objects.select_related("country").prefetch_related(
            Prefetch(
                "editions",
                Edition.objects.order_by("-year").prefetch_related(
                    Prefetch(
                        "award_outcomes",
                        AwardOutcome.objects.for_listing().filter(queries.is_top_win()).order_by("pk"),
                        to_attr="top_wins",
                    )
                ),
                to_attr="editions_newest_first",
            ),
            "awards",
        ),
        slug=slug,
    )
    return render(request, "reviews/festival_detail.html", {"festival": festival})


@dataclass
class SelectedFilm:
    """A film in a section's selection, with what it won at the same edition."""

    selection: Selection
    outcomes: list = field(default_factory=list)


@dataclass
class Jury:
    """The main jury or a section's jury, president first."""

    section: Section | None
    members: list = field(default_factory=list)


def edition_detail(request, slug, year):
    edition = get_object_or_404(
        Edition.objects.select_related("festival__country").prefetch_related(
            "citations",
            Prefetch(
                "sections",
                Section.objects.prefetch_related(
                    Prefetch("selections", Selection.objects.select_related("film"), to_attr="selected")
                ),
                to_attr="ordered_sections",
            ),
            Prefetch("jury", JuryMember.objects.select_related("person", "section"), to_attr="jury_members"),
            Prefetch(
                "award_outcomes",
                AwardOutcome.objects.for_listing().order_by("award__position", "award__name", "result", "pk"),
                to_attr="outcomes",
            ),
        ),
        festival__slug=slug,
        year=year,
    )
    outcomes_by_film = {}
    for outcome in edition.outcomes:
        if outcome.film_id:
            outcomes_by_film.setdefault(outcome.film_id, []).append(outcome)
    sections = [
        (
            section,
            [SelectedFilm(selection, outcomes_by_film.get(selection.film_id, [])) for selection in section.selected],
        )
        for section in edition.ordered_sections
    ]
    # The main jury first, then section juries in section order; JuryMember's ordering puts presidents first.
    juries = {}
    for member in edition.jury_members:
        juries.setdefault(member.section_id, Jury(member.section)).members.append(member)
    section_rank = {section.pk: rank for rank, section in enumerate(edition.ordered_sections)}
    juries = sorted(juries.values(), key=lambda jury: -1 if jury.section is None else section_rank[jury.section.pk])

    siblings = Edition.objects.filter(festival=edition.festival).only("year", "number")
    return render(
        request,
        "reviews/edition_detail.html",
        {
            "edition": edition,
            "festival": edition.festival,
            "sections": sections,
            "juries": juries,
            "previous_edition": siblings.filter(year__lt=edition.year).order_by("-year").first(),
            "next_edition": siblings.filter(year__gt=edition.year).order_by("year").first(),
        },
    )
