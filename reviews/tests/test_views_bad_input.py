"""Whatever a visitor puts in the address, the answer is a page or a 404, never a 500."""

from django.test import TestCase

from .site_data import build_site

PAGES = (
    "/",
    "/films/",
    "/films/the-cranes-are-flying-1957/",
    "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
    "/reviews/",
    "/people/",
    "/people/mikhail-kalatozov/",
    "/festivals/",
    "/festivals/cannes/",
    "/festivals/cannes/1958/",
    "/tags/",
    "/tags/soviet-thaw/",
    "/tags/soviet-thaw+war/",
)
LONG = "9" * 5000
# What any page may be sent; every page reads at least its page numbers.
JUNK_FOR_EVERY_PAGE = (
    "page=abc&films_page=-1&reviews_page=%00",
    "page=-1",
    "page=999999&films_page=999999&reviews_page=999999",
    f"page={LONG}&reviews_page=1e400",
    "page=%00",
    "page=1&page=2&page=abc",
    "q=%FF%FE&sort=%00&letter=%3Cb%3E",  # not UTF-8, NUL, markup
    f"{'x' * 300}={'y' * 300}",
)
# What the film list, the page with most parameters, is sent on top.
JUNK_FOR_THE_FILM_LIST = (
    "page=0",
    "page=1.5",
    "decade=zzz",
    "decade=%C2%B2%C2%B2%C2%B2%C2%B2",  # superscript digits: str.isdigit() says yes, int() says no
    "decade=99999",
    "decade=%00",
    f"decade={LONG}",
    "country=%3Cscript%3Ealert(1)%3C/script%3E",
    "country=%00",
    "tag=nonexistent",
    "tag=%00",
    f"tag={'x' * 5000}",
    "sort=evil",
    "decade=1950&decade=zzz&country=FR&country=%00&tag=war&tag=war",
)


class BadQueryStringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)

    def test_junk_in_the_query_string_never_breaks_a_page(self):
        urls = [f"{page}?{query}" for page in PAGES for query in JUNK_FOR_EVERY_PAGE]
        urls += [f"/films/?{query}" for query in JUNK_FOR_THE_FILM_LIST]
        for url in urls:
            with self.subTest(url=url[:80]):
                # The test client raises what the view raised: a 500 would fail right here.
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>", response.content)

    def test_page_numbers_out_of_range_give_the_nearest_page(self):
        self.assertEqual(self.client.get("/reviews/?page=abc").context["page"].number, 1)
        self.assertEqual(self.client.get("/reviews/?page=999999").context["page"].number, 1)
        self.assertContains(self.client.get("/films/?page=-1"), "The Cranes Are Flying")

    def test_an_unusable_page_number_is_explained(self):
        for url, message in (
            ("/reviews/?page=abc", "There is no page “abc” of reviews: this is the first page."),
            ("/films/?page=999999", "There is no page “999999” of films: this is the first page."),
            ("/people/?page=-1", "There is no page “-1” of people: this is the first page."),
            ("/festivals/?page=%00", "There is no page of festivals: this is the first page."),
            ("/tags/?page=2", "There is no page “2” of the tag index: this is the first page."),
            (f"/films/the-cranes-are-flying-1957/?reviews_page={LONG}", f"There is no page “{'9' * 39}…” of reviews"),
            ("/people/mikhail-kalatozov/?reviews_page=0", "There is no page “0” of reviews"),
            ("/tags/soviet-thaw/?films_page=x&reviews_page=y", "There is no page “y” of reviews"),
        ):
            with self.subTest(url=url[:60]):
                self.assertContains(self.client.get(url), message)
        for url in ("/reviews/", "/reviews/?page=1", "/reviews/?page=", "/tags/soviet-thaw/?films_page=1"):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), "There is no page")

    def test_the_film_list_says_what_it_ignored(self):
        for query, message in (
            ("decade=zzz", "decade “zzz” (use a year such as 1950)"),
            ("decade=%C2%B2%C2%B2%C2%B2%C2%B2", "decade “²²²²”"),
            ("decade=1492", "decade “1492”"),
            ("country=%3Cscript%3E", "country “&lt;script&gt;” (no films from a country with that code)"),
            ("country=XX", "country “XX”"),
            ("tag=nonexistent", "tag “nonexistent” (no films with that tag)"),
            ("sort=evil", "sort “evil” (sorted by title instead)"),
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/films/?{query}")
                self.assertContains(response, "could not be used and was ignored")
                self.assertContains(response, message)
                self.assertContains(response, "4 films")  # the rest of the page still works

    def test_long_values_are_not_echoed_whole(self):
        response = self.client.get(f"/films/?tag={'x' * 5000}&sort={'y' * 5000}")
        self.assertContains(response, "x" * 39 + "…")
        self.assertContains(response, "y" * 39 + "…")
        self.assertNotContains(response, "x" * 41)

    def test_control_characters_are_not_echoed(self):
        response = self.client.get("/films/?sort=ev%00il%1b")
        self.assertContains(response, "sort “evil”")
        self.assertNotIn(b"\x00", response.content)

    def test_usable_filters_work_beside_unusable_ones(self):
        response = self.client.get("/films/?decade=1950&sort=evil&tag=nonexistent")
        self.assertContains(response, "of the 1950s")
        self.assertContains(response, "The Cranes Are Flying")


class BadAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(1)

    def test_nonsense_addresses_are_not_found(self):
        for url in (
            "/tags/%00/",
            "/tags/war%00/",
            "/tags/soviet-thaw+war%00/",
            "/tags/+/",
            f"/tags/{'x' * 5000}/",
            "/tags/%FF/",
            "/tags/a+b+c+d+e+f+g/",
            "/tags/no-such-tag+soviet-thaw/",
            "/festivals/cannes/99999999999999999999999/",
            "/festivals/cannes/0/",
            "/festivals/cannes/-1958/",
            "/films/%00/",
            "/films/the-cranes-are-flying-1957/reviews/%00/",
            "/people/%3Cscript%3E/",
        ):
            with self.subTest(url=url[:60]):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"<script>", response.content)

    def test_more_tags_than_a_page_combines_are_not_found(self):
        tags = "+".join(["soviet-thaw", "war"] * 4)  # repeats count once: this is two tags
        self.assertRedirects(self.client.get(f"/tags/{tags}/"), "/tags/soviet-thaw+war/", status_code=301)
