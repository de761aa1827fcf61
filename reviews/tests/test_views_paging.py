"""Long lists page by position: every item once, forwards and backwards, old page numbers still work.

The lists are walked the way a visitor walks them, by following the Next and Previous
links each page gives, and compared with the whole list in its order.
"""

import re
from html import unescape
from unittest import mock

import pytest
from django.test import TestCase

from reviews.models import Film, Review, TagUse
from reviews.views import paging
from reviews.views import tags as tag_views

from .factories import make_film, make_review
from .site_data import build_site

NEXT = re.compile(r'<a rel="next" href="([^"]+)"')
PREVIOUS = re.compile(r'<a rel="prev" href="([^"]+)"')


def pks(items):
    """The ids of model instances or of the cards the pages list."""
    return [item.pk for item in items]


def link(pattern, response):
    found = pattern.search(response.content.decode())
    return unescape(found[1]) if found else None


@pytest.mark.slow
class WalkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(30)
        # Films the order must break ties in and films without a year, which sort last.
        for number in range(4):
            make_film("Same title", year=1960, slug=f"same-title-{number}")
            make_film(f"Undated {number}", year=None, slug=f"undated-{number}")

    def walk(self, url, name, nav=None, forwards=True):
        """Every item of a list, page after page, by its Next (or Previous) links.

        `nav` names the pagination to follow on a page that shows two lists.
        """
        pattern = NEXT if forwards else PREVIOUS
        seen, pages = [], 0
        while url:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            items = list(response.context[name].object_list)
            seen += items if forwards else items[::-1]
            html = response.content.decode()
            if nav:
                html = re.search(rf'<nav class="pagination" aria-label="{nav}">(.*?)</nav>', html, re.S)[1]
            found = pattern.search(html)
            url = unescape(found[1]) if found else None
            pages += 1
            self.assertLess(pages, 100, "the walk does not end")
        return seen if forwards else seen[::-1]

    def test_the_film_list_gives_every_film_once_in_each_order(self):
        films = Film.objects.all()
        undated_last = {"title": False, "year": True, "-year": True}
        for sort, expected in (
            ("title", sorted(films, key=lambda film: (film.title, film.year or 9999, film.pk))),
            ("year", sorted(films, key=lambda film: (film.year or 9999, film.title, film.pk))),
            ("-year", sorted(films, key=lambda film: (-(film.year or -1), film.title, film.pk))),
        ):
            with self.subTest(sort=sort):
                walked = self.walk(f"/films/?sort={sort}", "page")
                self.assertEqual([film.pk for film in walked], [film.pk for film in expected])
                if undated_last[sort]:
                    self.assertEqual({film.year for film in walked[-4:]}, {None})
                last_page = self.client.get(f"/films/?sort={sort}&page=last").context["page"]
                backwards = self.walk(f"/films/?sort={sort}&page=last", "page", forwards=False)
                self.assertEqual([film.pk for film in backwards], [film.pk for film in expected])
                self.assertEqual(list(last_page.object_list), walked[-len(last_page.object_list) :])

    def test_the_most_reviewed_films_come_first(self):
        walked = self.walk("/films/?sort=reviews", "page")
        counts = [film.published_review_count for film in walked]
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertEqual(counts, [Review.objects.published().filter(film=film).count() for film in walked])
        self.assertEqual(len(walked), Film.objects.count())
        backwards = self.walk("/films/?sort=reviews&page=last", "page", forwards=False)
        self.assertEqual([film.pk for film in backwards], [film.pk for film in walked])

    def test_filters_page_too(self):
        walked = self.walk("/films/?country=SUHH&sort=-year", "page")
        self.assertEqual(
            {film.pk for film in walked}, set(Film.objects.filter(countries__code="SUHH").values_list("pk", flat=True))
        )

    def test_the_review_list_gives_every_published_review_once_newest_first(self):
        expected = pks(Review.objects.published().order_by("-published_at", "-pk"))
        self.assertEqual(pks(self.walk("/reviews/", "page")), expected)
        self.assertEqual(pks(self.walk("/reviews/?page=last", "page", forwards=False)), expected)

    def test_a_tag_page_pages_its_films_and_reviews_apart(self):
        reviews = pks(Review.objects.published().filter(tags__slug="soviet-thaw").order_by("-published_at", "-pk"))
        films = pks(Film.objects.filter(tags__slug="soviet-thaw").order_by("title", "year", "pk"))
        self.assertEqual(pks(self.walk("/tags/soviet-thaw/", "reviews", nav="Review pages")), reviews)
        self.assertEqual(pks(self.walk("/tags/soviet-thaw/", "films", nav="Film pages")), films)
        backwards = self.walk("/tags/soviet-thaw/?reviews_page=last&films_page=last", "reviews", "Review pages", False)
        self.assertEqual(pks(backwards), reviews)

    def test_the_reviews_of_a_film_page_by_position(self):
        film = Film.objects.get(slug="the-cranes-are-flying-1957")
        expected = list(film.reviews.published().order_by("-published_at", "-pk").values_list("pk", flat=True))
        walked = self.walk("/films/the-cranes-are-flying-1957/", "reviews", nav="Review pages")
        self.assertEqual([review.pk for review in walked], expected)  # the film page lists rows, not instances

    def test_a_place_past_the_last_review_of_a_film_shows_no_cards(self):
        oldest = (
            Film.objects.get(slug="the-cranes-are-flying-1957").reviews.published().order_by("published_at", "pk")[0]
        )
        response = self.client.get(f"/films/the-cranes-are-flying-1957/?reviews_after={oldest.pk}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["reviews"].object_list), [])
        self.assertNotContains(response, 'class="card review-card"')

    def test_the_tag_index_gives_every_tag_in_use_once_in_each_order(self):
        tags = list(TagUse.objects.in_use())
        self.assertGreater(len(tags), 8)
        for sort, key in (
            ("popular", lambda use: (-use.use_count, use.name, use.pk)),
            ("name", lambda use: (use.name, use.pk)),
        ):
            expected = [use.pk for use in sorted(tags, key=key)]
            with self.subTest(sort=sort), mock.patch.object(tag_views, "TAGS_PER_PAGE", 4):
                self.assertEqual(pks(self.walk(f"/tags/?sort={sort}", "page")), expected)
                self.assertEqual(pks(self.walk(f"/tags/?sort={sort}&page=last", "page", forwards=False)), expected)

    def test_the_people_list_gives_everyone_once_by_name(self):
        walked = self.walk("/people/", "page")
        self.assertEqual(walked, sorted(walked, key=lambda person: (person.name, person.pk)))
        self.assertEqual(len(walked), len({person.pk for person in walked}))

    def test_a_page_link_keeps_the_other_parameters(self):
        response = self.client.get("/films/?tag=soviet-thaw&sort=-year")
        self.assertIn("tag=soviet-thaw", link(NEXT, response))
        self.assertIn("sort=-year", link(NEXT, response))


@pytest.mark.slow
class PageNumberTests(TestCase):
    """The page numbers of the links the site gave before keep working."""

    @classmethod
    def setUpTestData(cls):
        build_site(30)

    def titles(self, url):
        return [film.title for film in self.client.get(url).context["page"].object_list]

    def test_a_number_near_the_start_is_the_page_it_always_was(self):
        everything = self.titles("/films/") + self.titles(
            f"/films/?after={Film.objects.order_by('title', 'pk')[23].slug}"
        )
        self.assertEqual(self.titles("/films/?page=2"), everything[24:48])
        self.assertContains(self.client.get("/films/?page=2"), "Page 2 of 2")

    def test_a_number_near_the_end_is_counted_from_the_end(self):
        reviews = list(Review.objects.published().order_by("-published_at", "-pk"))
        with mock.patch.object(paging, "MAX_SKIPPED", 20):
            page = self.client.get("/reviews/?page=4").context["page"]  # skips 60 from the start, 0 from the end
            self.assertEqual(pks(page.object_list), pks(reviews[60:80]))
            self.assertEqual(page.notice, "")
            self.assertIsNone(page.next_query)
            page = self.client.get("/reviews/?page=3").context["page"]  # 40 from the start, 20 from the end
            self.assertEqual(pks(page.object_list), pks(reviews[40:60]))

    def test_a_number_far_from_both_ends_gives_the_nearest_page_it_can(self):
        with mock.patch.object(paging, "MAX_SKIPPED", 10):
            response = self.client.get("/reviews/?page=2")  # 20 from the start, 40 from the end
        page = response.context["page"]
        self.assertEqual(page.number, 1)
        self.assertIn("Page 2 of reviews is too far from either end of the list", page.notice)
        self.assertContains(response, "Go on from here with Next and Previous")

    def test_a_number_past_the_end_gives_the_last_page(self):
        response = self.client.get("/reviews/?page=99")
        self.assertContains(response, "There is no page “99” of reviews: this is the last page, page 4.")
        self.assertIsNone(response.context["page"].next_query)

    def test_the_last_page_is_a_full_page(self):
        page = self.client.get("/reviews/?page=last").context["page"]
        self.assertEqual(len(page.object_list), 20)
        self.assertIsNotNone(page.previous_query)
        self.assertIsNone(page.last_query)


class CursorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.film = make_film("Stalker", year=1979, slug="stalker-1979")
        make_film("Mirror", year=1975, slug="mirror-1975")
        cls.review = make_review(cls.film)

    def test_a_position_that_is_not_in_the_list_gives_an_empty_page_with_ways_back(self):
        for url in ("/films/?after=no-such-film", "/films/?before=no-such-film", "/reviews/?after=999999"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                page = response.context["page"]
                self.assertEqual(page.object_list, [])
                self.assertEqual(
                    (page.first_query, page.last_query), (url.split("?")[0], f"{url.split('?')[0]}?page=last")
                )

    def test_a_position_that_cannot_name_an_item_gives_the_first_page_and_says_so(self):
        for url, shown in (
            ("/films/?after=%00", ""),
            ("/films/?after=a%20b", " “a b”"),
            (f"/films/?before={'x' * 400}", f" “{'x' * 39}…”"),
            ("/reviews/?after=abc", " “abc”"),
        ):
            with self.subTest(url=url[:50]):
                response = self.client.get(url)
                self.assertContains(response, f"There is no place{shown} of ")
                self.assertEqual(response.context["page"].number, 1)

    def test_the_item_a_page_starts_after_is_not_on_it(self):
        page = self.client.get("/films/?after=mirror-1975").context["page"]
        self.assertEqual([film.slug for film in page.object_list], ["stalker-1979"])
        self.assertEqual(page.previous_query, "/films/?before=stalker-1979")
        self.assertIsNone(page.next_query)

    def test_a_draft_names_no_position_in_the_list_of_reviews(self):
        draft = make_review(self.film, status=Review.Status.DRAFT)
        self.assertEqual(self.client.get(f"/reviews/?after={draft.pk}").context["page"].object_list, [])
