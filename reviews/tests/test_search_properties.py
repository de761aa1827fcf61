"""Property-based tests: arbitrary strings thrown at the search page, on either engine.

Example counts are modest so the suite stays fast; Hypothesis still reaches for the
awkward cases first (empty strings, NUL, lone quotes, huge and non-ASCII text).
"""

import re
from urllib.parse import quote_from_bytes

from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.extra.django import TestCase

from reviews.search import find, parse
from reviews.search.highlight import START, STOP, snippet_html

from .factories import make_film, make_person, make_review

# Hypothesis keeps a small cache on disk: in var/ (ignored by git), not in the checkout's root.
set_hypothesis_home_dir(django_settings.LOCAL_DATA_DIR / "hypothesis")

# The search syntax's own characters, mixed with words, so that examples hit the parser's edges.
SYNTAX = st.sampled_from(['"', "-", " or ", " OR ", "&", "|", "!", ":", "*", "(", ")", "<->", "'", "%", "\\", " "])
WORDS = st.sampled_from(["dream", "war", "cranes", "Урусевский", "été", "1958", "you can", "the"])
QUERY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=5)), max_size=30).map("".join),
)
PROFILE = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


class SearchPageProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        film = make_film("The Cranes Are Flying", year=1957, titles=[("Летят журавли", "original", "ru")])
        make_person("Sergey Urusevsky", other_names=[("Сергей Урусевский", "original_script")])
        make_review(film=film, headline="Dream", body="You can dream when the war is over.<br />Été 1958.")
        make_review(film=film, headline="<b>Bold</b>", body="<script>alert(1)</script> cranes & dreams")

    @PROFILE
    @given(q=QUERY_TEXT, kind=st.sampled_from(["", "films", "people", "festivals", "reviews", "x"]))
    def test_any_query_string_gets_a_page(self, q, kind):
        response = self.client.get("/search/", {"q": q, "kind": kind})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(b"<script>alert", response.content)

    @PROFILE
    @given(raw=st.binary(max_size=200))
    def test_any_bytes_percent_encoded_in_the_address_get_a_page(self, raw):
        encoded = quote_from_bytes(raw, safe="")
        self.assertEqual(self.client.get(f"/search/?q={encoded}&page={encoded[:20]}").status_code, 200)

    @PROFILE
    @given(q=QUERY_TEXT)
    def test_every_backend_query_runs_and_snippets_hold_only_our_markup(self, q):
        query = parse(q)
        for kind in ["films", "people", "festivals", "reviews"]:
            group = find(kind, query, 1, 5)
            self.assertLessEqual(len(group.items), 5)
            for review in group.items if kind == "reviews" else []:
                self.assertNotIn("<", re.sub(r"</?mark>", "", review.search_snippet))


class ParserProperties(TestCase):
    @settings(max_examples=200, deadline=None, database=None)
    @given(q=QUERY_TEXT)
    def test_parsed_terms_hold_only_words(self, q):
        query = parse(q)
        for term in [term for group in query.groups for term in group] + list(query.excluded):
            for word in term.words:
                self.assertRegex(word, r"^[^\W_]+$")
        self.assertEqual(query.is_empty, not query.words)

    @settings(max_examples=200, deadline=None, database=None)
    @given(text=st.text(alphabet=st.sampled_from(["a", "<", ">", "&", '"', START, STOP, " "]), max_size=40))
    def test_snippet_html_escapes_everything_but_its_marks(self, text):
        html = snippet_html(text)
        self.assertNotIn("<", re.sub(r"</?mark>", "", html))
        self.assertEqual(html.count("<mark>"), html.count("</mark>"))
