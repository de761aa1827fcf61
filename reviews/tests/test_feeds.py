"""The review feeds, RSS 2.0 and Atom, read with a real feed parser (feedparser)."""

import xml.etree.ElementTree as ET

import feedparser
from django.test import TestCase
from django.utils import timezone

from reviews.models import Credit, Review

from .factories import make_credit, make_film, make_person, make_review
from .test_caching import PageCacheTestCase

BASE = "http://testserver"
HOSTILE = "</script><img src=x onerror=alert(1)> ]]> \x01\x07\x1b bell\u2028line & <b>bold</b>"
# PostgreSQL refuses NUL in text, so none is stored. What a feed keeps of it: the control characters
# XML cannot carry are dropped, the rest stays as written.
HOSTILE_KEPT = "</script><img src=x onerror=alert(1)> ]]>  bell\u2028line & <b>bold</b>"


def parsed(response):
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


class FeedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cranes = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", year=1957)
        cls.other = make_film("Ivan's Childhood", slug="ivans-childhood-1962", year=1962)
        cls.kalatozov = make_person("Mikhail Kalatozov", slug="mikhail-kalatozov")
        make_credit(cls.cranes, cls.kalatozov, Credit.Role.DIRECTOR)
        make_credit(cls.cranes, cls.kalatozov, Credit.Role.WRITER)  # two credits, reviews listed once
        now = timezone.now()
        cls.newest = make_review(
            cls.cranes,
            headline="A film of flight",
            slug="a-film-of-flight",
            author="An editor",
            body="The camera flies.<br /><br />Samoilova is luminous.",
            published_at=now - timezone.timedelta(hours=1),
            tags=["war"],
        )
        cls.older = make_review(
            cls.other, headline="", slug="untitled", published_at=now - timezone.timedelta(days=2), tags=["war"]
        )
        cls.draft = make_review(cls.cranes, headline="Secret draft", status=Review.Status.DRAFT, tags=["war"])
        cls.future = make_review(
            cls.cranes, headline="Review from the future", published_at=now + timezone.timedelta(days=1)
        )

    def test_the_latest_reviews_newest_first_with_absolute_canonical_links(self):
        for url in ("/reviews/feed.rss", "/reviews/feed.atom"):
            with self.subTest(url=url):
                feed = parsed(self.client.get(url))
                self.assertEqual(
                    [entry.link for entry in feed.entries],
                    [
                        f"{BASE}/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
                        f"{BASE}/films/ivans-childhood-1962/reviews/untitled/",
                    ],
                )
                self.assertEqual([entry.id for entry in feed.entries], [entry.link for entry in feed.entries])
                self.assertEqual(feed.feed.link, f"{BASE}/reviews/")

    def test_an_entry_carries_title_excerpt_author_date_and_its_film(self):
        rss = parsed(self.client.get("/reviews/feed.rss")).entries
        atom = parsed(self.client.get("/reviews/feed.atom")).entries
        for entry in (rss[0], atom[0]):
            self.assertEqual(entry.title, "A film of flight")
            # The <br /> of the stored text became a space: the excerpt is plain text.
            self.assertEqual(entry.summary, "The camera flies. Samoilova is luminous.")
            self.assertEqual(entry.author, "An editor")
            self.assertEqual(entry.published_parsed[:6], self.newest.published_at.utctimetuple()[:6])
        # No headline: the neutral title the cards show.
        self.assertEqual(rss[1].title, "IMDb user review of Ivan's Childhood")
        self.assertNotIn("author", rss[1])
        film_url = f"{BASE}/films/the-cranes-are-flying-1957/"
        self.assertEqual([(tag.term, tag.scheme) for tag in rss[0].tags], [("The Cranes Are Flying (1957)", film_url)])
        related = [link for link in atom[0].links if link.rel == "related"]
        self.assertEqual([(link.href, link.title) for link in related], [(film_url, "The Cranes Are Flying (1957)")])

    def test_a_film_feed_has_its_films_published_reviews_only(self):
        feed = parsed(self.client.get("/films/the-cranes-are-flying-1957/feed.atom"))
        self.assertEqual([entry.title for entry in feed.entries], ["A film of flight"])
        self.assertEqual(feed.feed.title, "Reviews of The Cranes Are Flying (1957) · Film Archive")
        self.assertEqual(feed.feed.link, f"{BASE}/films/the-cranes-are-flying-1957/")

    def test_a_tag_feed_has_the_published_reviews_carrying_it(self):
        feed = parsed(self.client.get("/tags/war/feed.rss"))
        self.assertEqual(
            [entry.title for entry in feed.entries], ["A film of flight", "IMDb user review of Ivan's Childhood"]
        )
        self.assertEqual(feed.feed.link, f"{BASE}/tags/war/")

    def test_a_person_feed_has_the_reviews_of_their_films_once_each(self):
        feed = parsed(self.client.get("/people/mikhail-kalatozov/feed.atom"))
        self.assertEqual([entry.title for entry in feed.entries], ["A film of flight"])
        self.assertEqual(
            parsed(self.client.get("/people/mikhail-kalatozov/feed.rss")).entries[0].title, "A film of flight"
        )
        make_person("Nobody Credited", slug="nobody-credited")
        self.assertEqual(parsed(self.client.get("/people/nobody-credited/feed.rss")).entries, [])

    def test_unknown_slugs_and_combined_tags_are_not_found(self):
        make_review(self.cranes, status=Review.Status.DRAFT, tags=["draft-only"])
        for url in (
            "/films/no-such-film/feed.rss",
            "/people/no-such-person/feed.atom",
            "/tags/no-such-tag/feed.rss",
            "/tags/draft-only/feed.atom",
            "/tags/war+drama/feed.rss",
            "/tags/war%00/feed.rss",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_feed_holds_the_latest_thirty(self):
        for number in range(32):
            make_review(self.other, slug=f"many-{number}")
        feed = parsed(self.client.get("/films/ivans-childhood-1962/feed.rss"))
        self.assertEqual(len(feed.entries), 30)
        dates = [entry.published_parsed for entry in feed.entries]
        self.assertEqual(dates, sorted(dates, reverse=True))


class HostileTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        film = make_film(HOSTILE, slug="hostile-film", year=1999)
        cls.review = make_review(
            film, headline=HOSTILE, author=HOSTILE, body=f"{HOSTILE}<br />{HOSTILE}", slug="hostile"
        )
        make_credit(film, make_person(HOSTILE, slug="hostile-person"))

    def test_hostile_text_stays_text_and_the_feeds_still_parse(self):
        urls = ("/reviews/feed.rss", "/films/hostile-film/feed.rss", "/people/hostile-person/feed.rss")
        for url in (*urls, *(url.replace(".rss", ".atom") for url in urls)):
            with self.subTest(url=url):
                response = self.client.get(url)
                feed = parsed(response)
                entry = feed.entries[0]
                self.assertNotIn(b"<img", response.content)
                self.assertNotIn(b"<script", response.content)
                # HTML fields carry the text escaped once more: a reader shows it, never runs it.
                self.assertIn("&lt;img src=x onerror=alert(1)&gt;", entry.summary)
                self.assertNotIn("<img", entry.summary)
                self.assertEqual(entry.author, HOSTILE_KEPT)

    def test_titles_read_back_exactly_as_written(self):
        atom = parsed(self.client.get("/reviews/feed.atom"))
        self.assertEqual(atom.entries[0].title, HOSTILE_KEPT)
        # RSS titles are read as HTML: the XML holds the title escaped, which HTML shows as written.
        rss = ET.fromstring(self.client.get("/reviews/feed.rss").content)
        self.assertEqual(
            rss.find("channel/item/title").text,
            HOSTILE_KEPT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        )


class FeedLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
        make_credit(film, make_person("Mikhail Kalatozov", slug="mikhail-kalatozov"))
        make_review(film, tags=["war", "drama"])

    def test_pages_advertise_their_feeds(self):
        pages = {
            "/": "/reviews/feed",
            "/reviews/": "/reviews/feed",
            "/films/the-cranes-are-flying-1957/": "/films/the-cranes-are-flying-1957/feed",
            "/people/mikhail-kalatozov/": "/people/mikhail-kalatozov/feed",
            "/tags/war/": "/tags/war/feed",
        }
        for page, feed in pages.items():
            with self.subTest(page=page):
                response = self.client.get(page)
                self.assertContains(response, f'<link rel="alternate" type="application/rss+xml" href="{feed}.rss"')
                self.assertContains(response, f'<link rel="alternate" type="application/atom+xml" href="{feed}.atom"')
                # Each feed leads back to the page of what it holds: the latest reviews to the review list.
                self.assertEqual(parsed(self.client.get(f"{feed}.atom")).feed.link, BASE + feed.removesuffix("feed"))

    def test_a_combination_of_tags_has_no_feed(self):
        self.assertNotContains(self.client.get("/tags/drama+war/"), 'rel="alternate"')  # in canonical order


class FeedCacheTests(PageCacheTestCase):
    def test_a_feed_is_kept_and_purged_when_a_review_is_published(self):
        film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
        person = make_person("Mikhail Kalatozov", slug="mikhail-kalatozov")
        make_credit(film, person)
        make_review(film, headline="First", tags=["war"])
        draft = make_review(film, headline="Second", status=Review.Status.DRAFT, tags=["war"])
        urls = (
            "/reviews/feed.rss",
            "/films/the-cranes-are-flying-1957/feed.atom",
            "/tags/war/feed.rss",
            "/people/mikhail-kalatozov/feed.atom",
        )
        self.cache(*urls)
        draft.publish()
        draft.save()
        for url in urls:
            with self.subTest(url=url):
                feed = parsed(self.assertFresh(url))
                self.assertEqual([entry.title for entry in feed.entries], ["Second", "First"])
