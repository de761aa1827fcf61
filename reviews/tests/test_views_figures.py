"""Kept figures: read from the store until what they were computed from changes; slow ones refreshed
after the change by whoever made it, never by a visitor.

Figures are kept only outside a transaction, so these tests commit for real (TransactionTestCase).
"""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reviews.cache import kept, keys, purging
from reviews.cache.store import get_store
from reviews.models import PendingPurge, Review, TagUse
from reviews.views import tags as tags_view

from .factories import make_film, make_review
from .site_data import build_site
from .test_caching import PageCacheTestCase

# Page → queries once its figures are kept, the page itself not (what a page costs after an edit
# elsewhere). test_views_queries counts the pages that compute their figures.
WARM_PAGE_QUERIES = {
    "/": 4,  # the cards are kept
    "/films/": 4,  # the count and the cards are kept
    "/films/?decade=1950&country=SUHH&tag=soviet-thaw&sort=-year": 4,
    "/reviews/": 1,  # the count is kept
    "/people/": 1,  # the initials and the count are kept
    "/people/?letter=M": 1,
    # person, other names, citations, the page of reviews: the filmography, awards and juries, the
    # count of reviews and the cards are kept
    "/people/mikhail-kalatozov/": 4,
    "/films/the-cranes-are-flying-1957/": 9,  # the review cards are kept
    "/festivals/cannes/": 2,  # the festival and its awards: the list of editions is kept
    "/tags/soviet-thaw/": 3,  # the related tags are kept
    "/tags/soviet-thaw+war/?films_page=last&reviews_page=last": 3,  # and the combination's counts
}

CALLS = []


def counted(name):
    """A figure that records each time it is computed, and shows `name`."""
    CALLS.append(name)
    keys.shows(name)
    return len(CALLS)


class FigureTests(PageCacheTestCase):
    def setUp(self):
        CALLS.clear()

    def test_a_figure_is_computed_once_until_what_it_showed_is_purged(self):
        self.assertEqual([kept(counted, "film:1") for _ in range(3)], [1, 1, 1])
        get_store().purge(["film:2"])
        self.assertEqual(kept(counted, "film:1"), 1)
        get_store().purge(["film:1"])
        self.assertEqual([kept(counted, "film:1") for _ in range(2)], [2, 2])

    def test_figures_with_other_arguments_are_other_figures(self):
        self.assertEqual((kept(counted, "a"), kept(counted, "b"), kept(counted, "a")), (1, 2, 1))

    def test_inside_a_transaction_figures_are_computed_every_time(self):
        with transaction.atomic():
            self.assertEqual([kept(counted, "x") for _ in range(2)], [1, 2])

    def test_a_slow_figure_is_refreshed_after_a_purge_and_readers_never_compute_it(self):
        self.assertEqual(kept(counted, "tag:1", slow=True), 1)
        PendingPurge.objects.create(key="tag:1")  # as a write's trigger does
        purging.purge_pending()  # outside a request: refreshed at once, by the purge
        self.assertEqual(CALLS, ["tag:1", "tag:1"])
        self.assertEqual(kept(counted, "tag:1", slow=True), 2)
        self.assertEqual(len(CALLS), 2)

    def test_a_count_on_a_page_follows_an_edit_at_once(self):
        film = make_film("Stalker", year=1979, tags=["slow cinema"])
        make_review(film, tags=["slow cinema"])
        self.assertContains(self.client.get("/reviews/"), "1 published review,")
        self.assertContains(self.client.get("/tags/slow-cinema/"), "1 film and 1 review")
        draft = make_review(film, status=Review.Status.DRAFT, tags=["slow cinema"])
        self.assertContains(self.client.get("/tags/slow-cinema/"), "1 film and 1 review")
        draft.publish()
        draft.save()
        self.assertContains(self.client.get("/reviews/"), "2 published reviews,")
        self.assertContains(self.client.get("/tags/slow-cinema/"), "1 film and 2 reviews")


class SlowFigureOnPagesTests(PageCacheTestCase):
    """Related tags cost hundreds of milliseconds for a large tag: refreshed by the process that changed
    them, after its response, then the pages that showed the old ones are purged."""

    def setUp(self):
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", tags=["soviet thaw", "war"])
        self.review = make_review(film=self.film, tags=["soviet thaw"])
        self.tag_id = TagUse.objects.get(tag__slug="soviet-thaw").pk
        self.assertNotContains(self.client.get("/tags/soviet-thaw/"), "melodrama")  # kept now

    def related(self):
        return [tag.name for tag in kept(tags_view.related_tags, (self.tag_id,), slow=True)]

    def test_after_an_edit_the_visitor_gets_the_new_related_tags_without_computing_them(self):
        self.review.tags.add("melodrama")  # outside a request: refreshed at once, after the commit
        with CaptureQueriesContext(connection) as visitor:
            response = self.client.get("/tags/soviet-thaw/")
        self.assertEqual(response["X-Page-Cache"], "miss")  # the page was purged
        self.assertContains(response, "melodrama")
        counting_tags = [
            query["sql"]
            for query in visitor.captured_queries
            if "COUNT(*)" in query["sql"] and "taggit_tag" in query["sql"]
        ]
        self.assertEqual(counting_tags, [], "the visitor computed the related tags")

    def test_inside_a_request_the_refresh_waits_for_the_response(self):
        purging.begin_request()  # what the middleware does as the editor's request starts
        with transaction.atomic():  # as the admin saves
            self.review.tags.add("melodrama")
        self.assertNotIn("melodrama", self.related())  # readers still get the last value...
        purging.run_after_response()  # ... until the editor's response has been sent
        self.assertIn("melodrama", self.related())
        self.assertContains(self.client.get("/tags/soviet-thaw/"), "melodrama")


class WarmQueryCountTests(PageCacheTestCase):
    def test_pages_whose_figures_are_kept_run_fewer_queries_still_fixed(self):
        build_site(2)
        for url, expected in WARM_PAGE_QUERIES.items():
            with self.subTest(url=url), self.settings(PAGE_CACHE_SECONDS=0):
                # The page itself is not kept (0 s), its figures are: the first request computes them.
                self.assertEqual(self.client.get(url).status_code, 200)
                with self.assertNumQueries(expected):
                    self.client.get(url)


class TagUseTests(PageCacheTestCase):
    def test_the_tag_index_reads_the_kept_use(self):
        make_film("Stalker", year=1979, tags=["slow cinema"])
        self.assertEqual(TagUse.objects.in_use().get(tag__slug="slow-cinema").film_count, 1)
        self.assertContains(self.client.get("/tags/"), "slow cinema")
