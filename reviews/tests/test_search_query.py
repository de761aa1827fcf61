"""The parts of search that need no database: parsing, folding, snippets, trigram similarity."""

import re

from django.test import SimpleTestCase

from reviews.search.highlight import START, STOP, snippet_html
from reviews.search.query import MAX_QUERY_CHARS, MAX_WORDS, Term, fold, parse, transliterate
from reviews.search.sqlite import strict_word_similarity, trigrams


class ParseTests(SimpleTestCase):
    def test_words_are_all_required(self):
        query = parse("Cranes  FLYING")
        self.assertEqual(query.groups, ((Term(("cranes",)),), (Term(("flying",)),)))
        self.assertEqual(query.websearch_text(), "cranes flying")
        self.assertEqual(query.fts5_match(), '("cranes") AND ("flying")')

    def test_quotes_make_a_phrase_and_a_minus_excludes(self):
        query = parse('"you can dream" -war -"civil war"')
        self.assertEqual(query.groups, ((Term(("you", "can", "dream")),),))
        self.assertEqual(query.excluded, (Term(("war",)), Term(("civil", "war"))))
        self.assertEqual(query.websearch_text(), '"you can dream" -war -"civil war"')
        self.assertEqual(query.fts5_match(), '(("you can dream")) NOT ("war" OR "civil war")')

    def test_or_joins_alternatives(self):
        query = parse("kalatozov or urusevsky camera")
        self.assertEqual(query.groups, ((Term(("kalatozov",)), Term(("urusevsky",))), (Term(("camera",)),)))
        self.assertEqual(query.websearch_text(), "kalatozov or urusevsky camera")
        self.assertEqual(query.fts5_match(), '("kalatozov" OR "urusevsky") AND ("camera")')

    def test_a_leading_or_trailing_or_means_nothing(self):
        self.assertEqual(parse("or dream or").groups, ((Term(("dream",)),),))

    def test_an_unbalanced_quote_runs_to_the_end(self):
        self.assertEqual(parse('dream "can you').groups, ((Term(("dream",)),), (Term(("can", "you")),)))

    def test_punctuation_inside_a_word_makes_a_phrase_like_postgresql(self):
        self.assertEqual(parse("o'brien well-made").groups, ((Term(("o", "brien")),), (Term(("well", "made")),)))

    def test_operators_sql_and_html_are_only_separators(self):
        for raw in ["&|!:*()<->", "' OR 1=1; --", "<script>", '"""', "- - -", "NEAR(a b)", "col:word*"]:
            with self.subTest(raw=raw):
                query = parse(raw)
                words = " ".join(query.words)
                self.assertRegex(words, r"^[^\W_]*( [^\W_]+)*$")
                self.assertNotIn('"', words)

    def test_exclusions_alone_are_an_empty_query(self):
        query = parse("-war")
        self.assertTrue(query.is_empty)
        self.assertEqual(query.excluded, (Term(("war",)),))

    def test_nul_bytes_control_characters_and_surrogates_are_dropped(self):
        self.assertEqual(parse("dre\x00am\x07 \ud800cranes").text, "dre am ?cranes")

    def test_snippet_markers_typed_by_a_visitor_are_dropped(self):
        self.assertEqual(parse(f"{START}dream{STOP}").words, ["dream"])

    def test_a_long_query_is_cut_and_says_so(self):
        query = parse("a" * 2000)
        self.assertEqual(len(query.text), MAX_QUERY_CHARS)
        self.assertEqual(len(query.notices), 1)

    def test_many_words_are_cut_and_say_so(self):
        query = parse(" ".join(f"w{number}" for number in range(40)))
        self.assertEqual(len(query.words), MAX_WORDS)
        self.assertEqual(query.notices, (f"Your search had many words: only the first {MAX_WORDS} were used.",))

    def test_years_are_recognised_and_left_out_of_names(self):
        query = parse("cannes 1958 12345")
        self.assertEqual(query.years, [1958])
        self.assertEqual(query.name_text(), "cannes 12345")
        self.assertEqual(parse("1984").name_text(), "1984")

    def test_cyrillic_names_also_search_in_latin_letters(self):
        self.assertEqual(parse("Самойлова").name_variants(), ["самойлова", "samoylova"])
        self.assertEqual(parse("Samoilova").name_variants(), ["samoilova"])

    def test_fullwidth_and_compatibility_characters_are_normalised(self):
        self.assertEqual(parse("ＣＲＡＮＥＳ").words, ["cranes"])


class FoldTests(SimpleTestCase):
    def test_it_removes_case_and_accents_in_every_script(self):
        self.assertEqual(fold("Mikhaïl ÉTÉ Łódź Øresund Straße"), "mikhail ete lodz oresund strasse")
        self.assertEqual(fold("Самойлова"), "самоилова")

    def test_transliteration_follows_common_romanisation(self):
        self.assertEqual(transliterate("Летят журавли"), "letyat zhuravli")
        self.assertEqual(transliterate("Щукин объект"), "shchukin obekt")


class SnippetHtmlTests(SimpleTestCase):
    def test_matches_are_marked_and_everything_else_escaped(self):
        html = snippet_html(f"<script>alert(1)</script> you can {START}dream{STOP} & <b>")
        self.assertEqual(html, "&lt;script&gt;alert(1)&lt;/script&gt; you can <mark>dream</mark> &amp; &lt;b&gt;")

    def test_markup_inside_a_match_is_escaped_too(self):
        self.assertEqual(snippet_html(f"{START}<i>{STOP}"), "<mark>&lt;i&gt;</mark>")

    def test_unbalanced_markers_cannot_produce_unbalanced_markup(self):
        for text in [f"{START}dream", f"dream{STOP}", f"{STOP}{START}{START}a{STOP}{STOP}", ""]:
            with self.subTest(text=text):
                html = snippet_html(text)
                self.assertEqual(html.count("<mark>"), html.count("</mark>"))
                self.assertNotIn("<", re.sub(r"</?mark>", "", html))


class TrigramSimilarityTests(SimpleTestCase):
    """The SQLite backend's stand-in for pg_trgm: same trigrams, same strict word similarity."""

    def test_trigrams_are_pg_trgm_s(self):
        # pg_trgm's show_trgm('Ivan'): two spaces before each word, one after.
        self.assertEqual(trigrams("Ivan"), {"  i", " iv", "iva", "van", "an "})

    def test_one_wrong_letter_in_a_long_name_keeps_it_above_the_threshold(self):
        # uresevsky and urusevsky share 7 of their 13 distinct trigrams, as in PostgreSQL.
        self.assertAlmostEqual(strict_word_similarity("Uresevsky", "Sergey Urusevsky"), 7 / 13)
        self.assertAlmostEqual(strict_word_similarity("Kalatosov", "Mikhail Kalatozov"), 7 / 13)

    def test_the_best_run_of_whole_words_counts(self):
        # "cranes" and "flying" (14 trigrams) inside "cranes are flying" (18): 14 / 18.
        self.assertAlmostEqual(strict_word_similarity("cranes flying", "The Cranes Are Flying"), 14 / 18)
        self.assertEqual(strict_word_similarity("Quand passent les cigognes", "Quand passent les cigognes"), 1.0)

    def test_unrelated_names_score_low(self):
        self.assertLess(strict_word_similarity("Uresevsky", "Tatiana Samoilova"), 0.2)
