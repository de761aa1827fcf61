"""What a generated archive holds, table by table, each row made as it is read.

`Archive.tables()` lists the tables in load order with a generator of rows for
each. Every phase draws from its own random generator, seeded from the seed and
the phase's name, and titles and names are derived from a film's or person's id
alone: the same size and seed always give the same rows. What later phases need
from earlier ones (a film's year, its director) is kept in compact arrays, so
memory does not grow with the number of reviews.
"""

import functools
import hashlib
import itertools
import math
import random
from array import array
from bisect import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils.text import slugify
from taggit.models import Tag

from reviews.models import (
    Award,
    AwardOutcome,
    AwardRecipient,
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
    TaggedFilm,
    TaggedReview,
)

from .words import (
    COUNTRIES,
    ENGLISH,
    HEAD_TAGS,
    LANGUAGES,
    TITLE_ADJECTIVE_LIST,
    TITLE_NOUN_LIST,
    Names,
    Vocabulary,
    capitalised,
    misspelt,
    name_word,
    respelt,
    title_case,
    unaccented,
)

DEFAULT_REVIEWS = 1_000_000
DEFAULT_SEED = 1
# What the default size holds; smaller or larger runs scale by reviews / DEFAULT_REVIEWS.
FULL_FILMS = 100_000
FULL_PEOPLE = 300_000
FULL_CREDITS = 1_000_000
FULL_TAGS = 20_000
FULL_FESTIVALS = 50
FULL_EDITIONS_PER_FESTIVAL = 70

# Generated facts end here, so every published review is already public whenever the run happens.
LAST_DATE = date(2025, 12, 31)
FIRST_FILM_YEAR = 1900
FIRST_REVIEW_YEAR = 1998  # IMDb user reviews start in the late 1990s
PROGRESS_EVERY = 2000  # rows between progress reports inside a table


@dataclass(frozen=True)
class Size:
    """How many of each thing to generate."""

    reviews: int
    films: int
    people: int
    credits: int
    tags: int
    festivals: int
    editions_per_festival: int

    @classmethod
    def for_reviews(cls, reviews):
        """The default proportions at `reviews` reviews, with floors that keep small archives coherent."""
        if reviews < 1:
            raise ValueError("Generate at least one review.")
        scale = reviews / DEFAULT_REVIEWS
        films = max(20, round(FULL_FILMS * scale))
        # Festivals × editions grows like the rest: each factor by the square root of the scale.
        root = math.sqrt(scale)
        return cls(
            reviews=reviews,
            films=films,
            people=max(60, round(FULL_PEOPLE * scale)),
            credits=max(round(FULL_CREDITS * scale), 10 * films),
            tags=max(30, round(FULL_TAGS * scale)),
            festivals=max(2, round(FULL_FESTIVALS * root)),
            editions_per_festival=max(2, min(FULL_EDITIONS_PER_FESTIVAL, round(FULL_EDITIONS_PER_FESTIVAL * root))),
        )

    @property
    def editions(self):
        return self.festivals * self.editions_per_festival


def zeros(typecode, length):
    return array(typecode, bytes(array(typecode).itemsize * length))


class Sampler:
    """Draws ranks 0..n-1: weight (rank + offset) ** -exponent, mixed with a uniform share.

    The Zipf part gives the long tail (a few ranks drawn very often), the uniform
    part a floor so that almost every rank is drawn at least once.
    """

    def __init__(self, n, exponent, offset, uniform_share=0.0):
        self.n = n
        self.cumulative = list(itertools.accumulate((rank + offset) ** -exponent for rank in range(n)))
        self.total = self.cumulative[-1]
        self.uniform_share = uniform_share

    def draw(self, random):
        if self.uniform_share and random() < self.uniform_share:
            return int(random() * self.n)
        return min(bisect(self.cumulative, random() * self.total), self.n - 1)

    def draw_distinct(self, random, count):
        """`count` distinct ranks (all of them if there are not that many)."""
        if count >= self.n:
            return list(range(self.n))
        chosen = {}
        while len(chosen) < count:
            chosen[self.draw(random)] = None
        return list(chosen)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    slug: str
    share: float
    rating_scale: int
    description: str


SOURCES = (
    SourceSpec(
        "Generated: IMDb-style user reviews",
        "generated-imdb-style",
        0.80,
        Review.RatingScale.POINTS_10,
        "Synthetic reviews made by manage.py generate_archive for benchmarks: not real reviews, "
        "not part of the demo archive.",
    ),
    SourceSpec(
        "Generated: Letterboxd-style reviews",
        "generated-letterboxd-style",
        0.12,
        Review.RatingScale.STARS_5,
        "Synthetic reviews (generate_archive), rated in half stars.",
    ),
    SourceSpec(
        "Generated: critics' reviews",
        "generated-critics",
        0.08,
        Review.RatingScale.PERCENT_100,
        "Synthetic reviews (generate_archive), rated out of 100 when rated at all.",
    ),
)
# IMDb's J-shaped rating distribution: many tens, then sevens to nines, then ones.
IMDB_RATING_WEIGHTS = (8, 3, 3, 4, 6, 8, 12, 15, 14, 27)
STAR_RATINGS = tuple(f"{stars / 2:.1f}" for stars in range(1, 11))
STAR_RATING_WEIGHTS = (1, 2, 2, 4, 6, 10, 16, 22, 17, 20)
DRAFT_SHARE = 0.07
MEDIAN_REVIEW_WORDS = 170
MIN_REVIEW_WORDS = 10
MAX_REVIEW_WORDS = 2000
REVIEW_TAG_COUNT_WEIGHTS = (25, 25, 20, 13, 9, 5, 3)  # 0 to 6 tags, 1.8 on average
FILM_TAG_COUNT_WEIGHTS = (10, 20, 25, 20, 12, 8, 5)  # 2.6 on average
ODD_SENTENCES = (
    "I give it a solid 9 <3",
    "Sound & fury, signifying a great deal.",
    "<spoiler> The ending is the best part </spoiler>",
    'My friend called it "the best film of the year" & I agree.',
    "Rating: 7/10 (would be 8/10 with a shorter second half).",
)

CREW_SLOTS = (
    Credit.Role.WRITER, Credit.Role.CINEMATOGRAPHER, Credit.Role.COMPOSER, Credit.Role.EDITOR,
    Credit.Role.PRODUCER, Credit.Role.PRODUCTION_DESIGNER, Credit.Role.WRITER, Credit.Role.PRODUCER,
)  # fmt: skip
ROLE_SHARES = {
    Credit.Role.DIRECTOR: 0.08, Credit.Role.WRITER: 0.08, Credit.Role.CINEMATOGRAPHER: 0.05,
    Credit.Role.COMPOSER: 0.04, Credit.Role.EDITOR: 0.05, Credit.Role.PRODUCTION_DESIGNER: 0.04,
    Credit.Role.PRODUCER: 0.07, Credit.Role.ACTOR: 0.59,
}  # fmt: skip
MINOR_PARTS = ("Waiter", "Nurse", "Soldier", "Old man", "Girl on the train", "Narrator (voice)", "Doctor",
               "Policeman", "Neighbour", "Taxi driver", "Himself", "Herself")  # fmt: skip
MAX_CREDITS_PER_FILM = 60
JURY_ROLES = (Credit.Role.DIRECTOR, Credit.Role.ACTOR, Credit.Role.ACTOR, Credit.Role.WRITER,
              Credit.Role.CINEMATOGRAPHER)  # fmt: skip
ERAS = (LAST_DATE.year - FIRST_FILM_YEAR) // 10 + 1  # decades, the last one ending with LAST_DATE
MIN_CREDITS_PER_FILM = 3
CHARACTER_GIVEN_NAMES = 1000

EMBLEMS = "Crane Heron Tulip Lantern Anchor Owl Lynx Stag Swan Oak Comet Key Mask Harp Sail Falcon Olive Pine".split()
PARALLEL_SECTIONS = ("Horizons", "Panorama", "Critics' Week", "Forum", "New Directors", "Perspectives",
                     "Encounters", "Discoveries")  # fmt: skip
# Each festival's awards, top prize first: (name, kind). The kind says who receives it besides the film,
# or, for the top prize, the jury's prize and the parallel section's award, how it is given.
AWARDS = (("Golden {emblem}", "top"), ("Grand Jury Prize", "film"), ("Best Director", "director"),
          ("Best Actress", "second_actor"), ("Best Actor", "first_actor"), ("Best Screenplay", "writer"),
          ("Jury Prize", "jury"), ("{section} Award", "parallel"))  # fmt: skip


# The built-in source (migration 0008) is read with these fields before the table is emptied.
SOURCE_FIELDS = (
    *("id", "name", "slug", "url", "description", "rating_scale"),
    *("created_at", "updated_at", "created_by", "updated_by"),
)
# Loaded by migrate, not generated: left as they are.
REFERENCE_MODELS = (Country,)


@dataclass
class Table:
    """One table to load: its model, the fields given (their columns, in order) and the rows, generated lazily."""

    name: str
    model: type
    fields: tuple
    rows: object  # an iterator of tuples, in the order of `fields`
    units: int  # what progress counts to (rows, or the items the rows come from)

    @property
    def columns(self):
        return [self.model._meta.get_field(name).column for name in self.fields]


class Archive:
    """The plan of a generated archive: its tables in load order, each row made as it is read.

    Every phase draws from its own random generator seeded from the seed and the
    phase's name, and names are derived per film or person from their id: the
    same seed and size always give the same rows. What later phases need from
    earlier ones (a film's year, its director) is kept in compact arrays.
    """

    def __init__(self, size, seed, now, progress, country_ids=None, built_in_source=None):
        self.size = size
        self.seed = seed
        self.now = now
        self.progress = progress
        self.scale = size.reviews / DEFAULT_REVIEWS
        self.country_ids = country_ids  # ISO code → id of the countries migrate loaded
        self.built_in_source = built_in_source  # kept as it was, written after the generated sources
        self.language_weights = list(itertools.accumulate(language.weight for language in LANGUAGES))
        self._entity_rng = random.Random()
        self._vocabulary = None
        self._cast = None
        self._festivals = None
        self._next_report = {}
        films = size.films
        self.film_year = zeros("H", films + 1)
        self.film_language = zeros("B", films + 1)
        self.films_by_year = {}
        # Who did what on each film, for awards: 0 when nobody.
        self.film_director = zeros("l", films + 1)
        self.film_writer = zeros("l", films + 1)
        self.film_actors = (zeros("l", films + 1), zeros("l", films + 1))
        self.person_first_year = zeros("H", size.people + 1)  # of their films; 0 when they have none
        self.person_last_year = zeros("H", size.people + 1)
        # Films by popularity: rank → film id. Popular films get more reviews, credits and tags.
        rng = self._rng("popularity")
        self.film_by_rank = array("l", range(1, films + 1))
        rng.shuffle(self.film_by_rank)
        self.film_rank = zeros("l", films + 1)
        for rank, film_id in enumerate(self.film_by_rank):
            self.film_rank[film_id] = rank
        self.film_sampler = Sampler(films, 1.0, 1 + 20 * self.scale, uniform_share=0.3)
        self.tag_sampler = Sampler(size.tags, 1.2, 1.0)

    def _rng(self, phase):
        return random.Random(f"{self.seed}:{phase}")

    def _seeded(self, kind, entity_id):
        """The generator for one film's or person's names, the same whenever it is asked for."""
        self._entity_rng.seed((self.seed << 40) + (kind << 32) + entity_id)
        return self._entity_rng

    @property
    def vocabulary(self):
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self._rng("vocabulary"), self.size.reviews)
        return self._vocabulary

    def _report(self, phase, done, total):
        if done >= self._next_report.get(phase, 0):
            self._next_report[phase] = done + PROGRESS_EVERY
            self.progress(phase, done, total)

    def tables(self):
        """The tables in load order (parents first); their rows are generated when read."""
        size = self.size
        stamps = ("created_at", "updated_at")
        festivals = self._festival_rows
        return [
            Table("sources", Source, SOURCE_FIELDS, self._sources(), len(SOURCES)),
            Table("tags", Tag, ("id", "name", "slug"), self._tags(), size.tags),
            Table("films", Film, ("id", "title", "slug", "year", "runtime_minutes", "synopsis", "imdb_id",
                                  "wikidata_id", "is_featured", *stamps),
                  self._films(), size.films),
            Table("film countries", Film.countries.through, ("id", "film", "country"),
                  self._film_countries(), size.films),
            Table("film titles", FilmTitle, ("id", "film", "title", "kind", "language", "note"),
                  self._film_titles(), size.films),
            Table("credits", Credit, ("id", "film", "person", "role", "character_name", "credited_as",
                                      "billing_order", "note"),
                  self._credits(), size.credits),
            Table("people", Person, ("id", "name", "slug", "birth_date", "birth_place", "death_date",
                                     "death_place", "biography", "imdb_id", "wikidata_id", *stamps),
                  self._people(), size.people),
            Table("person names", PersonName, ("id", "person", "name", "kind", "language"),
                  self._person_names(), size.people),
            Table("festivals", Festival, ("id", "name", "short_name", "slug", "city", "country", "founded_year",
                                          "description", "website", *stamps),
                  festivals("festivals"), size.festivals),
            Table("awards", Award, ("id", "festival", "name", "slug", "description", "position", *stamps),
                  festivals("awards"), size.festivals * len(AWARDS)),
            Table("editions", Edition, ("id", "festival", "number", "year", "start_date", "end_date", "notes",
                                        *stamps),
                  festivals("editions"), size.editions),
            Table("sections", Section, ("id", "edition", "name", "is_competitive", "position"),
                  festivals("sections"), size.editions),
            Table("selections", Selection, ("id", "section", "film", "note"),
                  festivals("selections"), size.editions),
            Table("jury members", JuryMember, ("id", "edition", "person", "role", "section"),
                  festivals("jury"), size.editions),
            Table("award outcomes", AwardOutcome, ("id", "edition", "award", "film", "result", "name_as_awarded",
                                                   "note", *stamps),
                  festivals("outcomes"), size.editions),
            Table("award recipients", AwardRecipient, ("id", "outcome", "person"),
                  festivals("recipients"), size.editions),
            Table("reviews", Review, ("id", "film", "headline", "slug", "body", "body_sha256", "author", "source",
                                      "source_identifier", "source_url", "language", "written_date", "archived_at",
                                      "rating", "rating_scale", "status", "published_at", *stamps),
                  self._reviews(), size.reviews),
            Table("review tags", TaggedReview, ("id", "content_object", "tag"), self._review_tags(), size.reviews),
            Table("film tags", TaggedFilm, ("id", "content_object", "tag"), self._film_tags(), size.films),
        ]  # fmt: skip

    # Reference data ---------------------------------------------------------------------------------

    def _sources(self):
        for index, spec in enumerate(SOURCES, start=1):
            yield index, spec.name, spec.slug, "", spec.description, spec.rating_scale, self.now, self.now, None, None
        if self.built_in_source is not None:
            # Nothing points at it in an archive generate_archive may replace: it takes the next id.
            yield len(SOURCES) + 1, *self.built_in_source[1:]

    def _tags(self):
        rng = self._rng("tags")
        vocabulary = self.vocabulary
        adjectives, nouns = TITLE_ADJECTIVE_LIST, TITLE_NOUN_LIST
        taken_names, taken_slugs = set(), set()
        names = iter(HEAD_TAGS)
        tag_id = 0
        while tag_id < self.size.tags:
            name = next(names, None)
            if name is None:
                pattern = rng.random()
                if pattern < 0.3:
                    name = f"{rng.choice(adjectives)} {rng.choice(nouns)}"
                elif pattern < 0.5:
                    name = f"{rng.choice(vocabulary.invented)} {rng.choice(nouns)}"
                elif pattern < 0.6:
                    name = f"{rng.randrange(1900, 2030, 10)}s {rng.choice(nouns)}"
                else:
                    name = rng.choice(vocabulary.invented)
            slug = Tag().slugify(name)
            if name.lower() in taken_names or slug in taken_slugs:
                continue
            taken_names.add(name.lower())
            taken_slugs.add(slug)
            tag_id += 1
            yield tag_id, name, slug
            self._report("tags", tag_id, self.size.tags)

    # Films --------------------------------------------------------------------------------------------

    def _film_names(self, film_id):
        """(listing title, [(title, kind, language)]) of a film, derived from its id alone."""
        rng = self._seeded(1, film_id)
        language = LANGUAGES[self.film_language[film_id]]
        english = self._english_title(rng)
        titles = []
        if language is ENGLISH:
            titles.append((english, FilmTitle.Kind.ORIGINAL, "en"))
            title = english
        else:
            words = [name_word(rng, language, rng.choice((1, 2, 2, 3))) for _ in range(rng.choice((1, 2, 2, 3, 4)))]
            if language.articles and len(words) > 1 and rng.random() < 0.6:
                words.insert(0, (rng.choice(language.articles),) * 2)
            latin = capitalised(" ".join(word[0].lower() for word in words))
            # Chinese and Japanese titles are written without spaces.
            native = ("" if language.script in ("Hani", "Kana") else " ").join(word[1] for word in words)
            if language.is_latin:
                native = latin
            titles.append((native, FilmTitle.Kind.ORIGINAL, language.code))
            if not language.is_latin:
                titles.append((latin, FilmTitle.Kind.TRANSLITERATED, f"{language.code}-Latn"))
            titles.append((english, FilmTitle.Kind.TRANSLATED, "en"))
            title = english if rng.random() < 0.55 else latin
        for other in rng.sample(LANGUAGES[1:10], rng.choice((0, 0, 1, 1, 2, 3))):
            if other is not language:
                words = [name_word(rng, other, rng.choice((1, 2, 3)))[0].lower() for _ in range(rng.choice((1, 2, 3)))]
                titles.append(
                    (
                        capitalised(" ".join([rng.choice(other.articles), *words])),
                        FilmTitle.Kind.TRANSLATED,
                        other.code,
                    )
                )
        if rng.random() < 0.08:
            titles.append((f"{english}: {self._english_title(rng)}", FilmTitle.Kind.ALTERNATIVE, "en"))
        if rng.random() < 0.03:
            titles.append((self._english_title(rng), FilmTitle.Kind.WORKING, "en"))
        return title, list(dict.fromkeys(titles))

    def _english_title(self, rng):
        adjective, noun = rng.choice(TITLE_ADJECTIVE_LIST), rng.choice(TITLE_NOUN_LIST)
        pattern = rng.random()
        if pattern < 0.3:
            words = ["the", adjective, noun]
        elif pattern < 0.5:
            words = [noun, "of", "the", adjective, rng.choice(TITLE_NOUN_LIST)]
        elif pattern < 0.65:
            words = [adjective, noun]
        elif pattern < 0.8:
            words = ["the", noun]
        elif pattern < 0.9:
            words = ["a", noun, "in", rng.choice(("winter", "summer", "spring", "autumn", "the city", "the north"))]
        else:
            words = [noun, "and", rng.choice(TITLE_NOUN_LIST)]
        return title_case(" ".join(words).split())

    def _films(self):
        rng = self._rng("films")
        years = list(range(FIRST_FILM_YEAR, LAST_DATE.year + 1))
        year_weights = list(itertools.accumulate(math.exp((year - FIRST_FILM_YEAR) / 35) for year in years))
        vocabulary = self.vocabulary
        featured = set(self.film_by_rank[: min(12, self.size.films)])
        taken = set()
        for film_id in range(1, self.size.films + 1):
            year = rng.choices(years, cum_weights=year_weights)[0]
            self.film_year[film_id] = year
            self.film_language[film_id] = bisect(self.language_weights, rng.random() * self.language_weights[-1])
            self.films_by_year.setdefault(year, array("l")).append(film_id)
            title, _ = self._film_names(film_id)
            base = f"{slugify(title)[:300] or 'film'}-{year}"
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            runtime = None if rng.random() < 0.05 else max(60, min(240, round(rng.gauss(100, 22))))
            synopsis = ""
            if rng.random() < 0.5:
                synopsis = " ".join(
                    capitalised(" ".join(vocabulary.phrase(rng.random, rng.randrange(8, 20)))) + "."
                    for _ in range(rng.randrange(1, 4))
                )
            yield (film_id, title, slug, year, runtime, synopsis, "", "", film_id in featured, self.now, self.now)
            self._report("films", film_id, self.size.films)

    def _film_countries(self):
        rng = self._rng("film countries")
        row_id = 0
        for film_id in range(1, self.size.films + 1):
            year = self.film_year[film_id]
            candidates = [
                code for code, first, last in LANGUAGES[self.film_language[film_id]].countries if first <= year <= last
            ]
            codes = [candidates[0] if rng.random() < 0.7 else rng.choice(candidates)]
            if rng.random() < 0.2:
                code, first, last = rng.choice(COUNTRIES)
                if code != codes[0] and (first or 0) <= year <= (last or 9999):
                    codes.append(code)
            for code in codes:
                row_id += 1
                yield row_id, film_id, self.country_ids[code]
            self._report("film countries", film_id, self.size.films)

    def _film_titles(self):
        row_id = 0
        for film_id in range(1, self.size.films + 1):
            _, titles = self._film_names(film_id)
            for title, kind, language in titles:
                row_id += 1
                yield row_id, film_id, title, kind, language, ""
            self._report("film titles", film_id, self.size.films)

    # People and credits -------------------------------------------------------------------------------

    @property
    def cast(self):
        """Who can be cast: each person's main role, era and language, and per role and era a sampler.

        Careers last a few decades: a person belongs to the era (decade) of most of
        their films, and a film draws its people from its own era, sometimes the next
        or previous one. Eras hold people in proportion to the films made in them.
        Built after the films, whose years it needs.
        """
        if self._cast is None:
            rng = self._rng("cast")
            people = self.size.people
            counts = {role: max(2, int(share * people)) for role, share in ROLE_SHARES.items()}
            counts[Credit.Role.ACTOR] = people - sum(n for role, n in counts.items() if role != Credit.Role.ACTOR)
            roles = [role for role, count in counts.items() for _ in range(count)]
            rng.shuffle(roles)
            films_per_era = [0] * ERAS
            for year, films in self.films_by_year.items():
                films_per_era[_era(year)] += len(films)
            era_weights = list(itertools.accumulate(films_per_era))
            pools = {role: [array("l") for _ in range(ERAS)] for role in counts}
            for person_id, role in enumerate(roles, start=1):
                pools[role][bisect(era_weights, rng.random() * era_weights[-1])].append(person_id)
            offset = 1 + 20 * self.scale
            self._cast = Cast(
                pools=pools,
                samplers={
                    role: [Sampler(len(pool), 1.0, offset, uniform_share=0.5) if pool else None for pool in eras]
                    for role, eras in pools.items()
                },
                language=array(
                    "B",
                    (
                        bisect(self.language_weights, rng.random() * self.language_weights[-1])
                        for _ in range(people + 1)
                    ),
                ),
            )
        return self._cast

    def _credit_counts(self, rng):
        """Credits per film (index = film id): more for popular films, summing to exactly size.credits."""
        films = self.size.films
        most = min(MAX_CREDITS_PER_FILM, 1 + len(CREW_SLOTS) + len(self.cast.pools[Credit.Role.ACTOR]))
        counts = zeros("B", films + 1)
        for film_id in range(1, films + 1):
            popularity = 1 - self.film_rank[film_id] / films
            count = round(rng.lognormvariate(math.log(4) + 1.5 * popularity, 0.5))
            counts[film_id] = max(MIN_CREDITS_PER_FILM, min(most, count))
        missing = self.size.credits - sum(counts)
        while missing:
            film_id = rng.randrange(1, films + 1)
            if missing > 0 and counts[film_id] < most:
                counts[film_id] += 1
                missing -= 1
            elif missing < 0 and counts[film_id] > MIN_CREDITS_PER_FILM:
                counts[film_id] -= 1
                missing += 1
        return counts

    def _credits(self):
        rng = self._rng("credits")
        random = rng.random
        cast = self.cast
        counts = self._credit_counts(rng)
        given, family = self.character_names
        row_id = 0
        for film_id in range(1, self.size.films + 1):
            count = counts[film_id]
            crew = min(len(CREW_SLOTS), round((count - 1) * 0.4))
            year = self.film_year[film_id]
            director = cast.draw(Credit.Role.DIRECTOR, year, random)
            credits = [(director, Credit.Role.DIRECTOR, "", None)]
            taken = {(director, Credit.Role.DIRECTOR)}
            for role in CREW_SLOTS[:crew]:
                if role == Credit.Role.WRITER and (director, role) not in taken and random() < 0.4:
                    person = director  # writer-directors
                else:
                    person = cast.draw(role, year, random)
                    if (person, role) in taken:
                        others = {other for other, other_role in taken if other_role == role}
                        person = cast.draw_distinct(role, year, random, 1, exclude=others)[0]
                taken.add((person, role))
                credits.append((person, role, "", None))
            actors = cast.draw_distinct(Credit.Role.ACTOR, year, random, count - 1 - crew)
            for billing, person in enumerate(actors, start=1):
                part = random()
                if part < 0.55:
                    character = f"{given[int(random() * len(given))]} {family[int(random() * len(family))]}"
                elif part < 0.75:
                    character = given[int(random() * len(given))]
                elif part < 0.9:
                    character = MINOR_PARTS[int(random() * len(MINOR_PARTS))]
                else:
                    character = ""
                credits.append((person, Credit.Role.ACTOR, character, billing))

            self.film_director[film_id] = director
            writers = [person for person, role, *_ in credits if role == Credit.Role.WRITER]
            self.film_writer[film_id] = writers[0] if writers else 0
            for slot, person in enumerate(actors[:2]):
                self.film_actors[slot][film_id] = person
            for person, role, character, billing in credits:
                first_year = self.person_first_year[person]
                if not first_year or year < first_year:
                    self.person_first_year[person] = year
                if year > self.person_last_year[person]:
                    self.person_last_year[person] = year
                credited_as = ""
                if random() < 0.03:
                    credited_as = self._initials(self._names(person).canonical)
                note = "" if random() > 0.03 else ("uncredited" if random() < 0.7 else "voice")
                row_id += 1
                yield row_id, film_id, person, role, character, credited_as, billing, note
            self._report("credits", row_id, self.size.credits)

    @staticmethod
    def _initials(name):
        first, _, rest = name.partition(" ")
        return f"{first[:1]}. {rest}" if rest else name

    def _names(self, person_id):
        rng = self._seeded(2, person_id)
        language = LANGUAGES[self.cast.language[person_id]]
        code = language.code
        given = name_word(rng, language, rng.choice((1, 2, 2)) if code in ("zh", "ko") else rng.choice((2, 2, 3)))
        family = name_word(rng, language, 1 if code == "zh" else rng.choice((1, 2, 2)), ending=True)
        family_first = code in ("zh", "ko")
        canonical = f"{family[0]} {given[0]}" if family_first else f"{given[0]} {family[0]}"
        other = []
        if not language.is_latin:
            if code in ("zh", "ja"):
                native = family[1] + given[1]
            else:
                native = f"{family[1]} {given[1]}" if family_first else f"{given[1]} {family[1]}"
            other.append((native, PersonName.Kind.ORIGINAL_SCRIPT, code))
            other.append((respelt(canonical), PersonName.Kind.TRANSLITERATION, f"{code}-Latn"))
        else:
            other.append((unaccented(canonical), PersonName.Kind.ALTERNATIVE, ""))
        if rng.random() < 0.3:
            other.append((self._initials(canonical), PersonName.Kind.ALTERNATIVE, ""))
        if rng.random() < 0.25:
            slip = misspelt(rng, family[0])
            other.append((canonical.replace(family[0], slip), PersonName.Kind.MISSPELLING, ""))
        if rng.random() < 0.08:
            birth_family = name_word(rng, language, 2, ending=True)[0]
            other.append((canonical.replace(family[0], birth_family), PersonName.Kind.BIRTH_NAME, ""))
        seen = {canonical}
        unique = []
        for name, kind, language_code in other:
            if name not in seen:
                seen.add(name)
                unique.append((name, kind, language_code))
        return Names(canonical, tuple(unique))

    def _people(self):
        rng = self._rng("people")
        random = rng.random
        vocabulary = self.vocabulary
        taken = set()
        last_day = LAST_DATE.toordinal()
        for person_id in range(1, self.size.people + 1):
            name = self._names(person_id).canonical
            base = slugify(name) or "person"
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            first_year = self.person_first_year[person_id] or rng.randrange(1930, 2020)
            last_year = max(first_year, self.person_last_year[person_id])
            birth_year = max(1840, first_year - rng.randrange(16, 50))
            birth = date.fromordinal(date(birth_year, 1, 1).toordinal() + rng.randrange(365))
            death = None
            if random() < (0.85 if birth_year < 1930 else 0.4 if birth_year < 1950 else 0.05):
                # After their last film, aged 40 to 95.
                earliest = max(birth.toordinal() + 40 * 365, date(last_year, 12, 31).toordinal())
                death_day = earliest + int(random() * max(0, birth.toordinal() + 95 * 365 - earliest))
                if death_day <= last_day:
                    death = date.fromordinal(death_day)
            if random() < 0.1:
                birth = None
            place = self._place(rng, LANGUAGES[self.cast.language[person_id]]) if random() < 0.4 else ""
            death_place = self._place(rng, LANGUAGES[self.cast.language[person_id]]) if death and random() < 0.3 else ""
            biography = ""
            if random() < 0.15:
                biography = " ".join(
                    capitalised(" ".join(vocabulary.phrase(random, rng.randrange(8, 22)))) + "."
                    for _ in range(rng.randrange(2, 5))
                )
            yield (person_id, name, slug, birth, place, death, death_place, biography, "", "", self.now, self.now)
            self._report("people", person_id, self.size.people)

    @staticmethod
    def _place(rng, language):
        return name_word(rng, language, rng.choice((2, 3)))[0]

    def _person_names(self):
        row_id = 0
        for person_id in range(1, self.size.people + 1):
            for name, kind, language in self._names(person_id).other:
                row_id += 1
                yield row_id, person_id, name, kind, language
            self._report("person names", person_id, self.size.people)

    # Festivals ----------------------------------------------------------------------------------------

    def _festival_rows(self, key):
        # Festivals are small (3,500 editions at full size): planned at once, when first read.
        if self._festivals is None:
            self._festivals = self._plan_festivals()
        rows = self._festivals[key]
        yield from rows
        self._festivals[key] = None  # read once

    def _films_around(self, rng, year, count):
        """`count` distinct films from the edition's year and the one before (earlier years if too few)."""
        candidates = array("l")
        for earlier in range(year, FIRST_FILM_YEAR - 1, -1):
            candidates.extend(self.films_by_year.get(earlier, ()))
            if len(candidates) >= 3 * count and earlier <= year - 1:
                break
        if not candidates:
            candidates = array("l", range(1, self.size.films + 1))
        return rng.sample(candidates, min(count, len(candidates)))

    def _plan_festivals(self):
        rng = self._rng("festivals")
        random = rng.random
        cast = self.cast
        now = self.now
        plan = {key: [] for key in ("festivals", "awards", "editions", "sections", "selections", "jury",
                                    "outcomes", "recipients")}  # fmt: skip
        ids = dict.fromkeys(plan, 0)

        def add(key, *values):
            ids[key] += 1
            plan[key].append((ids[key], *values))
            return ids[key]

        editions = self.size.editions_per_festival
        cities = set()
        latin = [language for language in LANGUAGES if language.is_latin]
        for festival_number in range(self.size.festivals):
            language = rng.choice(latin if random() < 0.8 else LANGUAGES)
            city = name_word(rng, language, rng.choice((2, 3)))[0]
            while slugify(city) in cities:  # names and slugs are unique
                city = name_word(rng, language, 3)[0]
            cities.add(slugify(city))
            name = rng.choice(
                (f"{city} International Film Festival", f"{city} Film Festival", f"International Film Festival {city}")
            )
            country = next(code for code, _, last in language.countries if last >= LAST_DATE.year)
            founded = rng.randint(1932, LAST_DATE.year - editions + 1)
            festival_id = add(
                "festivals", name, city, slugify(name), city, self.country_ids[country], founded,
                f"A generated festival, held in {city} every year since {founded}.", "", now, now,
            )  # fmt: skip
            emblem, parallel = rng.choice(EMBLEMS), rng.choice(PARALLEL_SECTIONS)
            awards = []
            for position, (template, kind) in enumerate(AWARDS):
                award_name = template.format(emblem=emblem, section=parallel)
                awards.append(
                    (add("awards", festival_id, award_name, slugify(award_name), "", position, now, now), kind)
                )
            renamed_in = founded + rng.randrange(5, 40)  # the top prize was called "Grand Prix" before
            records_nominations = random() < 0.2
            month, day = rng.randrange(1, 12), rng.randrange(1, 19)
            for number in range(1, editions + 1):
                year = founded + number - 1
                start = date(year, month, day)
                end = start + timedelta(days=rng.randrange(7, 14))
                edition_id = add("editions", festival_id, number, year, start, end, "", now, now)
                sizes = (rng.randrange(18, 23), rng.randrange(5, 11), rng.randrange(10, 19))
                films = self._films_around(rng, year, sum(sizes))
                competition, parallel_films = films[: sizes[0]], films[sizes[0] + sizes[1] :]
                parallel_competes = random() < 0.5
                sections = []
                for position, (section_name, competes, selected) in enumerate(
                    (
                        ("Competition", True, competition),
                        ("Out of Competition", False, films[sizes[0] : sizes[0] + sizes[1]]),
                        (parallel, parallel_competes, parallel_films),
                    )
                ):
                    section_id = add("sections", edition_id, section_name, competes, position)
                    sections.append(section_id)
                    for index, film_id in enumerate(selected):
                        note = "opening film" if position == 1 and index == 0 else ""
                        add("selections", section_id, film_id, note)
                self._plan_jury(rng, cast, add, edition_id, year, None, rng.randrange(6, 9))
                if parallel_competes:
                    self._plan_jury(rng, cast, add, edition_id, year, sections[2], 3)
                self._plan_outcomes(rng, add, edition_id, year, awards, competition, parallel_films,
                                    renamed_in, records_nominations)  # fmt: skip
            self.progress("festivals", festival_number + 1, self.size.festivals)
        return plan

    @staticmethod
    def _plan_jury(rng, cast, add, edition_id, year, section_id, members):
        """A president (a director) and members: directors, actors, writers, cinematographers of the time."""
        chosen = {cast.draw(Credit.Role.DIRECTOR, year, rng.random): None}
        for _ in range(5 * members):
            if len(chosen) >= members:
                break
            role = rng.choice(JURY_ROLES)
            chosen.setdefault(cast.draw(role, year, rng.random), None)
        missing = members - len(chosen)
        chosen.update(dict.fromkeys(cast.draw_distinct(Credit.Role.ACTOR, year, rng.random, missing, chosen)))
        for index, person in enumerate(chosen):
            role = JuryMember.Role.PRESIDENT if index == 0 else JuryMember.Role.MEMBER
            add("jury", edition_id, person, role, section_id)

    def _plan_outcomes(self, rng, add, edition_id, year, awards, competition, parallel_films, renamed_in, nominations):
        if not competition:
            return
        now = self.now
        recipients_of = {
            "director": self.film_director,
            "writer": self.film_writer,
            "first_actor": self.film_actors[0],
            "second_actor": self.film_actors[1],
        }
        winners = rng.sample(competition, min(len(competition), len(awards)))
        recorded = set()

        def outcome(award_id, film_id, result, name_as_awarded="", note="", recipient=0):
            if (award_id, film_id, result) in recorded:
                return
            recorded.add((award_id, film_id, result))
            outcome_id = add("outcomes", edition_id, award_id, film_id, result, name_as_awarded, note, now, now)
            if recipient:
                add("recipients", outcome_id, recipient)

        for index, (award_id, kind) in enumerate(awards):
            if kind == "parallel":
                if parallel_films:
                    outcome(award_id, rng.choice(parallel_films), AwardOutcome.Result.WON)
                continue
            film_id = winners[index % len(winners)]
            recipients = recipients_of.get(kind)
            recipient = recipients[film_id] if recipients else 0
            if kind == "top":
                old_name = "Grand Prix" if year < renamed_in else ""
                if rng.random() < 0.05 and len(competition) > 1:
                    other = rng.choice([film for film in competition if film != film_id])
                    outcome(award_id, film_id, AwardOutcome.Result.WON, old_name, "ex aequo")
                    outcome(award_id, other, AwardOutcome.Result.WON, old_name, "ex aequo")
                else:
                    outcome(award_id, film_id, AwardOutcome.Result.WON, old_name)
                if nominations:
                    for nominee in competition:
                        outcome(award_id, nominee, AwardOutcome.Result.NOMINATED, old_name)
            else:
                outcome(award_id, film_id, AwardOutcome.Result.WON, recipient=recipient)
            if kind == "jury" and rng.random() < 0.3:
                outcome(award_id, rng.choice(competition), AwardOutcome.Result.SPECIAL_MENTION)

    # Reviews and tags ---------------------------------------------------------------------------------

    @functools.cached_property
    def character_names(self):
        """(given names, family names) of characters, never words of the vocabulary."""
        rng = self._rng("character names")
        taken = set(self.vocabulary.known)

        def made_up(count, syllables):
            names = []
            while len(names) < count:
                name = name_word(rng, ENGLISH, rng.choice(syllables), ending=rng.random() < 0.3)[0]
                if name.lower() not in taken:
                    taken.add(name.lower())
                    names.append(name)
            return names

        given = made_up(CHARACTER_GIVEN_NAMES, (2, 2, 3))
        return given, made_up(max(50, -(-self.size.reviews // len(given))), (2, 3))

    @functools.cached_property
    def _name_step(self):
        pairs = len(self.character_names[0]) * len(self.character_names[1])
        return next(step for step in itertools.count(pairs // 3 + 1) if math.gcd(step, pairs) == 1)

    def character_name(self, review_id):
        """The name only this review mentions: pair `review_id` of a permutation of given × family names.

        Two capitalised words that are never words of the vocabulary: no other text can hold them.
        """
        given, family = self.character_names
        pair = (review_id - 1) * self._name_step % (len(given) * len(family))
        return f"{given[pair % len(given)]} {family[pair // len(given)]}"

    def _reviews(self):
        rng = self._rng("reviews")
        random = rng.random
        vocabulary = self.vocabulary
        given = self.character_names[0]
        character_name = self.character_name
        source_shares = list(itertools.accumulate(spec.share for spec in SOURCES))
        first_days = {year: date(year, 1, 1).toordinal() for year in range(FIRST_FILM_YEAR, LAST_DATE.year + 1)}
        last_day = LAST_DATE.toordinal()
        authors = max(10, self.size.reviews // 4)
        median_words = math.log(MEDIAN_REVIEW_WORDS)
        film_by_rank, film_year, film_sampler = self.film_by_rank, self.film_year, self.film_sampler
        rating_values = [str(value) for value in range(1, 11)]
        imdb_weights = list(itertools.accumulate(IMDB_RATING_WEIGHTS))
        star_weights = list(itertools.accumulate(STAR_RATING_WEIGHTS))
        published, draft = Review.Status.PUBLISHED, Review.Status.DRAFT
        now = self.now
        for review_id in range(1, self.size.reviews + 1):
            film_id = film_by_rank[film_sampler.draw(random)]
            source = min(bisect(source_shares, random()), len(SOURCES) - 1)
            scale = SOURCES[source].rating_scale
            if scale == Review.RatingScale.POINTS_10:
                rating = None if random() < 0.05 else rating_values[bisect(imdb_weights, random() * imdb_weights[-1])]
            elif scale == Review.RatingScale.STARS_5:
                rating = None if random() < 0.1 else STAR_RATINGS[bisect(star_weights, random() * star_weights[-1])]
            else:
                rating = None if random() < 0.4 else str(max(0, min(100, round(rng.gauss(66, 16)))))

            name = character_name(review_id)  # texts are unique by construction
            extra = ""
            if rating and scale == Review.RatingScale.POINTS_10 and random() < 0.12:
                extra = f"{rating}/10."
            elif random() < 0.004:
                extra = ODD_SENTENCES[int(random() * len(ODD_SENTENCES))]
            most = MAX_REVIEW_WORDS - 2 - extra.count(" ") - (1 if extra else 0)
            words = max(MIN_REVIEW_WORDS, min(most, int(rng.lognormvariate(median_words, 0.78))))
            body = vocabulary.text(random, words, name, extra)

            headline_words = vocabulary.phrase(random, 2 + int(random() * 6))
            if (source == 1 and random() < 0.7) or random() < 0.04:  # Letterboxd reviews have no titles
                headline, slug = "", f"review-{review_id}"
            else:
                headline = capitalised(" ".join(headline_words))
                slug = (
                    "-".join(word.replace("'", "").lower() for word in headline_words)[:80].strip("-") + f"-{review_id}"
                )

            author_number = int(authors * random() ** 3)  # a few prolific reviewers, many occasional ones
            author = given[author_number % len(given)].lower() + (
                str(author_number // len(given)) if author_number >= len(given) else ""
            )
            written_day = first_days[max(film_year[film_id], FIRST_REVIEW_YEAR)]
            written_day += int(random() * (last_day - written_day + 1))
            archived_at = datetime.fromordinal(min(last_day, written_day + int(random() * 60))).replace(tzinfo=UTC)
            archived_at += timedelta(seconds=int(random() * 86400))
            if random() < DRAFT_SHARE:
                status, published_at = draft, None
            else:
                status, published_at = published, archived_at + timedelta(seconds=int(random() * 7 * 86400))
            identifier = (f"rw{review_id:08d}", f"lb{review_id}", "")[source]
            yield (
                review_id, film_id, headline, slug, body, hashlib.sha256(body.encode()).hexdigest(), author,
                source + 1, identifier, "", "en", date.fromordinal(written_day), archived_at, rating, scale, status,
                published_at, now, now,
            )  # fmt: skip
            self._report("reviews", review_id, self.size.reviews)

    def _tagged(self, phase, items, count_weights):
        rng = self._rng(phase)
        random = rng.random
        counts = list(itertools.accumulate(count_weights))
        sampler = self.tag_sampler
        row_id = 0
        for item_id in range(1, items + 1):
            count = bisect(counts, random() * counts[-1])
            for rank in sampler.draw_distinct(random, count):
                row_id += 1
                yield row_id, item_id, rank + 1  # tag ids follow popularity ranks
            self._report(phase, item_id, items)

    def _review_tags(self):
        return self._tagged("review tags", self.size.reviews, REVIEW_TAG_COUNT_WEIGHTS)

    def _film_tags(self):
        return self._tagged("film tags", self.size.films, FILM_TAG_COUNT_WEIGHTS)


def _era(year):
    return min(ERAS - 1, max(0, (year - FIRST_FILM_YEAR) // 10))


@dataclass
class Cast:
    pools: dict  # role → per era, an array of person ids in popularity order
    samplers: dict  # role → per era, a Sampler over that pool (None when the era has nobody)
    language: array  # person id → index in LANGUAGES

    def draw(self, role, year, random):
        """Someone of `role` for a film of `year`: from its era, sometimes the one before or after."""
        era = _era(year)
        shift = random()
        era = max(0, era - 1) if shift < 0.08 else min(ERAS - 1, era + 1) if shift < 0.16 else era
        pools, samplers = self.pools[role], self.samplers[role]
        for distance in range(ERAS):  # the nearest era that has somebody
            for candidate in (era - distance, era + distance):
                if 0 <= candidate < ERAS and pools[candidate]:
                    return pools[candidate][samplers[candidate].draw(random)]
        raise ValueError(f"Nobody can be cast as {role}.")

    def draw_distinct(self, role, year, random, count, exclude=()):
        """`count` different people (none in `exclude`), from anywhere if the film's era runs short."""
        chosen = {}
        for _ in range(10 * count + 20):
            if len(chosen) >= count:
                break
            person = self.draw(role, year, random)
            if person not in exclude:
                chosen[person] = None
        for person in itertools.chain.from_iterable(self.pools[role]):
            if len(chosen) >= count:
                break
            if person not in exclude:
                chosen.setdefault(person, None)
        return list(chosen)
