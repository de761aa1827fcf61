"""A whole small archive for the public pages' tests, at any size.

`build_site(size)` makes every list a page shows hold about `size` items (credits,
reviews, editions, selections, jury members, tags, ...), so the same pages built at
two sizes must run the same number of queries. Drafts and future-dated reviews are
always there too, each with a tag and a film of its own that nothing public carries.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from reviews.models import Citation, Credit, Edition, Festival, Film, FilmTitle, JuryMember, Person, PersonName, Review

from .factories import (
    make_award,
    make_country,
    make_credit,
    make_edition,
    make_film,
    make_outcome,
    make_person,
    make_review,
    make_section,
    make_source,
)

SECRET_HEADLINES = ("Secret draft", "Review from the future")
SECRET_TAGS = ("draft-only-tag", "future-only-tag")
DRAFT_ONLY_FILM_TITLE = "Film with a draft only"

# One address of each public page type in the archive build_site() makes, for the tests that
# check every page type (axe-core in a browser, the Nu Html Checker).
PAGE_TYPES = {
    "home": "/",
    "film list": "/films/",
    "film list by decade": "/films/?decade=1950",
    "film": "/films/the-cranes-are-flying-1957/",
    "review": "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
    "review list": "/reviews/",
    "people": "/people/",
    "person": "/people/mikhail-kalatozov/",
    "festivals": "/festivals/",
    "festival": "/festivals/cannes/",
    "edition": "/festivals/cannes/1958/",
    "tags": "/tags/",
    "tag": "/tags/soviet-thaw/",
    "search results": "/search/?q=cranes",
    "search with nothing found": "/search/?q=zzzzqqq",
    "the archive as data": "/data/",
    "not found": "/no-such-page/",
}


@dataclass
class Site:
    size: int
    film: Film
    review: Review
    person: Person
    festival: Festival
    edition: Edition
    draft: Review
    future: Review


def cite(record, fact, value):
    return Citation.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        fact=fact,
        value=value,
        source="Test source",
        url="https://example.org/source",
    )


def build_site(size):
    ussr = make_country("SUHH", "Soviet Union", start_year=1922, end_year=1991)
    france = make_country("FR", "France")
    make_source(url="https://www.imdb.com/")

    kalatozov = make_person(
        "Mikhail Kalatozov",
        slug="mikhail-kalatozov",
        other_names=[("Mikheil Kalatozishvili", PersonName.Kind.BIRTH_NAME)],
        birth_date=date(1903, 12, 28),
        death_date=date(1973, 3, 27),
        biography="A Georgian-born Soviet director.",
    )
    urusevsky = make_person("Sergey Urusevsky", slug="sergey-urusevsky")
    samoilova = make_person("Tatiana Samoilova", slug="tatiana-samoilova")
    cite(kalatozov, "birth date", "28 December 1903")

    cranes = make_film(
        "The Cranes Are Flying",
        slug="the-cranes-are-flying-1957",
        year=1957,
        runtime_minutes=95,
        imdb_id="tt0050634",
        is_featured=True,
        synopsis="Moscow, June 1941.",
        tags=["soviet thaw", "war"],
        countries=[ussr],
        titles=[
            ("Летят журавли", FilmTitle.Kind.ORIGINAL, "ru"),
            ("Letyat zhuravli", FilmTitle.Kind.TRANSLITERATED, "ru-Latn"),
            ("Quand passent les cigognes", FilmTitle.Kind.TRANSLATED, "fr"),
        ],
    )
    cite(cranes, "runtime", "97 min")
    make_credit(cranes, kalatozov, Credit.Role.DIRECTOR, billing_order=1)
    make_credit(cranes, urusevsky, Credit.Role.CINEMATOGRAPHER)
    make_credit(cranes, samoilova, Credit.Role.ACTOR, character_name="Veronika", billing_order=1)

    review = make_review(
        cranes,
        headline="A film of flight",
        slug="a-film-of-flight",
        author="An editor",
        rating=8,
        written_date=date(2025, 1, 2),
        body="The camera flies.<br /><br />Samoilova is luminous.",
        tags=["soviet thaw", "war"],
    )

    cannes = Festival.objects.create(
        name="Cannes Film Festival", short_name="Cannes", slug="cannes", city="Cannes", country=france
    )
    palme = make_award(cannes, "Palme d'Or", slug="palme-dor", position=0)
    mention = make_award(cannes, "Special Mention", slug="special-mention", position=5)
    edition = make_edition(cannes, 1958, number=11, start_date=date(1958, 5, 2), end_date=date(1958, 5, 18))
    cite(edition, "dates", "2–18 May 1958")
    competition = make_section(edition, "Competition", films=[cranes], position=0)
    side = make_section(edition, "Out of competition", is_competitive=False, position=1)
    make_outcome(edition, palme, cranes)
    make_outcome(edition, mention, cranes, recipients=[samoilova], result="special_mention")
    JuryMember.objects.create(edition=edition, person=urusevsky, role=JuryMember.Role.PRESIDENT)
    JuryMember.objects.create(edition=edition, person=samoilova, section=side)

    for number in range(size):
        year = 1930 + number * 7 % 70
        film = make_film(
            f"Film number {number}",
            year=year,
            is_featured=True,
            tags=["soviet thaw", f"tag {number}"],
            countries=[ussr if number % 2 else france],
            titles=[(f"Titre {number}", FilmTitle.Kind.TRANSLATED, "fr")],
        )
        make_credit(film, kalatozov, Credit.Role.DIRECTOR)
        make_credit(film, kalatozov, Credit.Role.WRITER)
        actor = make_person(f"Actor {number}", birth_date=date(1920, 1, 1))
        make_credit(cranes, actor, Credit.Role.ACTOR, character_name=f"Soldier {number}", billing_order=number + 2)
        make_credit(film, actor, Credit.Role.ACTOR)
        make_review(cranes, rating=5 + number % 5, tags=["soviet thaw", f"tag {number}"])
        make_review(film, tags=["war", f"tag {number}"])
        Citation.objects.create(
            content_type=ContentType.objects.get_for_model(film), object_id=film.pk, fact="year", source="Test"
        )
        cite(cranes, "title", f"Variant {number}")
        competition.selections.create(film=film)
        JuryMember.objects.create(edition=edition, person=actor)
        make_outcome(edition, mention, film, recipients=[actor, kalatozov], result="special_mention")
        later = make_edition(cannes, 1959 + number, number=12 + number)
        make_section(later, "Competition", films=[film])
        make_outcome(later, palme, film, recipients=[kalatozov])
        JuryMember.objects.create(edition=later, person=kalatozov)

    # What visitors must never see: a draft, a review dated in the future, and the tags
    # and film that only they carry.
    draft_only_film = make_film(DRAFT_ONLY_FILM_TITLE, year=1961)
    draft = make_review(
        cranes, headline=SECRET_HEADLINES[0], slug="secret-draft", status=Review.Status.DRAFT, tags=[SECRET_TAGS[0]]
    )
    future = make_review(
        cranes,
        headline=SECRET_HEADLINES[1],
        slug="from-the-future",
        published_at=timezone.now() + timezone.timedelta(days=30),
        tags=[SECRET_TAGS[1]],
    )
    make_review(draft_only_film, headline="Secret review of the draft-only film", status=Review.Status.DRAFT)
    make_credit(draft_only_film, kalatozov, Credit.Role.PRODUCER)
    return Site(
        size=size,
        film=cranes,
        review=review,
        person=kalatozov,
        festival=cannes,
        edition=edition,
        draft=draft,
        future=future,
    )
