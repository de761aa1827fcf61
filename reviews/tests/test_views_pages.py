"""Each public page: a 200 with its content and its links; unknown addresses give the friendly 404."""

from django.db import DatabaseError
from django.test import Client, RequestFactory, TestCase, override_settings
from django.urls import path

from filmarchive import urls as project_urls
from reviews.models import Credit, Review
from reviews.views.errors import server_error

from .factories import make_credit, make_film, make_person, make_review
from .site_data import build_site


class PageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(3)

    def get(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def assertLinks(self, response, *hrefs):
        for href in hrefs:
            self.assertContains(response, f'href="{href}"', msg_prefix=f"link to {href}")

    def test_home_shows_latest_reviews_featured_films_festivals_and_tags(self):
        response = self.get("/")
        self.assertContains(response, "<h1")
        self.assertContains(response, "A film of flight")
        self.assertContains(response, "Film number 2")
        self.assertContains(response, "Cannes Film Festival")
        self.assertLinks(
            response,
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
            "/films/the-cranes-are-flying-1957/",
            "/festivals/cannes/",
            "/tags/soviet-thaw/",
            "/reviews/",
            "/films/",
            "/tags/",
        )

    def test_film_list_shows_every_film_with_its_countries_tags_and_review_count(self):
        response = self.get("/films/")
        self.assertContains(response, "5 films")
        self.assertContains(response, "The Cranes Are Flying")
        self.assertContains(response, "Soviet Union")
        self.assertContains(response, "4 reviews")
        self.assertLinks(response, "/films/the-cranes-are-flying-1957/", "/tags/war/")
        self.assertContains(response, '<label for="filter-decade">')

    def test_film_list_filters_by_decade(self):
        response = self.get("/films/?decade=1950")
        self.assertContains(response, "of the 1950s")
        self.assertContains(response, "The Cranes Are Flying")
        self.assertNotContains(response, "Film number 0")  # 1930
        self.assertContains(response, '<option value="1950" selected>')
        # A year stands for its decade.
        self.assertContains(self.get("/films/?decade=1957"), "The Cranes Are Flying")

    def test_film_list_filters_by_country(self):
        response = self.get("/films/?country=FR")
        self.assertContains(response, "from France")
        self.assertContains(response, "Film number 0")
        self.assertNotContains(response, "The Cranes Are Flying</a>")
        self.assertContains(self.get("/films/?country=suhh"), "The Cranes Are Flying</a>")

    def test_film_list_filters_by_tag(self):
        response = self.get("/films/?tag=tag-1")
        self.assertContains(response, "1 film tagged “tag 1”")
        self.assertContains(response, "Film number 1")
        self.assertNotContains(response, "Film number 2")

    def test_film_list_sorts(self):
        def titles(url):
            page = self.get(url).context["page"]
            return [film.title for film in page.object_list]

        self.assertEqual(
            titles("/films/?sort=title"),
            ["Film number 0", "Film number 1", "Film number 2", "Film with a draft only", "The Cranes Are Flying"],
        )
        self.assertEqual(titles("/films/?sort=-year")[:2], ["Film with a draft only", "The Cranes Are Flying"])
        self.assertEqual(titles("/films/?sort=year")[:2], ["Film number 0", "Film number 1"])
        self.assertEqual(titles("/films/?sort=reviews")[0], "The Cranes Are Flying")

    def test_film_page_shows_titles_facts_credits_festivals_reviews_and_sources(self):
        response = self.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(response, '<span class="titles__title" lang="ru">Летят журавли</span>', html=False)
        self.assertContains(response, "Russian (Latin script)")
        self.assertContains(response, "95 min")
        self.assertContains(response, '<h3 id="credits-director">Director</h3>', html=False)
        self.assertContains(response, '<h3 id="credits-actor">Cast</h3>', html=False)
        self.assertContains(response, "… Veronika")
        self.assertContains(response, "11th Cannes Film Festival (1958)")
        self.assertContains(response, "Palme d&#x27;Or")
        self.assertContains(response, "A film of flight")
        self.assertContains(response, "97 min")  # a cited runtime
        self.assertLinks(
            response,
            "/people/mikhail-kalatozov/",
            "/people/sergey-urusevsky/",
            "/people/tatiana-samoilova/",
            "/festivals/cannes/1958/",
            "/films/?country=SUHH",
            "/tags/soviet-thaw/",
            "https://www.imdb.com/title/tt0050634/",
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
        )

    def test_film_page_links_the_decade_not_the_year(self):
        response = self.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(response, '<a href="/films/?decade=1950">Films of the 1950s</a>', html=True)
        self.assertNotContains(response, "decade=1957")

    def test_review_list_shows_published_reviews_newest_first(self):
        response = self.get("/reviews/")
        self.assertContains(response, "7 published reviews")
        newest_first = Review.objects.published().order_by("-published_at", "-pk").values_list("pk", flat=True)
        self.assertEqual([card.pk for card in response.context["page"].object_list], list(newest_first))
        self.assertLinks(response, "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/")
        self.assertContains(response, "The camera flies. Samoilova is luminous.")

    def test_review_page_shows_paragraphs_film_provenance_and_tags(self):
        response = self.get("/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/")
        self.assertContains(response, "<p>The camera flies.</p>\n<p>Samoilova is luminous.</p>", html=False)
        self.assertNotContains(response, "&lt;br")
        self.assertContains(response, '<h1 id="review-title">A film of flight</h1>', html=False)
        self.assertContains(response, "8/10")
        self.assertContains(response, "An editor")
        self.assertContains(response, "IMDb user review")
        self.assertContains(response, "2 January 2025")
        self.assertLinks(response, "/films/the-cranes-are-flying-1957/", "/tags/war/", "https://www.imdb.com/")
        self.assertContains(response, "More reviews of The Cranes Are Flying")

    def test_a_review_without_headline_is_titled_by_source_and_film(self):
        review = make_review(make_film("Stalker", year=1979), headline="", slug="imdb-1")
        response = self.get(review.get_absolute_url())
        self.assertContains(response, '<h1 id="review-title">IMDb user review of Stalker</h1>', html=False)
        self.assertContains(response, "<title>IMDb user review of Stalker (1979) · Film Archive</title>")

    def test_review_text_markup_is_shown_as_text(self):
        review = make_review(body='<script>alert(1)</script><br /><br /><b>bold</b> &amp; <i style="x">it</i>')
        response = self.get(review.get_absolute_url())
        self.assertContains(response, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", html=False)
        self.assertContains(response, "&lt;b&gt;bold&lt;/b&gt; &amp;amp; &lt;i style=&quot;x&quot;&gt;", html=False)
        self.assertNotContains(response, "<script>")
        self.assertNotContains(response, "<b>bold")
        self.assertNotContains(response, "<p></p>")

    def test_person_list_shows_people_with_their_film_counts(self):
        response = self.get("/people/")
        self.assertContains(response, "Mikhail Kalatozov")
        self.assertContains(response, "1903–1973 · 5 films")
        self.assertLinks(response, "/people/mikhail-kalatozov/", "/people/?letter=M")
        response = self.get("/people/?letter=m")
        self.assertContains(response, "whose name starts with M")
        self.assertNotContains(response, "Sergey Urusevsky")

    def test_person_page_shows_names_filmography_awards_juries_and_reviews(self):
        response = self.get("/people/mikhail-kalatozov/")
        self.assertContains(response, "Mikheil Kalatozishvili")
        self.assertContains(response, "Birth name")
        self.assertContains(response, "28 December 1903")
        self.assertContains(response, '<h3 id="role-director">Director <span class="count">4</span></h3>', html=False)
        self.assertContains(response, '<h3 id="role-writer">Writer <span class="count">3</span></h3>', html=False)
        self.assertContains(response, "Jury service")
        self.assertContains(response, "Reviews of Mikhail Kalatozov’s films")
        self.assertLinks(
            response,
            "/films/the-cranes-are-flying-1957/",
            "/festivals/cannes/1959/",
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
        )

    def test_filmography_rows_show_year_film_character_and_notes_escaped(self):
        person = make_person("Tatiana Samoilova", slug="tatiana-samoilova-2")
        film = make_film("The <i>Letter</i> Never Sent", year=1960, slug="the-letter-never-sent-1960")
        make_credit(film, person, Credit.Role.ACTOR, character_name="Tanya & <b>Sabinin</b>", credited_as="T. S.")
        make_credit(make_film("Undated", year=None, slug="undated-x"), person, Credit.Role.ACTOR, note="<uncredited>")
        response = self.get("/people/tatiana-samoilova-2/")
        self.assertContains(
            response,
            '<li><span class="filmography__year">1960</span> <span><a href="/films/the-letter-never-sent-1960/">'
            "The &lt;i&gt;Letter&lt;/i&gt; Never Sent</a>"
            ' <span class="character">… Tanya &amp; &lt;b&gt;Sabinin&lt;/b&gt;</span>'
            ' <span class="meta">(as T. S.)</span></span></li>',
            html=False,
        )
        self.assertContains(
            response,
            '<li><span class="filmography__year">—</span> <span><a href="/films/undated-x/">Undated</a>'
            ' <span class="meta">(&lt;uncredited&gt;)</span></span></li>',
            html=False,
        )

    def test_festival_list_shows_each_festival_with_its_editions(self):
        response = self.get("/festivals/")
        self.assertContains(response, "Cannes Film Festival")
        self.assertContains(response, "4 editions in the archive, 1958–1961")
        self.assertLinks(response, "/festivals/cannes/")

    def test_festival_page_lists_editions_with_their_top_winners_and_awards(self):
        response = self.get("/festivals/cannes/")
        self.assertContains(response, "Cannes, France")
        self.assertLinks(
            response, "/festivals/cannes/1958/", "/festivals/cannes/1961/", "/films/the-cranes-are-flying-1957/"
        )
        self.assertContains(response, "Palme d&#x27;Or")
        self.assertContains(response, "Special Mention")

    def test_edition_page_shows_awards_selection_jury_and_neighbours(self):
        response = self.get("/festivals/cannes/1958/")
        self.assertContains(response, "<h1>11th Cannes Film Festival (1958)</h1>", html=False)
        self.assertContains(response, "2 May 1958")
        self.assertContains(response, "Competition")
        self.assertContains(response, "(non-competitive)")
        self.assertContains(response, "(president)")
        self.assertContains(response, "Out of competition jury")
        self.assertContains(response, "2–18 May 1958")  # the edition's citation
        self.assertLinks(
            response,
            "/films/the-cranes-are-flying-1957/",
            "/people/tatiana-samoilova/",
            "/people/sergey-urusevsky/",
            "/festivals/cannes/1959/",
            "/festivals/cannes/",
        )
        self.assertContains(self.get("/festivals/cannes/1959/"), 'rel="prev" href="/festivals/cannes/1958/"')

    def test_tag_index_lists_tags_with_counts(self):
        response = self.get("/tags/")
        self.assertContains(response, "soviet thaw")
        self.assertContains(response, "4 films · 4 reviews")
        self.assertLinks(response, "/tags/soviet-thaw/", "/tags/war/", "?sort=name")
        names = [tag.name for tag in self.get("/tags/?sort=name").context["page"].object_list]
        self.assertEqual(names, sorted(names))

    def test_tag_page_lists_tagged_films_and_reviews(self):
        response = self.get("/tags/war/")
        self.assertContains(response, "1 film and 4 reviews")
        self.assertContains(response, "The Cranes Are Flying")
        self.assertContains(response, "A film of flight")
        self.assertLinks(response, "/films/the-cranes-are-flying-1957/", "/tags/soviet-thaw+war/")

    def test_combined_tags_narrow_down(self):
        response = self.get("/tags/soviet-thaw+tag-1/")
        self.assertContains(response, "1 film and 1 review carry all of these tags")
        self.assertContains(response, "Film number 1")
        self.assertNotContains(response, "Film number 2")
        # Each tag can be taken away again.
        self.assertLinks(response, "/tags/tag-1/", "/tags/soviet-thaw/")
        self.assertContains(self.client.get("/tags/tag-1+soviet-thaw/", follow=True), "Film number 1")

    def test_unicode_tags_have_pages_and_combine(self):
        make_film("Ivan the Terrible", year=1944, tags=["война", "soviet thaw"])
        response = self.get("/tags/%D0%B2%D0%BE%D0%B9%D0%BD%D0%B0/")
        self.assertContains(response, "Ivan the Terrible")
        self.assertContains(response, 'href="/tags/soviet-thaw+%D0%B2%D0%BE%D0%B9%D0%BD%D0%B0/"')  # by slug
        self.assertContains(self.get("/tags/soviet-thaw+%D0%B2%D0%BE%D0%B9%D0%BD%D0%B0/"), "1 film and 0 reviews")
        self.assertContains(self.get("/tags/"), 'href="/tags/%D0%B2%D0%BE%D0%B9%D0%BD%D0%B0/"')

    def test_repeated_tags_count_once(self):
        self.assertContains(self.client.get("/tags/war+war/", follow=True), "1 film and 4 reviews")


class NotFoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(1)

    def test_unknown_addresses_get_the_friendly_404_page(self):
        for url in (
            "/no-such-page/",
            "/films/no-such-film/",
            "/films/the-cranes-are-flying-1957/reviews/no-such-review/",
            "/films/no-such-film/reviews/a-film-of-flight/",
            "/people/nobody/",
            "/festivals/no-such-festival/",
            "/festivals/cannes/1800/",
            "/festivals/no-such-festival/1958/",
            "/tags/no-such-tag/",
            "/tags/no-such-tag+soviet-thaw/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "We could not find that page", status_code=404)
                self.assertContains(response, 'href="/films/"', status_code=404)

    def test_the_404_page_quotes_the_address_escaped(self):
        response = self.client.get("/<script>x</script>/")
        self.assertContains(response, "&lt;script&gt;", status_code=404)
        self.assertNotContains(response, "<script>", status_code=404)

    def test_the_404_page_needs_no_query(self):
        with self.assertNumQueries(0):
            self.client.get("/no-such-page/")


class ServerErrorPageTests(TestCase):
    def test_the_500_page_renders_without_the_database(self):
        request = RequestFactory().get("/")
        with self.assertNumQueries(0):
            response = server_error(request)
        self.assertEqual(response.status_code, 500)
        content = response.content.decode()
        self.assertIn("Something went wrong", content)
        self.assertIn('<html lang="en">', content)
        self.assertIn('href="/"', content)

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_request_whose_database_fails_gets_the_500_page(self):
        with self.assertLogs("django.request", "ERROR"):
            response = Client(raise_request_exception=False).get("/database-down/")
        self.assertContains(response, "Something went wrong on our side", status_code=500)


class DraftReviewSlugTests(TestCase):
    def test_a_draft_with_a_published_reviews_slug_on_another_film_stays_hidden(self):
        film = make_film("Solaris", year=1972)
        make_review(film, slug="same", status=Review.Status.DRAFT, headline="Hidden")
        make_review(make_film("Mirror", year=1975), slug="same", headline="Shown")
        self.assertEqual(self.client.get(f"/films/{film.slug}/reviews/same/").status_code, 404)


def database_down(request):
    raise DatabaseError("the database went away")


# The URLs of the 500 test above: the project's, plus a view that fails as a lost database would.
urlpatterns = [path("database-down/", database_down), *project_urls.urlpatterns]
handler500 = project_urls.handler500
