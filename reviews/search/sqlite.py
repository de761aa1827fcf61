"""SQLite: FTS5 for review text; FTS5 word and trigram tables plus a trigram similarity
computed here, as pg_trgm computes it, for names.

SQLite has no pg_trgm: the trigram table finds rows sharing trigrams with the query (the
candidates, best bm25 first), and `strict_word_similarity` below keeps those similar
enough, with PostgreSQL's threshold. Objects are created by reviews.search.schema.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from reviews.models.visibility import published_sql

from .base import (
    NAME_CANDIDATES,
    NAME_THRESHOLD,
    REVIEW_CANDIDATES,
    Match,
    Matches,
    SearchBackend,
    name_threshold,
)
from .query import WORD, fold, is_short

# bm25 weights of the headline and the text: a match in the headline counts double.
REVIEW_WEIGHTS = "2.0, 1.0"
SNIPPET_TOKENS = 24
# For the admin, which lists every match: names are checked here, so a bound is needed.
ADMIN_NAME_CANDIDATES = 2000


def trigrams(text):
    """pg_trgm's trigrams: each word of the folded text, padded with two spaces before and
    one after, cut into every run of three characters."""
    grams = set()
    for word in WORD.findall(fold(text)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def strict_word_similarity(query, name):
    """pg_trgm's strict_word_similarity: the best trigram similarity (shared / all) between
    the query and any run of whole words of the name."""
    wanted = trigrams(query)
    if not wanted:
        return 0.0
    words = [trigrams(word) for word in WORD.findall(fold(name))]
    best = 0.0
    for start in range(len(words)):
        extent = set()
        for word in words[start:]:
            extent |= word
            shared = len(wanted & extent)
            best = max(best, shared / len(wanted | extent))
    return best


def similarity(query, name):
    """pg_trgm's similarity: shared trigrams over all trigrams of both whole texts."""
    wanted, found = trigrams(query), trigrams(name)
    return len(wanted & found) / len(wanted | found) if wanted and found else 0.0


def _variant_score(variant, name, threshold):
    if is_short(variant):
        # Whole words only, as PostgreSQL's word index matches them: in, or out.
        if not set(WORD.findall(fold(variant))) <= set(WORD.findall(fold(name))):
            return 0.0
        return max(strict_word_similarity(variant, name), NAME_THRESHOLD)
    score = strict_word_similarity(variant, name)
    return score if score >= threshold else 0.0


def name_score(name, *variants):
    """SQL archive_name_score(name, variant, ...): the best strict word similarity of any variant
    that reaches the query's threshold (base.name_threshold), else 0."""
    threshold = name_threshold(variants)
    return max((_variant_score(variant, name or "", threshold) for variant in variants), default=0.0)


def name_closeness(name, *variants):
    """SQL archive_name_closeness(name, variant, ...): breaks ties between equal scores."""
    return max((similarity(variant, name or "") for variant in variants), default=0.0)


def _register_functions():
    """Make the functions above available to this connection's SQL (SQLite has no pg_trgm).
    Registering runs no SQL and may be repeated."""
    connection.ensure_connection()
    for name, function in (("archive_name_score", name_score), ("archive_name_closeness", name_closeness)):
        connection.connection.create_function(name, -1, function, deterministic=True)


def _quoted(texts):
    """FTS5 alternatives, each inside double quotes (the texts hold only letters, digits, spaces)."""
    return " OR ".join(f'"{text}"' for text in sorted(texts))


def _candidates_sql(kind, variants, years, limit):
    """SQL (and parameters) for (entity_id, name, score) rows: names sharing a word or a trigram
    with any variant of the query, best bm25 first, scored by archive_name_score."""
    words = {word for variant in variants for word in WORD.findall(variant.lower())}
    folded_words = {word for variant in variants for word in WORD.findall(fold(variant))}
    # Trigrams of the words as typed and folded: the trigram table keeps accents.
    grams = {word[i : i + 3] for word in words | folded_words if len(word) >= 3 for i in range(len(word) - 2)}
    year_sql, year_params = "", []
    if years:
        placeholders = ", ".join(["%s"] * len(years))
        year_sql = f" AND entity_id IN (SELECT id FROM reviews_film WHERE year IN ({placeholders}))"
        year_params = list(years)
    branches, params = [], []
    for table, match in (("search_name_trigram", _quoted(grams)), ("search_name_word", _quoted(words))):
        if match:
            branches.append(
                f"SELECT entity_id, name FROM (SELECT entity_id, name FROM {table} "
                f"WHERE {table} MATCH %s AND kind = %s{year_sql} ORDER BY rank LIMIT {limit})"
            )
            params += [match, kind, *year_params]
    placeholders = ", ".join(["%s"] * len(variants))
    sql = (
        f"SELECT entity_id, name, archive_name_score(name, {placeholders}) AS score, "
        f"archive_name_closeness(name, {placeholders}) AS closeness FROM ({' UNION '.join(branches)})"
    )
    return sql, [*variants, *variants, *params]


class SQLiteBackend(SearchBackend):
    def names(self, kind, query, offset, limit, years=()):
        _register_functions()
        candidates, params = _candidates_sql(kind, query.name_variants(), years, NAME_CANDIDATES + 1)
        # The best name per entity: ranked by score then closeness, the first of each entity kept.
        sql = f"""
            WITH scored AS (
                SELECT entity_id, name, score, closeness, row_number() OVER (
                    PARTITION BY entity_id ORDER BY score DESC, closeness DESC
                ) AS position
                FROM ({candidates}) WHERE score >= {NAME_THRESHOLD}
            )
            SELECT entity_id, name, score, count(*) OVER () FROM scored WHERE position = 1
            ORDER BY score DESC, closeness DESC, entity_id LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        return Matches(
            items=[Match(id=entity_id, score=score, matched=name) for entity_id, name, score, _ in rows],
            total=rows[0][3] if rows else 0,
            cap=NAME_CANDIDATES,
        )

    def name_ids(self, kind, query):
        _register_functions()
        candidates, params = _candidates_sql(kind, query.name_variants(), (), ADMIN_NAME_CANDIDATES)
        return RawSQL(f"SELECT entity_id FROM ({candidates}) WHERE score >= {NAME_THRESHOLD}", params)

    def reviews(self, query, offset, limit):
        match = query.fts5_match()
        published, published_params = published_sql()
        # snippet() needs the row to come from a MATCH: the page is joined back to the FTS table.
        sql = f"""
            WITH candidates AS (
                SELECT search_review.rowid AS id, bm25(search_review, {REVIEW_WEIGHTS}) AS score
                FROM search_review JOIN reviews_review ON reviews_review.id = search_review.rowid
                WHERE search_review MATCH %s AND {published}
                ORDER BY score LIMIT {REVIEW_CANDIDATES + 1}
            ),
            page AS (
                SELECT id, score, (SELECT count(*) FROM candidates) AS total FROM candidates
                ORDER BY score, id DESC LIMIT %s OFFSET %s
            )
            SELECT page.id, page.score, page.total,
                snippet(search_review, 1, char(57344), char(57345), ' … ', {SNIPPET_TOKENS})
            FROM search_review JOIN page ON page.id = search_review.rowid
            WHERE search_review MATCH %s
            ORDER BY page.score, page.id DESC
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *published_params, limit, offset, match])
            rows = cursor.fetchall()
        return Matches(
            # bm25 is better when lower: negated, scores read "higher is better" on both engines.
            items=[Match(id=review_id, score=-score, snippet=snippet) for review_id, score, _, snippet in rows],
            total=rows[0][2] if rows else 0,
            cap=REVIEW_CANDIDATES,
        )

    def review_ids(self, query):
        return RawSQL("SELECT rowid FROM search_review WHERE search_review MATCH %s", [query.fts5_match()])
