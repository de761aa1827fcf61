"""Every public page runs a fixed number of SQL queries, whatever the size of the archive.

The same table of pages is checked on a small and on a larger archive (reviews.tests.site_data):
a count that grows with the data fails one of the two classes.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase

from reviews.models import Edition, Film, Person

from .site_data import build_site

# Page → queries. Comments name them, in the order the page runs them. These are the counts of
# a page rendered with nothing kept: inside a test's transaction the page cache keeps no figure
# (test_views_figures counts the pages once their figures are kept).
PAGE_QUERIES = {
    # Lists of cards run two queries each here: the page's ids, then the cards (with their tags and
    # countries as annotations); with the page cache, kept cards are read from it instead.
    # latest reviews, their cards; featured films, their cards; festivals; popular tags
    "/": 6,
    # countries, tags for the filter; films count (a figure); the page, its cards; decades
    "/films/": 6,
    "/films/?decade=1950": 6,
    "/films/?country=SUHH": 6,
    "/films/?tag=soviet-thaw": 6,
    "/films/?tag=tag-1": 6,
    # ... and the tag asked for, which is not among the most used
    "/films/?tag=no-such-tag": 7,
    "/films/?sort=title": 6,
    "/films/?sort=-year": 6,
    "/films/?sort=year": 6,
    "/films/?sort=reviews": 6,
    "/films/?decade=1930&country=FR&tag=soviet-thaw&sort=-year&page=2": 6,
    "/films/?page=2": 6,
    # film (with its tags, and whether it has festival history and citations); titles, countries,
    # credits; citations; selections, outcomes, recipients (these four only for a film that has
    # them, as this one does); the page of reviews, their cards
    "/films/the-cranes-are-flying-1957/": 10,
    "/films/the-cranes-are-flying-1957/?reviews_page=2": 10,
    # count (a figure); the page, its cards
    "/reviews/": 3,
    "/reviews/?page=2": 3,
    # review with film, source and tags; other reviews of the film
    "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/": 2,
    # initials, count (figures), page with film counts
    "/people/": 3,
    "/people/?letter=M": 3,
    "/people/?page=2": 3,
    # person (whether they have awards, juries, citations), other names; citations; the filmography,
    # awards, their recipients, juries (figures); count of reviews (a figure); the page, its cards
    "/people/mikhail-kalatozov/": 10,
    "/people/mikhail-kalatozov/?reviews_page=2": 10,
    # count, page
    "/festivals/": 2,
    "/festivals/?page=2": 2,
    # festival, its awards; the list of editions (a figure: the festival, editions, top wins, their
    # recipients)
    "/festivals/cannes/": 6,
    # edition (with the years of its neighbours, whether it has citations); sections, selections,
    # jury, outcomes, recipients; citations (only for an edition that has them: 1958 has, 1960 not)
    "/festivals/cannes/1958/": 7,
    "/festivals/cannes/1960/": 6,
    # count, page of tags with their use
    "/tags/": 2,
    "/tags/?sort=name": 2,
    "/tags/?page=2": 2,
    # tags with their counts; related tags on films, on reviews (a slow figure); films page, its
    # cards; reviews page, its cards
    "/tags/soviet-thaw/": 7,
    "/tags/tag-1/": 7,
    # ... and the counts of the combination (a slow figure): films, reviews
    "/tags/soviet-thaw+war/": 9,
    "/tags/soviet-thaw+war/?films_page=2&reviews_page=2": 9,
    # feeds (reviews/views/feeds.py): the reviews, with film, source and tags; first the film, the
    # tag, or the person and their filmography (a figure)
    "/reviews/feed.rss": 1,
    "/reviews/feed.atom": 1,
    "/films/the-cranes-are-flying-1957/feed.rss": 2,
    "/films/the-cranes-are-flying-1957/feed.atom": 2,
    "/tags/soviet-thaw/feed.rss": 2,
    "/tags/war/feed.atom": 2,
    "/people/mikhail-kalatozov/feed.rss": 3,
    "/people/mikhail-kalatozov/feed.atom": 3,
    "/films/no-such-film/feed.rss": 1,
    "/tags/soviet-thaw+war/feed.atom": 0,
    # the same records as JSON (reviews/views/data.py): the queries of their pages, the cards' query reading
    # the reviews a page lists
    "/films/the-cranes-are-flying-1957.json": 10,
    "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight.json": 2,
    "/people/mikhail-kalatozov.json": 10,
    "/festivals/cannes.json": 6,
    "/festivals/cannes/1958.json": 7,
    "/festivals/cannes/1960.json": 6,
    # ... a film's or a review's, then its former address; a review's, its former address, its film's
    "/films/no-such-film.json": 2,
    "/films/no-such-film/reviews/no-such-review.json": 3,
    # the bulk download's description is a file in its storage (none here)
    "/data/": 0,
    "/data.json": 0,
    # for crawlers: nothing; the last id of each of the six sections; the last id, the page's records
    "/robots.txt": 0,
    "/favicon.ico": 0,
    "/sitemap.xml": 6,
    "/sitemap-films.xml": 2,
    "/sitemap-reviews.xml": 2,
    "/sitemap-editions.xml": 2,
    "/sitemap-tags.xml": 2,
    "/sitemap-films.xml?p=999999": 1,
    # not found: nothing, or the one failed lookup (a film's or a review's, then its former address)
    "/no-such-page/": 0,
    "/films/no-such-film/": 2,
    "/films/no-such-film/reviews/no-such-review/": 3,  # the review, a former address of it, of its film
    "/tags/no-such-tag/": 1,
}


class QueryCountChecks:
    size = None

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(cls.size)

    def setUp(self):
        # Citations are a generic relation: warm the content type cache as any running server has it.
        ContentType.objects.get_for_models(Film, Person, Edition)

    def test_each_public_page_runs_a_fixed_number_of_queries(self):
        for url, expected in PAGE_QUERIES.items():
            with self.subTest(url=url), self.assertNumQueries(expected):
                response = self.client.get(url)
            self.assertIn(response.status_code, (200, 404), url)

    def test_the_pages_have_the_data_they_are_counted_on(self):
        # A page showing nothing would run fewer queries (no prefetch): check the lists are filled.
        response = self.client.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(response, "Soldier 0")
        self.assertContains(response, "Palme d&#x27;Or")
        self.assertContains(response, "Special mention")
        response = self.client.get("/tags/soviet-thaw+war/")
        self.assertContains(response, 'class="card film-card"')
        self.assertContains(response, 'class="card review-card"')
        self.assertContains(self.client.get("/festivals/cannes/"), "Film number 0")


class SmallArchiveQueryCountTests(QueryCountChecks, TestCase):
    size = 2


@pytest.mark.slow
class LargerArchiveQueryCountTests(QueryCountChecks, TestCase):
    size = 30

    def test_the_larger_archive_fills_more_than_one_page(self):
        self.assertContains(self.client.get("/films/"), "Page 1 of 2")
        self.assertContains(self.client.get("/reviews/"), "Page 1 of 4")
        self.assertContains(self.client.get("/films/the-cranes-are-flying-1957/"), "Page 1 of 4")
        self.assertContains(self.client.get("/tags/soviet-thaw/"), "Page 1 of 3")
