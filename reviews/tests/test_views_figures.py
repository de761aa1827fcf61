"""Kept figures: computed once, read from the cache until the archive changes, never inside a transaction.

Figures are kept only outside transactions, so these tests commit for real
(TransactionTestCase); `serialized_rollback` restores what migrations created.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.test import TransactionTestCase, override_settings

from reviews.models import Review
from reviews.views.figures import figure, figures

from .factories import make_film, make_review
from .site_data import build_site

# Page → queries once its figures are kept: what most requests run. (test_views_queries
# counts the requests that compute them.)
WARM_PAGE_QUERIES = {
    # latest reviews, their tags (featured films and festivals are kept)
    "/": 2,
    # page, its tags
    "/films/": 2,
    "/films/?sort=reviews": 2,
    "/films/?decade=1950&country=SUHH&tag=soviet-thaw&sort=-year": 2,
    "/films/?tag=tag-0": 2,
    "/reviews/": 2,
    "/reviews/?page=last": 2,
    # page with film counts
    "/people/": 1,
    "/people/?letter=M": 1,
    # person; credits, outcomes, recipients, juries, other names, citations; reviews page, tags
    "/people/mikhail-kalatozov/": 9,
    # nothing: the index's pages are kept
    "/tags/": 0,
    "/tags/?sort=name": 0,
    # tags; films page, tags; reviews page, tags
    "/tags/soviet-thaw/": 5,
    "/tags/soviet-thaw+war/?films_page=last&reviews_page=last": 5,
}


class FigureTestCase(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        # Pages stay uncached here, to count the queries of their rendering.
        page_cache = override_settings(PAGE_CACHE_SECONDS=0)
        page_cache.enable()
        self.addCleanup(page_cache.disable)
        if settings.PAGE_CACHE_VERSION_FILE:
            # A version file of its own: other test runs in this checkout bump the shared one.
            folder = tempfile.TemporaryDirectory()
            self.addCleanup(folder.cleanup)
            version_file = override_settings(PAGE_CACHE_VERSION_FILE=Path(folder.name) / "content-version")
            version_file.enable()
            self.addCleanup(version_file.disable)
            caches[settings.PAGE_CACHE_ALIAS].clear()


class FigureTests(FigureTestCase):
    def setUp(self):
        super().setUp()
        self.computed = 0

    def compute(self):
        self.computed += 1
        return self.computed

    def test_a_figure_is_computed_once_until_the_archive_changes(self):
        self.assertEqual([figure("test:answer", self.compute) for _ in range(3)], [1, 1, 1])
        make_film("Stalker", year=1979)  # any committed write to the archive
        self.assertEqual([figure("test:answer", self.compute) for _ in range(2)], [2, 2])

    def test_figures_are_read_together_and_scoped(self):
        first = figures({"a": self.compute, "b": self.compute}, scope="test:one")
        self.assertEqual(first, {"a": 1, "b": 2})
        self.assertEqual(figures({"a": self.compute}, scope="test:two"), {"a": 3})
        with self.assertNumQueries(0):
            self.assertEqual(figures({"a": self.compute, "b": self.compute}, scope="test:one"), first)

    def test_inside_a_transaction_figures_are_computed_every_time(self):
        with transaction.atomic():
            self.assertEqual([figure("test:answer", self.compute) for _ in range(2)], [1, 2])
        self.assertEqual(figure("test:answer", self.compute), 3)

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


class WarmQueryCountTests(FigureTestCase):
    def test_pages_whose_figures_are_kept_run_fewer_queries_still_fixed(self):
        build_site(2)
        for url, expected in WARM_PAGE_QUERIES.items():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)  # computes and keeps the figures
                with self.assertNumQueries(expected):
                    self.client.get(url)
