"""Queries the public pages need beyond the models' QuerySet methods.

Plain functions because the models are not this module's to change; each one
belongs on a QuerySet (named in its docstring) and should move there.

Every query here is written for an archive of a million reviews: lists are read in the
order of an index and cut short, counts per row are subqueries over the rows shown (not
joins over whole tables), and what needs a whole table (tag use, rankings) is meant to be
kept as a figure (views/figures.py) rather than computed on every request.
"""

import itertools
import re
from array import array
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.models import Count, Exists, F, IntegerField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, Left, Upper
from django.db.models.query import NamedValuesListIterable
from django.db.models.utils import create_namedtuple_class
from taggit.models import Tag

from .models import (
    Award,
    AwardOutcome,
    AwardRecipient,
    Citation,
    Country,
    Credit,
    Film,
    FilmTitle,
    Person,
    Review,
    Selection,
    TaggedFilm,
    TaggedReview,
    published_q,
)

EXCERPT_SOURCE_CHARS = 400


# --- queries compiled once --------------------------------------------------------------


# Stand-ins for numbers while compiling: inside every integer column's range, small ones
# (years) included, since a value out of it makes the ORM drop the condition; and far above
# the small constants queries carry (400 characters of excerpt, a year of 9999).
STAND_IN_ID = 30_000
STAND_IN_MARGIN = 2_000  # numbers this near a stand-in were computed from one
STAND_IN_TEXT = "\x1fstand-in"  # strings begin so
STATEMENT_NUMBERS = itertools.count(1)
# What PostgreSQL says when a prepared statement is gone ("prepared statement does not exist")
# or no longer fits its tables ("cached plan must not change result type").
STATEMENT_LOST = {"26000", "0A000"}


class Prepared:
    """A query of fixed shape, compiled to SQL once per database, then run with each call's values.

    Compiling a QuerySet costs Python time: 0.3 ms for a plain filter, 3 ms with a few
    subqueries, where running its SQL takes tens of microseconds. A page that runs a dozen
    such queries on every request (the film page) spent most of its time compiling the same
    SQL again. `build(*values)` returns the QuerySet, a values_list(); it is compiled with
    stand-ins for the values (improbable ids and strings, or as many of them as a list
    holds; None as itself, for a condition left out), and every call then passes its own
    values in their places. Rows come back as tuples (named ones for values_list(named=True)),
    through the same converters the ORM applies.

    Only values the query uses as they are can be stand-ins: `build` must not compute with
    them (a decade's end as `decade + 10` would keep the stand-in's end); pass such values in.
    """

    def __init__(self, build):
        self.build = build
        self.compiled = {}

    def __call__(self, *values, using=DEFAULT_DB_ALIAS):
        db = connections[using]
        shape = tuple(len(value) if isinstance(value, (list, tuple)) else type(value) for value in values)
        key = (db.alias, db.vendor, shape)
        compiled = self.compiled.get(key)
        if compiled is None:
            compiled = self.compiled[key] = self._compile(db, shape)
        sql, params, converters, statement, row_class = compiled
        given = {}
        for stand_in, value in zip(self._stand_ins(shape), values, strict=True):
            if stand_in is None:
                continue
            if isinstance(stand_in, list):
                given.update(zip(stand_in, value, strict=True))
            else:
                given[stand_in] = value
        params = [given.get(param, param) if isinstance(param, int | str) else param for param in params]
        with db.cursor() as cursor:
            if statement:
                self._execute_prepared(db, cursor, statement, params)
            else:
                cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [list(row) for row in rows]
            for row in rows:
                for position, (functions, expression) in converters:
                    for function in functions:
                        row[position] = function(row[position], expression, db)
        if row_class:
            return [row_class._make(row) for row in rows]
        return rows

    @staticmethod
    def _execute_prepared(db, cursor, statement, params):
        """PostgreSQL: a statement PREPAREd once per connection, then EXECUTEd (no parsing, nor planning
        after the first few runs). The PREPARE goes with the first EXECUTE, in one round trip."""
        name, prepare, fallback, positions = statement
        state = db.__dict__.get("archive_statements")
        if state is None or state[0] is not db.connection:  # a new connection has none yet
            state = db.__dict__["archive_statements"] = (db.connection, set(), set())
        prepared, unsure = state[1], state[2]
        if name in unsure:  # a failed first run may or may not have left it prepared: run the plain SQL
            cursor.execute(fallback, params)
            return
        values = [params[position] for position in positions]
        execute = f"EXECUTE {name}({', '.join(['%s'] * len(values))})" if values else f"EXECUTE {name}"
        if name in prepared:
            try:
                cursor.execute(execute, values)
            except DatabaseError as error:
                if getattr(error.__cause__, "pgcode", None) not in STATEMENT_LOST:
                    raise
                # Gone (DEALLOCATE, DISCARD ALL) or outdated by a schema change: this connection
                # runs the plain SQL from now on, and this call does too unless its transaction failed.
                prepared.discard(name)
                unsure.add(name)
                if db.in_atomic_block:
                    raise
                cursor.execute(fallback, params)
            return
        try:
            cursor.execute(f"{prepare}; {execute}", values)
        except Exception:
            unsure.add(name)
            raise
        prepared.add(name)

    @staticmethod
    def _stand_ins(shape):
        """A stand-in for each value: single numbers first, from STAND_IN_ID (so that a year's stays
        inside a small integer column's range however long the lists), then the lists' ids."""
        singles = sum(1 for kind in shape if not isinstance(kind, int))
        stand_ins, single, listed = [], 0, singles
        for kind in shape:
            if isinstance(kind, int):
                stand_ins.append([STAND_IN_ID + listed + n for n in range(kind)])
                listed += kind
            elif kind is str:
                stand_ins.append(f"{STAND_IN_TEXT} {single}\x1f")
                single += 1
            elif kind is type(None):
                stand_ins.append(None)
            else:
                stand_ins.append(STAND_IN_ID + single)
                single += 1
        return stand_ins

    def _compile(self, db, shape):
        stand_ins = self._stand_ins(shape)
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(connection=db)
        sql, params = compiler.as_sql()
        wanted = {
            value
            for stand_in in stand_ins
            if stand_in is not None
            for value in (stand_in if isinstance(stand_in, list) else [stand_in])
        }
        if not wanted <= set(params):
            raise ValueError(f"Some values of this query are not parameters of its SQL: {sql}")
        if any(_is_computed_from_stand_in(param, wanted) for param in params):
            raise ValueError(f"This query computes with its values (pass the results in instead): {sql}")
        converters = compiler.get_converters([column for column, _, _ in compiler.select[: compiler.col_count]])
        row_class = None
        if queryset._iterable_class is NamedValuesListIterable:
            query = queryset.query
            names = queryset._fields or (*query.extra_select, *query.values_select, *query.annotation_select)
            row_class = create_namedtuple_class(*names)
        statement = self._statement(db, sql, params, wanted)
        return sql, tuple(params), tuple(converters.items()), statement, row_class

    @staticmethod
    def _statement(db, sql, params, wanted):
        """On PostgreSQL: (name, PREPARE statement, plain SQL, positions of the values among the parameters).

        The values become the statement's parameters ($1, $2, ...: ids as bigint, strings as
        text); the query's constants are written into it as the driver quotes them, so that
        PostgreSQL types them as it does in the plain SQL (400 in LEFT(body, 400) an integer).
        """
        if db.vendor != "postgresql":
            return None
        positions, pieces, types = [], [], []
        parts = re.split(r"(%%|%s)", sql)
        params = iter(enumerate(params))
        with db.cursor() as cursor:
            for part in parts:
                if part != "%s":
                    pieces.append(part)  # SQL, or %% (a literal % for the driver, in both statements)
                    continue
                position, param = next(params)
                if isinstance(param, int | str) and param in wanted:
                    positions.append(position)
                    types.append("bigint" if isinstance(param, int) else "text")
                    pieces.append(f"${len(positions)}")
                else:
                    pieces.append(cursor.mogrify("%s", [param]).decode().replace("%", "%%"))
        name = f"archive_{next(STATEMENT_NUMBERS)}"
        signature = f"({', '.join(types)})" if types else ""
        return name, f"PREPARE {name}{signature} AS {''.join(pieces)}", sql, tuple(positions)


def _is_computed_from_stand_in(param, stand_ins):
    """A number near the stand-ins that is not one of them (`stand_in + 10`), or a string holding one
    (`%stand-in%`, as icontains makes it)."""
    if isinstance(param, bool) or not isinstance(param, int | str) or param in stand_ins:
        return False
    if isinstance(param, int):
        return STAND_IN_ID - STAND_IN_MARGIN <= param < STAND_IN_ID + STAND_IN_MARGIN
    return isinstance(param, str) and STAND_IN_TEXT in param


def padded(ids):
    """`ids` for an IN condition of a Prepared query, repeated up to the next power of two in length.

    Prepared compiles a query once per length of a list; a person's films number anything
    from one to hundreds. Padded (an id twice in IN is the same condition), lists share a
    few statements: one for 65 to 128 ids.
    """
    ids = list(ids)
    if not ids:
        return ids
    return ids + ids[-1:] * ((1 << (len(ids) - 1).bit_length()) - len(ids))


# --- tags -------------------------------------------------------------------------------


class TagUse(NamedTuple):
    """A tag with how many films and published reviews carry it."""

    pk: int
    name: str
    slug: str
    film_count: int
    review_count: int

    @property
    def use_count(self):
        return self.film_count + self.review_count


def tag_use():
    """Every tag in use, most used first (then by name): a whole-table aggregate, for keeping.

    One statement: the tags joined to their film and published-review counts, each counted
    in one grouped scan of its tagged table, rather than two counting subqueries per tag
    (at a million reviews, 1.5 s instead of 25). The ORM cannot join a grouped subquery, so
    the statement is put together from the two querysets' own SQL.
    Belongs on a Tag QuerySet as `with_counts()`.
    """
    on_films = TaggedFilm.objects.order_by().values(tag_pk=F("tag")).annotate(n=Count("*"))
    on_reviews = (
        TaggedReview.objects.filter(published_q("content_object__"))
        .order_by()
        .values(tag_pk=F("tag"))
        .annotate(n=Count("*"))
    )
    film_sql, film_params = on_films.query.sql_with_params()
    review_sql, review_params = on_reviews.query.sql_with_params()
    sql = (
        f"SELECT tag.id, tag.name, tag.slug, COALESCE(films.n, 0), COALESCE(reviews.n, 0) "
        f"FROM {Tag._meta.db_table} tag "
        f"LEFT JOIN ({film_sql}) films ON films.tag_pk = tag.id "
        f"LEFT JOIN ({review_sql}) reviews ON reviews.tag_pk = tag.id "
        f"WHERE films.n IS NOT NULL OR reviews.n IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*film_params, *review_params))
        tags = [TagUse(*row) for row in cursor.fetchall()]
    tags.sort(key=lambda tag: (-tag.use_count, tag.name))
    return tags


def is_public_tag():
    """Tags that a film or a published review carries: a tag on drafts alone stays unknown to visitors."""
    return Exists(TaggedFilm.objects.filter(tag=OuterRef("pk"))) | Exists(
        TaggedReview.objects.filter(tag=OuterRef("pk"), content_object__in=Review.objects.published())
    )


def public_tags(slugs):
    """The public tags among `slugs`. Belongs on a Tag QuerySet as `public()`."""
    return Tag.objects.filter(is_public_tag(), slug__in=slugs).only("name", "slug")


def films_with_all_tags(films, tag_ids):
    """Films carrying every one of the tags, without duplicates (one subquery per tag).

    Belongs on FilmQuerySet as `tagged_with_all(tags)`.
    """
    for tag_id in tag_ids:
        films = films.filter(pk__in=TaggedFilm.objects.filter(tag_id=tag_id).values("content_object"))
    return films


def reviews_with_all_tags(reviews, tag_ids):
    """Reviews carrying every one of the tags. Belongs on ReviewQuerySet as `tagged_with_all(tags)`."""
    for tag_id in tag_ids:
        reviews = reviews.filter(pk__in=TaggedReview.objects.filter(tag_id=tag_id).values("content_object"))
    return reviews


class RelatedTag(NamedTuple):
    """A tag found together with others, and on how many films and reviews."""

    pk: int
    name: str
    slug: str
    shared_count: int


def related_tags(tags, films, reviews, limit):
    """Tags found together with `tags` on the given films and reviews, most shared first.

    One grouped scan of each tagged table, over the items carrying `tags`.
    Belongs on a Tag QuerySet as `related_to(tags, films, reviews)`.
    """
    wanted = [tag.pk for tag in tags]
    shared = {}
    for tagged, items in ((TaggedFilm, films), (TaggedReview, reviews)):
        counts = (
            tagged.objects.filter(content_object__in=items.order_by().values("pk"))
            .exclude(tag__in=wanted)
            .order_by()
            .values_list("tag", "tag__name", "tag__slug")
            .annotate(n=Count("*"))
        )
        for pk, name, slug, n in counts:
            tag = shared.get(pk)
            shared[pk] = RelatedTag(pk, name, slug, n + (tag.shared_count if tag else 0))
    return sorted(shared.values(), key=lambda tag: (-tag.shared_count, tag.name))[:limit]


def film_tags(tag_use_rows, limit):
    """The `limit` tags most used on films, from tag_use(): for the film list's tag filter."""
    on_films = [tag for tag in tag_use_rows if tag.film_count]
    on_films.sort(key=lambda tag: (-tag.film_count, tag.name))
    return on_films[:limit]


# --- films ------------------------------------------------------------------------------


def published_review_count(film_ref="pk"):
    """A subquery: the published reviews of the outer film. Index-only on review_film_published_idx."""
    reviews = Review.objects.filter(published_q(), film=OuterRef(film_ref)).order_by().values("film")
    return Coalesce(Subquery(reviews.annotate(n=Count("*")).values("n"), output_field=IntegerField()), Value(0))


def country_names():
    """A subquery: the outer film's countries of production, by name, as one string."""
    countries = Film.countries.through.objects.filter(film=OuterRef("pk")).order_by().values("film")
    # Ordered where the database can order inside an aggregate (SQLite only from 3.44).
    ordered = {"order_by": "country__name"} if connection.features.supports_aggregate_order_by_clause else {}
    return Subquery(countries.annotate(names=StringAgg("country__name", Value(", "), **ordered)).values("names"))


FILM_CARD_FIELDS = ("pk", "slug", "title", "year", "published_review_count", "country_names")


def film_card_rows(films):
    """What a film card shows (views.cards.FilmCard), as named rows: title, year and slug, countries,
    the published review count, each a subquery over the films listed. Belongs on FilmQuerySet as
    `for_listing()`."""
    return films.annotate(published_review_count=published_review_count(), country_names=country_names()).values_list(
        *FILM_CARD_FIELDS, named=True
    )


film_card_tags = Prepared(
    lambda films: (
        TaggedFilm.objects.filter(content_object__in=films)
        .order_by("pk")  # in the order they were given
        .values_list("content_object", "tag__name", "tag__slug")
    )
)


def films_by_review_count(films):
    """The ids of `films`, most published reviews first, then by title: a ranking for keeping.

    Returned as a compact array, cheap to keep and to read back whole.
    """
    ranked = films.annotate(n=published_review_count()).order_by("-n", "title", F("year").asc(nulls_last=True), "pk")
    return array("q", ranked.values_list("pk", flat=True))


def film_decades():
    """The decades that have films, oldest first. Belongs on FilmQuerySet as `decades()`."""
    return list(
        Film.objects.exclude(year=None)
        .annotate(decade=F("year") / 10 * 10)
        .order_by("decade")
        .values_list("decade", flat=True)
        .distinct()
    )


def countries_with_films():
    """Countries that have at least one film. Belongs on a Country QuerySet as `with_films()`."""
    return list(
        Country.objects.filter(Exists(Film.countries.through.objects.filter(country=OuterRef("pk")))).only(
            "code", "name"
        )
    )


def has_citations(model):
    """An Exists() for annotating records of `model`: does any citation back one of their facts?"""
    content_type = ContentType.objects.get_for_model(model)
    return Exists(Citation.objects.filter(content_type=content_type, object_id=OuterRef("pk")))


# --- the film page ----------------------------------------------------------------------
# Each a Prepared query of the film's id (its slug for the film itself): rows, not model instances.

FILM_PAGE_FIELDS = ("pk", "title", "slug", "year", "runtime_minutes", "synopsis", "imdb_id", "wikidata_id")

film_page_film = Prepared(
    # The content type is a value, not compiled in: a flushed test database numbers them anew.
    lambda slug, film_type: (
        Film.objects.filter(slug=slug)
        .order_by()  # one film: no sort
        .annotate(
            published_review_count=published_review_count(),
            # Most films have no festival history and no cited facts: their queries are skipped.
            has_festival_history=Exists(Selection.objects.filter(film=OuterRef("pk")))
            | Exists(AwardOutcome.objects.filter(film=OuterRef("pk"))),
            has_citations=Exists(Citation.objects.filter(content_type=film_type, object_id=OuterRef("pk"))),
        )
        .values_list(*FILM_PAGE_FIELDS, "published_review_count", "has_festival_history", "has_citations")
    )
)
film_page_titles = Prepared(
    lambda film: FilmTitle.objects.filter(film=film).in_display_order().values_list("title", "kind", "language", "note")
)
film_page_countries = Prepared(lambda film: Country.objects.filter(films=film).values_list("code", "name"))
film_page_tags = Prepared(
    lambda film: (
        TaggedFilm.objects.filter(content_object=film)
        .order_by("pk")  # in the order they were given, as the page showed them
        .values_list("tag__name", "tag__slug")
    )
)
film_page_credits = Prepared(
    lambda film: (
        Credit.objects.filter(film=film)
        .in_billing_order()
        .values_list("role", "person__name", "person__slug", "character_name", "credited_as", "note")
    )
)
film_page_citations = Prepared(
    lambda content_type, film: Citation.objects.filter(content_type=content_type, object_id=film).values_list(
        "fact", "value", "source", "url", "note"
    )
)
EDITION_FIELDS = ("year", "number", "festival__name", "festival__slug")
film_page_selections = Prepared(
    lambda film: Selection.objects.filter(film=film).values_list(
        "section__edition", *(f"section__edition__{name}" for name in EDITION_FIELDS), "section__name", "note"
    )
)
film_page_outcomes = Prepared(
    lambda film: (
        AwardOutcome.objects.filter(film=film)
        .order_by("edition__year", "award__position", "result", "pk")
        .values_list(
            "pk",
            "edition",
            *(f"edition__{name}" for name in EDITION_FIELDS),
            "result",
            "name_as_awarded",
            "award__name",
            "note",
        )
    )
)
film_page_recipients = Prepared(
    lambda film: (
        AwardRecipient.objects.filter(outcome__film=film)
        .order_by("person__name", "pk")
        .values_list("outcome", "person__name", "person__slug")
    )
)


class ReviewRow(NamedTuple):
    """A review as the film page lists it (`pk` names places in the list for the pagination)."""

    pk: int
    headline: str
    slug: str
    author: str
    language: str
    written_date: object
    rating: object
    rating_scale: int
    source_name: str
    body_start: str


def film_page_review_rows(reviews):
    """The rows of the film page's reviews (paging.KeysetList): the fields of ReviewRow, as named rows.

    The film is the page's own: it is not read again.
    """
    return with_excerpt(reviews).annotate(source_name=F("source__name")).values_list(*ReviewRow._fields, named=True)


review_tags = Prepared(
    lambda reviews: (
        TaggedReview.objects.filter(content_object__in=reviews)
        .order_by("tag")  # as the tags were always shown (by number, in effect, when unordered)
        .values_list("content_object", "tag__name", "tag__slug")
    )
)


# --- reviews ----------------------------------------------------------------------------


def with_excerpt(reviews):
    """Adds `body_start`, the first few hundred characters of the body, for listings that defer the body.

    Belongs in ReviewQuerySet.for_listing().
    """
    return reviews.annotate(body_start=Left("body", EXCERPT_SOURCE_CHARS))


def review_card_rows(reviews):
    """What a review card shows (views.cards.ReviewCard), as named rows: ReviewRow's fields and the film's."""
    return (
        with_excerpt(reviews)
        .annotate(source_name=F("source__name"))
        .annotate(film_slug=F("film__slug"), film_title=F("film__title"), film_year=F("film__year"))
        .values_list(*ReviewRow._fields, "film_slug", "film_title", "film_year", named=True)
    )


# --- people -----------------------------------------------------------------------------


def person_initials():
    """The first letters of people's names, for the A–Z index. Belongs on a Person QuerySet."""
    return list(
        Person.objects.annotate(initial=Upper(Left("name", 1)))
        .order_by("initial")
        .values_list("initial", flat=True)
        .distinct()
    )


def film_count():
    """A subquery: how many films the outer person has a credit on."""
    films = Credit.objects.filter(person=OuterRef("pk")).order_by().values("person")
    return Coalesce(
        Subquery(films.annotate(n=Count("film", distinct=True)).values("n"), output_field=IntegerField()), Value(0)
    )


# --- festivals --------------------------------------------------------------------------


def top_award_position():
    """For outcomes: the position of the top-ranked award of the outcome's festival."""
    return Subquery(
        Award.objects.filter(festival=OuterRef("edition__festival")).order_by("position").values("position")[:1]
    )


def is_top_win():
    """Outcomes that won their festival's top-ranked award. Belongs on AwardOutcomeQuerySet as `top_wins()`."""
    from django.db.models import Q

    return Q(result="won", award__position=top_award_position())
