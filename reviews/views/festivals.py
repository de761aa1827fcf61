"""Festivals, a festival's editions with their top winners, and the edition page."""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from reviews import linked_data, presentation
from reviews.cache import kept, keys, shows
from reviews.models import Edition, Festival, Section, Selection

from .paging import numbered_page

FESTIVALS_PER_PAGE = 48


def festival_list(request):
    shows(keys.FESTIVALS)
    page = numbered_page(request, Festival.objects.for_listing(), FESTIVALS_PER_PAGE, label="festivals")
    return render(
        request,
        "reviews/festival_list.html",
        {"page": page, "structured_data": linked_data.section(request, "festivals")},
    )


def festival_detail(request, slug):
    festival = get_object_or_404(Festival.objects.for_detail(), slug=slug)
    editions, edition_summaries = kept(edition_list_and_summaries, festival.pk)
    return render(
        request,
        "reviews/festival_detail.html",
        {
            "festival": festival,
            "editions": editions,
            "edition_summaries": edition_summaries,
            "structured_data": linked_data.festival(request, festival, edition_summaries),
        },
    )


def edition_list_and_summaries(festival_id):
    """A kept figure: the festival page's editions with their top winners, rendered (seventy editions:
    hundreds of records to read and lines to render, changed only by an edit to one of them), and
    each edition's address, title and dates (presentation.EditionSummary, newest first)."""
    festival = festival_editions(festival_id)
    summaries = [
        presentation.EditionSummary(
            edition.get_absolute_url(), edition.title, edition.year, edition.start_date, edition.end_date
        )
        for edition in festival.editions_newest_first
    ]
    return render_to_string("reviews/festival_detail.html#editions", {"festival": festival}), summaries


def festival_editions(festival_id):
    """The festival with the editions its page lists (`editions_newest_first`), each with its top winners;
    its JSON (views/data.py) reads the same."""
    return Festival.objects.with_editions().get(pk=festival_id)


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


@dataclass
class EditionPage:
    """What the edition page shows: the edition (Edition.objects.get_for_page()), its sections with the
    films selected and what each won there, its juries."""

    edition: Edition
    sections: list  # (section, [SelectedFilm])
    juries: list  # [Jury], the main jury first


def read_edition_page(slug, year):
    """The edition page's records; its JSON (views/data.py) reads the same. Raises Edition.DoesNotExist."""
    edition = Edition.objects.get_for_page(slug, year)
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
    return EditionPage(edition, sections, juries)


def edition_detail(request, slug, year):
    try:
        page = read_edition_page(slug, year)
    except Edition.DoesNotExist:
        raise Http404("No edition at this address.") from None
    return render(
        request,
        "reviews/edition_detail.html",
        {
            "edition": page.edition,
            "festival": page.edition.festival,
            "sections": page.sections,
            "juries": page.juries,
            "structured_data": linked_data.edition(request, page.edition, page.sections),
        },
    )
