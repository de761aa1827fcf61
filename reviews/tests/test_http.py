"""HTTP: public pages compressed, validated and revalidated; what is personal is neither.

Through the whole middleware stack with the test client. Pages are kept only outside a
transaction, so the tests of kept pages commit for real (PageCacheTestCase, test_caching.py);
the others run inside one, where every page is rendered and compressed for the request alone.
"""

import gzip
import time

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import include, path
from django.utils.http import http_date, parse_http_date

from reviews.cache.encoding import IDENTITY, preferred
from reviews.cache.middleware import page_name
from reviews.cache.store import get_store
from reviews.models import Film

from .factories import make_film, make_review
from .test_admin import make_editor
from .test_caching import PageCacheTestCase

FILM = "/films/the-cranes-are-flying-1957/"
DECOMPRESS = {"gzip": gzip.decompress, "br": brotli.decompress}
# What a browser sends (Chrome's Accept-Encoding).
BROWSER = "gzip, deflate, br, zstd"


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def page_with_a_csrf_token(request):
    """A public address whose page holds a secret: a form's CSRF token."""
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}">' + "." * 500)


# The site's addresses, and one page with a secret outside the admin.
urlpatterns = [path("with-a-token/", page_with_a_csrf_token), path("", include("filmarchive.urls"))]


def make_cranes():
    film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
    make_review(film=film, headline="A hymn to the living", tags=["soviet thaw"])
    return film


class CompressionTests(PageCacheTestCase):
    def setUp(self):
        self.film = make_cranes()

    def get(self, url, accept_encoding, **headers):
        return self.client.get(url, headers={"accept-encoding": accept_encoding, **headers})

    def test_gzip_and_brotli_bodies_decompress_to_the_page_on_a_miss_and_on_a_hit(self):
        for coding in ("gzip", "br"):
            with self.subTest(coding):
                get_store().clear()
                miss = self.get(FILM, coding)
                self.assertEqual(miss["X-Page-Cache"], "miss")
                with self.assertNumQueries(0):
                    hit = self.get(FILM, coding)
                self.assertEqual(hit["X-Page-Cache"], "hit")
                page = self.assertCached(FILM).content  # unencoded, for a client that asks for none
                self.assertIn(b"The Cranes Are Flying", page)
                for response in (miss, hit):
                    self.assertEqual(response["Content-Encoding"], coding)
                    self.assertEqual(DECOMPRESS[coding](response.content), page)
                    self.assertEqual(response["Content-Length"], str(len(response.content)))
                    self.assertLess(len(response.content), len(page) / 2)

    def test_a_kept_page_holds_every_coding_compressed_once(self):
        self.get(FILM, "gzip")
        page = get_store().read(page_name(RequestFactory().get(FILM)))[0].value
        self.assertEqual(set(page.bodies), {IDENTITY, "gzip", "br"})
        self.assertEqual(DECOMPRESS["br"](page.bodies["br"][0]), page.bodies[IDENTITY][0])

    def test_a_browser_gets_brotli_and_a_client_that_asks_for_nothing_gets_the_page_as_it_is(self):
        self.assertEqual(self.get(FILM, BROWSER)["Content-Encoding"], "br")
        self.assertEqual(self.get(FILM, "gzip;q=1, br;q=0.5")["Content-Encoding"], "gzip")
        for accept_encoding in ("", "identity", "deflate", "br;q=0, gzip;q=0"):
            with self.subTest(accept_encoding):
                response = self.get(FILM, accept_encoding)
                self.assertNotIn("Content-Encoding", response)
                self.assertContains(response, "The Cranes Are Flying")

    def test_every_variant_says_it_varies_with_accept_encoding(self):
        for accept_encoding in ("", "gzip", "br"):
            with self.subTest(accept_encoding):
                vary = {value.strip() for value in self.get(FILM, accept_encoding)["Vary"].split(",")}
                self.assertIn("Accept-Encoding", vary)

    def test_feeds_sitemaps_and_robots_txt_are_compressed_too(self):
        for url in ("/reviews/feed.atom", "/reviews/feed.rss", "/sitemap.xml", "/sitemap-films.xml", "/robots.txt"):
            with self.subTest(url):
                page = self.client.get(url).content
                response = self.get(url, "br")
                self.assertEqual(response["Content-Encoding"], "br")
                self.assertEqual(DECOMPRESS["br"](response.content), page)

    def test_a_body_that_compression_would_not_shrink_is_sent_as_it_is(self):
        icon = self.client.get("/favicon.ico").content  # a tiny image, mostly PNG inside
        response = self.get("/favicon.ico", BROWSER)
        self.assertNotIn("Content-Encoding", response)
        self.assertEqual(response.content, icon)


class WhatIsNeverCompressedTests(TestCase):
    """Pages with a secret in them (a CSRF token, an editor's session) are sent as they are (BREACH)."""

    def test_the_sign_in_page_and_the_admin_are_never_compressed_nor_kept(self):
        editor = Client()
        editor.force_login(make_editor())
        for client, url in ((self.client, "/admin/login/"), (editor, "/admin/"), (editor, "/admin/reviews/film/")):
            with self.subTest(url):
                response = client.get(url, headers={"accept-encoding": BROWSER})
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Content-Encoding", response)
                self.assertTrue({"private", "no-store", "no-cache"} <= directives(response))
                self.assertNotIn("ETag", response)
        self.assertContains(self.client.get("/admin/login/"), "csrfmiddlewaretoken")

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_public_address_whose_page_holds_a_csrf_token_is_not_compressed(self):
        response = self.client.get("/with-a-token/", headers={"accept-encoding": BROWSER})
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertIn(settings.CSRF_COOKIE_NAME, response.cookies)
        self.assertNotIn("Content-Encoding", response)
        self.assertEqual(directives(response), {"private", "no-cache"})
        self.assertNotIn("Surrogate-Key", response)
        # A visitor who has the cookie already gets it again (Django renews it whenever a token is used).
        again = self.client.get("/with-a-token/", headers={"accept-encoding": BROWSER})
        self.assertIn(settings.CSRF_COOKIE_NAME, again.cookies)
        self.assertNotIn("Content-Encoding", again)

    def test_an_editors_public_page_is_neither_compressed_nor_shared(self):
        make_cranes()
        editor = Client()
        editor.force_login(make_editor())
        response = editor.get(FILM, headers={"accept-encoding": BROWSER})
        self.assertContains(response, "The Cranes Are Flying")
        self.assertNotIn("Content-Encoding", response)
        self.assertEqual(directives(response), {"private", "no-cache"})
        self.assertNotIn("Surrogate-Key", response)


class ValidationTests(PageCacheTestCase):
    """ETag and Last-Modified, and the 304s they earn: a kept page's without the database."""

    def setUp(self):
        self.film = make_cranes()

    def get(self, url=FILM, accept_encoding="", **headers):
        return self.client.get(url, headers={"accept-encoding": accept_encoding, **headers})

    def test_a_kept_page_answers_if_none_match_with_a_304_without_the_database(self):
        etag = self.get()["ETag"]
        with self.assertNumQueries(0):
            response = self.get(if_none_match=etag)
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["ETag"], etag)
        self.assertEqual(directives(response), {"public", "max-age=0", f"s-maxage={settings.SHARED_CACHE_SECONDS}"})
        self.assertIn("Accept-Encoding", response["Vary"])
        self.assertEqual(self.get(if_none_match='"something else"').status_code, 200)

    def test_a_page_rendered_afresh_answers_if_none_match_too(self):
        etag = self.get()["ETag"]
        get_store().clear()
        response = self.get(if_none_match=etag)
        self.assertEqual(response.status_code, 304)
        self.assertCached(FILM)  # kept all the same
        with self.settings(PAGE_CACHE_SECONDS=0):  # the page cache off: every page rendered
            self.assertEqual(self.get(if_none_match=etag).status_code, 304)

    def test_each_coding_has_a_strong_etag_of_its_own_and_a_weak_match_counts(self):
        etags = {coding: self.get(accept_encoding=coding)["ETag"] for coding in ("", "gzip", "br")}
        self.assertEqual(len(set(etags.values())), 3)
        self.assertFalse(any(etag.startswith("W/") for etag in etags.values()))
        self.assertEqual(self.get(accept_encoding="br", if_none_match=etags["gzip"]).status_code, 200)
        self.assertEqual(self.get(accept_encoding="br", if_none_match=f"W/{etags['br']}").status_code, 304)
        both = f"{etags['gzip']}, {etags['br']}"
        self.assertEqual(self.get(accept_encoding="gzip", if_none_match=both).status_code, 304)

    def test_an_edit_changes_the_etag(self):
        before = self.get()["ETag"]
        Film.objects.filter(pk=self.film.pk).update(title="Letyat zhuravli")
        response = self.get(if_none_match=before)
        self.assertContains(response, "Letyat zhuravli")
        self.assertNotEqual(response["ETag"], before)
        self.assertEqual(self.get(if_none_match=response["ETag"]).status_code, 304)

    def test_a_kept_page_is_last_modified_when_rendered_and_answers_if_modified_since(self):
        self.assertNotIn("Last-Modified", self.get())  # just rendered: in this second, not yet
        wait_for_the_next_second()
        last_modified = self.assertCached(FILM)["Last-Modified"]
        self.assertLessEqual(parse_http_date(last_modified), time.time())
        with self.assertNumQueries(0):
            response = self.get(if_modified_since=last_modified)
        self.assertEqual(response.status_code, 304)
        earlier = http_date(parse_http_date(last_modified) - 1)
        self.assertEqual(self.get(if_modified_since=earlier).status_code, 200)

        Film.objects.filter(pk=self.film.pk).update(title="Letyat zhuravli")
        self.assertContains(self.get(if_modified_since=last_modified), "Letyat zhuravli")
        wait_for_the_next_second()
        self.assertGreater(parse_http_date(self.assertCached(FILM)["Last-Modified"]), parse_http_date(last_modified))

    def test_a_page_changed_twice_in_one_second_never_repeats_its_last_modified(self):
        self.get()
        wait_for_the_next_second()
        old = self.assertCached(FILM)["Last-Modified"]
        Film.objects.filter(pk=self.film.pk).update(title="Letyat zhuravli")
        # Rendered again within the second `old` names, the page cannot send that second again.
        response = self.get(if_modified_since=old)
        self.assertContains(response, "Letyat zhuravli")
        self.assertNotEqual(response.get("Last-Modified"), old)
        wait_for_the_next_second()
        self.assertNotEqual(self.assertCached(FILM)["Last-Modified"], old)

    def test_views_do_not_set_last_modified_on_public_pages(self):
        # The feed framework would send its newest entry's date, which an edit to an entry does not move.
        self.assertNotIn("Last-Modified", self.get("/reviews/feed.atom"))


class CacheControlTests(TestCase):
    def setUp(self):
        self.film = make_cranes()

    def test_public_pages_may_be_kept_briefly_by_a_shared_cache_and_browsers_ask_again(self):
        public = {"public", "max-age=0", f"s-maxage={settings.SHARED_CACHE_SECONDS}"}
        pages = ("/", FILM, "/films/", "/tags/soviet-thaw/", "/search/?q=cranes", "/reviews/feed.atom", "/sitemap.xml")
        for url in pages:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(directives(response), public)
                self.assertIn("ETag", response)
        with self.settings(SHARED_CACHE_SECONDS=300):
            self.assertIn("s-maxage=300", directives(self.client.get(FILM)))

    def test_a_views_own_cache_control_stands(self):
        self.assertEqual(directives(self.client.get("/robots.txt")), {"public", "max-age=86400"})

    def test_a_not_found_page_is_plain_and_kept_by_no_one(self):
        response = self.client.get("/films/stalker-1979/", headers={"accept-encoding": BROWSER})
        self.assertContains(response, "We could not find that page", status_code=404)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(directives(response), {"private", "no-cache"})
        for header in ("Content-Encoding", "Last-Modified", "Surrogate-Key", "X-Page-Cache"):
            self.assertNotIn(header, response)
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["Content-Length"], str(len(response.content)))


class HeadTests(TestCase):
    def test_head_sends_the_headers_of_get_without_the_body(self):
        make_cranes()
        for accept_encoding in ("", "gzip", "br"):
            with self.subTest(accept_encoding):
                get = self.client.get(FILM, headers={"accept-encoding": accept_encoding})
                head = self.client.head(FILM, headers={"accept-encoding": accept_encoding})
                self.assertEqual(head.status_code, 200)
                self.assertEqual(head.content, b"")
                for header in ("Content-Type", "Content-Length", "Content-Encoding", "ETag", "Cache-Control", "Vary"):
                    self.assertEqual(head.get(header), get.get(header), header)


class PreferredCodingTests(SimpleTestCase):
    def test_it_reads_accept_encoding_as_rfc_9110_says(self):
        for accept_encoding, coding in (
            ("", IDENTITY),
            ("gzip", "gzip"),
            ("GZip", "gzip"),
            ("x-gzip", "gzip"),
            ("br", "br"),
            (BROWSER, "br"),
            ("gzip, deflate", "gzip"),
            ("br;q=0, gzip", "gzip"),
            ("gzip;q=0.8, br;q=0.5", "gzip"),
            ("gzip; q=0.5, br", "br"),
            ("*", "br"),
            ("*;q=0", IDENTITY),
            ("gzip;q=0, *", "br"),
            ("identity", IDENTITY),
            ("deflate, zstd", IDENTITY),
            ("br;q=nan, gzip;q=x", IDENTITY),
            ("br;q=2", IDENTITY),
            ("gzip, " * 200, IDENTITY),  # longer than any browser sends: not read
        ):
            with self.subTest(accept_encoding):
                self.assertEqual(preferred(accept_encoding), coding)


def wait_for_the_next_second():
    """HTTP dates count seconds: a kept page says when it was rendered once that second is over."""
    time.sleep(1.05)
