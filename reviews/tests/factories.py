"""Plain factory functions for tests: each makes one saved object with sensible defaults."""

import itertools

from django.utils import timezone
from django.utils.text import slugify

from reviews.models import (
    Award,
    AwardOutcome,
    Country,
    Credit,
    Edition,
    Festival,
    Film,
    FilmTitle,
    Person,
    PersonName,
    Review,
    Section,
    Selection,
    Source,
)

_sequence = itertools.count(1)


def _next():
    return next(_sequence)


def make_country(code="SUHH", name="Soviet Union", **kwargs):
    country, _ = Country.objects.get_or_create(code=code, defaults={"name": name, **kwargs})
    return country


def make_film(title=None, year=1957, tags=(), countries=(), titles=(), **kwargs):
    title = title or f"Film {_next()}"
    kwargs.setdefault("slug", slugify(f"{title}-{year}-{_next()}"))
    film = Film.objects.create(title=title, year=year, **kwargs)
    if tags:
        film.tags.add(*tags)
    if countries:
        film.countries.add(*countries)
    for other_title, kind, language in titles:
        FilmTitle.objects.create(film=film, title=other_title, kind=kind, language=language)
    return film


def make_person(name=None, other_names=(), **kwargs):
    name = name or f"Person {_next()}"
    kwargs.setdefault("slug", slugify(f"{name}-{_next()}"))
    person = Person.objects.create(name=name, **kwargs)
    for other_name, kind in other_names:
        PersonName.objects.create(person=person, name=other_name, kind=kind)
    return person


def make_credit(film=None, person=None, role=Credit.Role.DIRECTOR, **kwargs):
    return Credit.objects.create(film=film or make_film(), person=person or make_person(), role=role, **kwargs)


def make_source(name="IMDb user review", slug="imdb-user-review", **kwargs):
    source, _ = Source.objects.get_or_create(slug=slug, defaults={"name": name, **kwargs})
    return source


def make_review(film=None, body=None, status=Review.Status.PUBLISHED, tags=(), **kwargs):
    number = _next()
    kwargs.setdefault("slug", f"review-{number}")
    kwargs.setdefault("source", make_source())
    if status == Review.Status.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=number))
    review = Review.objects.create(
        film=film or make_film(),
        body=body or f"Review text number {number}.<br /><br />A second paragraph.",
        status=status,
        **kwargs,
    )
    if tags:
        review.tags.add(*tags)
    return review


def make_festival(name=None, **kwargs):
    name = name or f"Festival {_next()}"
    kwargs.setdefault("slug", slugify(name))
    return Festival.objects.create(name=name, **kwargs)


def make_edition(festival=None, year=1958, **kwargs):
    return Edition.objects.create(festival=festival or make_festival(), year=year, **kwargs)


def make_section(edition=None, name="Competition", films=(), **kwargs):
    section = Section.objects.create(edition=edition or make_edition(), name=name, **kwargs)
    for film in films:
        Selection.objects.create(section=section, film=film)
    return section


def make_award(festival=None, name="Palme d'Or", **kwargs):
    kwargs.setdefault("slug", slugify(f"{name}-{_next()}"))
    return Award.objects.create(festival=festival or make_festival(), name=name, **kwargs)


def make_outcome(edition=None, award=None, film=None, recipients=(), **kwargs):
    edition = edition or make_edition()
    outcome = AwardOutcome.objects.create(
        edition=edition, award=award or make_award(festival=edition.festival), film=film, **kwargs
    )
    if recipients:
        outcome.recipients.add(*recipients)
    return outcome
