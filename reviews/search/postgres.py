"""PostgreSQL: websearch_to_tsquery over stored tsvectors for reviews, pg_trgm for names.

Objects these queries rely on are created by reviews.search.schema.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from reviews.models.visibility import published_sql

from .base import NAME_CANDIDATES, REVIEW_CANDIDATES, Match, Matches, SearchBackend, name_threshold
from .highlight import START, STOP
from .query import is_short
from .schema import name_sources

CONFIG = "archive_english"
HEADLINE_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxWords=32, MinWords=14, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


# `<<%` matches at pg_trgm's strict word similarity threshold, a setting of the session: every
# statement using it sets it first to the query's own (base.name_threshold), so that the index
# itself leaves out what falls short.
SET_THRESHOLD = "SELECT set_config('pg_trgm.strict_word_similarity_threshold', %s::text, false)"


def _source_parts(source, variants):
    """SQL pieces for one name source aliased `s`: the match condition (index-backed: `<<%`
    per variant, or whole words for a short one), the score (the best strict word similarity)
    and the closeness that breaks ties (similarity of the whole name). Each takes the variants
    as parameters."""
    folded = f"archive_fold({source.name_sql('s')})"
    condition = " OR ".join(
        f"to_tsvector('simple', {folded}) @@ plainto_tsquery('simple', archive_fold(%s))"
        if is_short(variant)
        else f"archive_fold(%s) <<%% {folded}"
        for variant in variants
    )

    def best(function):
        return "greatest(" + ", ".join(f"{function}(archive_fold(%s), {folded})" for _ in variants) + ")"

    return condition, best("strict_word_similarity"), best("similarity")


def _match_condition(query):
    """The condition (and its parameters) for reviews matching the query.

    GIN has no positions: for a phrase the word index only finds texts holding all its
    words, each then rechecked, and a phrase of two common words is rare among the many
    texts holding both. So a query with phrases finds its texts by the phrases' pairs of
    adjacent words (archive_bigrams, GIN-indexed) and checks the full query on those rows
    only; the word index is kept out on purpose (as a second bitmap it would make every
    row recompute its pairs). A phrase without such a pair ("tale of love": a stop word
    between) leaves the word index to do the work. PostgreSQL folds the CASE away when it
    plans the query, since everything in its condition is constant.
    """
    text = query.websearch_text()
    words = "reviews_review.search_vector @@ websearch_to_tsquery(%s, %s)"
    phrases = [" ".join(term.words) for group in query.groups if len(group) == 1 for term in group if term.is_phrase]
    if not phrases:
        return words, [CONFIG, text]
    pairs = "(" + " || ".join("archive_bigrams(to_tsvector(%s, %s))" for _ in phrases) + ")"
    pair_params = [value for phrase in phrases for value in (CONFIG, phrase)]
    sql = (
        f"CASE WHEN cardinality({pairs}) > 0 THEN archive_bigrams(reviews_review.search_vector) @> {pairs} "
        f"AND coalesce(reviews_review.search_vector, '') @@ websearch_to_tsquery(%s, %s) ELSE {words} END"
    )
    return sql, [*pair_params, *pair_params, CONFIG, text, CONFIG, text]


def _year_filter(source, years):
    if not years:
        return "", []
    return f" AND s.{source.entity_column} IN (SELECT id FROM reviews_film WHERE year = ANY(%s))", [list(years)]


class PostgresBackend(SearchBackend):
    def names(self, kind, query, offset, limit, years=()):
        variants = query.name_variants()
        branches, params = [], []
        for source in name_sources(kind):
            condition, score, closeness = _source_parts(source, variants)
            year_sql, year_params = _year_filter(source, years)
            branches.append(
                f"(SELECT s.{source.entity_column} AS entity_id, {source.name_sql('s')} AS matched, "
                f"{score} AS score, {closeness} AS closeness "
                f"FROM {source.table} s WHERE ({condition}){year_sql} LIMIT {NAME_CANDIDATES + 1})"
            )
            params += [*variants, *variants, *variants, *year_params]
        sql = f"""
            WITH matches AS ({" UNION ALL ".join(branches)}),
            best AS (
                SELECT DISTINCT ON (entity_id) entity_id, matched, score, closeness
                FROM matches ORDER BY entity_id, score DESC, closeness DESC
            )
            SELECT entity_id, matched, score, count(*) OVER () FROM best
            ORDER BY score DESC, closeness DESC, entity_id LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            # One round trip: the threshold, then the query (the rows are the last statement's).
            cursor.execute(f"{SET_THRESHOLD}; {sql}", [name_threshold(variants), *params, limit, offset])
            rows = cursor.fetchall()
        return Matches(
            items=[Match(id=entity_id, score=score, matched=matched) for entity_id, matched, score, _ in rows],
            total=rows[0][3] if rows else 0,
            cap=NAME_CANDIDATES,
        )

    def name_ids(self, kind, query):
        variants = query.name_variants()
        with connection.cursor() as cursor:  # for the statement the admin builds around the ids
            cursor.execute(SET_THRESHOLD, [name_threshold(variants)])
        branches, params = [], []
        for source in name_sources(kind):
            condition, _, _ = _source_parts(source, variants)
            branches.append(f"SELECT s.{source.entity_column} FROM {source.table} s WHERE {condition}")
            params += variants
        return RawSQL(" UNION ".join(branches), params)

    def reviews(self, query, offset, limit):
        text = query.websearch_text()
        match, match_params = _match_condition(query)
        published, published_params = published_sql()
        # The candidates are the first matches the GIN index yields, ranked afterwards; only the
        # page's rows get a headline (ts_headline re-reads the whole text).
        sql = f"""
            WITH candidates AS (
                SELECT reviews_review.id,
                    ts_rank(reviews_review.search_vector, websearch_to_tsquery(%s, %s), 1) AS score
                FROM reviews_review
                WHERE {match} AND {published}
                LIMIT {REVIEW_CANDIDATES + 1}
            ),
            page AS (
                SELECT id, score, count(*) OVER () AS total FROM candidates
                ORDER BY score DESC, id DESC LIMIT %s OFFSET %s
            )
            SELECT page.id, page.score, page.total,
                ts_headline(%s, translate(r.body, chr(57344) || chr(57345), ''), websearch_to_tsquery(%s, %s), %s)
            FROM page JOIN reviews_review r ON r.id = page.id
            ORDER BY page.score DESC, page.id DESC
        """
        params = [
            *(CONFIG, text),
            *match_params,
            *published_params,
            *(limit, offset),
            *(CONFIG, CONFIG, text, HEADLINE_OPTIONS),
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return Matches(
            items=[Match(id=review_id, score=score, snippet=snippet) for review_id, score, _, snippet in rows],
            total=rows[0][2] if rows else 0,
            cap=REVIEW_CANDIDATES,
        )

    def review_ids(self, query):
        match, match_params = _match_condition(query)
        return RawSQL(f"SELECT id FROM reviews_review WHERE {match}", match_params)
