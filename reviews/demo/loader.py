"""Load the demo archive (reviews.demo.data) into the database.

Everything is keyed by slugs and natural keys and created only when missing: running it
again adds nothing and never overwrites what an editor changed (a row an editor deleted
does come back). It runs in one transaction, so a failure leaves the database as it was.
The seed review goes through `manage.py import_reviews`, exactly as an imported review.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from reviews.models import (
    Award,
    AwardOutcome,
    AwardRecipient,
    Citation,
    Country,
    Credit,
    Edition,
    Festival,
    Film,
    FilmTitle,
    JuryMember,
    Person,
    PersonName,
    Review,
    Section,
    Selection,
    Source,
)

from . import data

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
SEED_REVIEW_PATH = SEEDS_DIR / data.SEED_REVIEW["file"]

FILM_FIELDS = ("title", "year", "runtime_minutes", "synopsis", "imdb_id", "wikidata_id", "is_featured")
PERSON_FIELDS = ("birth_date", "birth_place", "death_date", "death_place", "biography", "imdb_id", "wikidata_id")


@dataclass(frozen=True)
class Summary:
    films: int
    people: int
    editions: int
    reviews: int
    rows_added: int

    def __str__(self):
        return (
            f"Demo archive: {self.films} films, {self.people} people, {self.editions} festival editions, "
            f"{self.reviews} reviews; {self.rows_added} rows added."
        )


def load_demo():
    """Load the whole demo archive, seed review included; return what it holds and what was added."""
    with transaction.atomic():
        before = row_counts()
        loader = load_archive()
        import_seed_review()
        rows_added = sum(after - before[label] for label, after in row_counts().items())
    return Summary(
        films=len(data.FILMS),
        people=len(loader.people),
        editions=len(data.EDITIONS),
        reviews=len(data.EDITOR_REVIEWS) + 1,
        rows_added=rows_added,
    )


def load_archive():
    """Everything but the seed review (which needs `import_reviews`), in one transaction."""
    loader = _Loader()
    with transaction.atomic():
        loader.load_archive()
    return loader


def import_seed_review():
    """Import the seed through `import_reviews`; its text is unique per source, so a second run is a no-op."""
    call_command(
        "import_reviews",
        str(SEED_REVIEW_PATH),
        imdb_id=data.SEED_REVIEW["imdb_id"],
        publish=True,
        tag=list(data.SEED_REVIEW["tags"]),
        no_progress=True,
        stdout=io.StringIO(),  # load_demo prints one summary line of its own
    )


def row_counts():
    """Rows per model of the archive (and taggit's tags): what a load added is the difference."""
    models = [*apps.get_app_config("reviews").get_models(), Tag]
    return {model._meta.label: model.objects.count() for model in models}


class _Loader:
    def __init__(self):
        self.countries = {}
        self.people = {}
        self.films = {}

    def load_archive(self):
        # Countries are reference data that migrate loads (migration 0008); films name them by ISO code.
        self.countries = Country.objects.in_bulk(field_name="code")
        for spec in data.FILMS:
            self.films[spec["slug"]] = self._load_film(spec)
        for spec in data.FESTIVALS:
            self._load_festival(spec)
        for spec in data.SOURCES_OF_REVIEWS:
            Source.objects.get_or_create(slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"})
        for spec in data.EDITOR_REVIEWS:
            self._load_editor_review(spec)

    def person(self, name):
        """The person with this canonical name, created (with any details from data.PEOPLE) if missing."""
        if name not in self.people:
            details = data.PEOPLE.get(name, {})
            person, _ = Person.objects.get_or_create(
                slug=details.get("slug") or slugify(name),
                defaults={"name": name, **{k: details[k] for k in PERSON_FIELDS if k in details}},
            )
            for other_name, kind, language in details.get("other_names", ()):
                PersonName.objects.get_or_create(
                    person=person, name=other_name, defaults={"kind": kind, "language": language}
                )
            _cite(person, details.get("citations", ()))
            self.people[name] = person
        return self.people[name]

    def _load_film(self, spec):
        fields = {k: spec[k] for k in FILM_FIELDS if k in spec}
        film = Film.objects.filter(imdb_id=spec["imdb_id"]).first() if spec.get("imdb_id") else None
        if film is None:
            film, _ = Film.objects.get_or_create(slug=spec["slug"], defaults=fields)
        else:
            # A film without a year is a placeholder an import created from a bare IMDb id: complete it
            # (its slug stays: URLs are permanent). Otherwise fill only what is empty.
            is_placeholder = film.year is None
            changed = [name for name, value in fields.items() if value and (is_placeholder or not getattr(film, name))]
            for name in changed:
                setattr(film, name, fields[name])
            if changed:
                film.save(update_fields=changed)
        film.countries.add(*(self.countries[code] for code in spec["countries"]))
        film.tags.add(*spec.get("tags", ()))
        for title, kind, language in spec["titles"]:
            FilmTitle.objects.get_or_create(film=film, title=title, kind=kind, language=language)
        for name, role, character, billing_order in spec["credits"]:
            Credit.objects.get_or_create(
                film=film,
                person=self.person(name),
                role=role,
                character_name=character,
                defaults={"billing_order": billing_order},
            )
        _cite(film, spec.get("citations", ()))
        return film

    def _load_festival(self, spec):
        fields = {k: v for k, v in spec.items() if k not in ("slug", "awards", "country")}
        festival, _ = Festival.objects.get_or_create(
            slug=spec["slug"], defaults={**fields, "country": self.countries[spec["country"]]}
        )
        awards = {
            award["slug"]: Award.objects.get_or_create(
                festival=festival, slug=award["slug"], defaults={k: v for k, v in award.items() if k != "slug"}
            )[0]
            for award in spec["awards"]
        }
        for edition_spec in data.EDITIONS:
            if edition_spec["festival"] == spec["slug"]:
                self._load_edition(festival, awards, edition_spec)

    def _load_edition(self, festival, awards, spec):
        edition, _ = Edition.objects.get_or_create(
            festival=festival,
            year=spec["year"],
            defaults={
                "number": spec["number"],
                "start_date": spec["start_date"],
                "end_date": spec["end_date"],
                "notes": spec.get("notes", ""),
            },
        )
        for position, (name, films) in enumerate(spec["sections"].items()):
            section, _ = Section.objects.get_or_create(edition=edition, name=name, defaults={"position": position})
            for film_slug, note in films:
                Selection.objects.get_or_create(section=section, film=self.films[film_slug], defaults={"note": note})
        for name, role in spec["jury"]:
            JuryMember.objects.get_or_create(
                edition=edition, person=self.person(name), section=None, defaults={"role": role}
            )
        for outcome_spec in spec["outcomes"]:
            outcome, _ = AwardOutcome.objects.get_or_create(
                edition=edition,
                award=awards[outcome_spec["award"]],
                film=self.films[outcome_spec["film"]],
                result=outcome_spec.get("result", AwardOutcome.Result.WON),
                defaults={
                    "name_as_awarded": outcome_spec.get("name_as_awarded", ""),
                    "note": outcome_spec.get("note", ""),
                },
            )
            for name in outcome_spec.get("recipients", ()):
                AwardRecipient.objects.get_or_create(outcome=outcome, person=self.person(name))
            _cite(outcome, outcome_spec.get("citations", ()))

    def _load_editor_review(self, spec):
        review, _ = Review.objects.get_or_create(
            film=self.films[spec["film"]],
            slug=spec["slug"],
            defaults={
                "headline": spec["headline"],
                "body": spec["body"],
                "author": "The editors",
                "source": Source.objects.built_in(),
                "language": "en",
                "written_date": spec["written_date"],
                "rating": spec["rating"],
                "rating_scale": Review.RatingScale.STARS_5,
                "status": Review.Status.PUBLISHED,
                "published_at": spec["published_at"],
            },
        )
        review.tags.add(*spec["tags"])


def _cite(subject, citations):
    """Attach the published sources of a record's facts (keys of data.SOURCES) as Citation rows."""
    content_type = ContentType.objects.get_for_model(subject)
    for citation in citations:
        title, url = data.SOURCES[citation["source"]]
        Citation.objects.get_or_create(
            content_type=content_type,
            object_id=subject.pk,
            fact=citation["fact"],
            value=citation.get("value", ""),
            source=title,
            defaults={"url": url, "note": citation.get("note", "")},
        )
