"""What crawlers are given: one address per set of tags, robots.txt, the icon, the sitemaps."""

import unittest
import xml.etree.ElementTree as ET
from unittest import mock

from django.core.paginator import EmptyPage
from django.test import TestCase

from filmarchive.testing import REDIS_MISSING
from reviews.models import Edition, Festival, Film, Person, Review, TagUse
from reviews.sitemaps import LIMIT, SECTIONS, IdRangePaginator, Section

from .factories import make_edition, make_festival, make_film, make_review
from .site_data import SECRET_TAGS, build_site
from .test_caching import PageCacheTestCase

NOINDEX = '<meta name="robots" content="noindex">'


class TagAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(2)

    def test_combined_tags_in_another_order_redirect_to_the_order_by_slug(self):
        response = self.client.get("/tags/war+soviet-thaw/")
        self.assertRedirects(response, "/tags/soviet-thaw+war/", status_code=301)

    def test_a_repeated_tag_is_dropped_by_a_redirect(self):
        self.assertRedirects(self.client.get("/tags/war+war/"), "/tags/war/", status_code=301)
        self.assertRedirects(self.client.get("/tags/war++war/"), "/tags/war/", status_code=301)
        response = self.client.get("/tags/war+soviet-thaw+war/")
        self.assertRedirects(response, "/tags/soviet-thaw+war/", status_code=301)

    def test_the_redirect_keeps_the_query_string(self):
        response = self.client.get("/tags/war+soviet-thaw/?films_page=2&reviews_page=last")
        self.assertRedirects(response, "/tags/soviet-thaw+war/?films_page=2&reviews_page=last", status_code=301)

    def test_the_redirect_runs_no_query(self):
        with self.assertNumQueries(0):
            self.client.get("/tags/war+soviet-thaw/")

    def test_a_redirect_to_no_tag_is_not_made(self):
        for url in ("/tags/war+no-such-tag/", "/tags/no-such-tag+war/", "/tags/+/", "/tags/a+b+c+d+e+f+g+a/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, follow=True).status_code, 404)

    def test_combinations_are_not_indexed_and_single_tags_are(self):
        self.assertContains(self.client.get("/tags/soviet-thaw+war/"), NOINDEX)
        self.assertNotContains(self.client.get("/tags/war/"), 'name="robots"')

    def test_tag_pages_link_combinations_in_canonical_order(self):
        response = self.client.get("/tags/war/")
        self.assertContains(response, 'href="/tags/soviet-thaw+war/"')
        self.assertNotContains(response, 'href="/tags/war+soviet-thaw/"')


class RobotsTests(TestCase):
    def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_from_other_views_of_the_same_records(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertEqual(lines[0], "User-agent: *")
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        for rule in ("/admin/", "/search/", "/tags/*+", "/*?*sort=", "/*?*page=", "/*?*after=", "/*?*before="):
            self.assertIn(f"Disallow: {rule}", lines)
        self.assertNotIn("{", response.content.decode())  # no template comment leaks
        self.assertIn("max-age=86400", response["Cache-Control"])

    def test_the_sitemap_address_is_of_the_host_and_scheme_asked(self):
        response = self.client.get("/robots.txt", headers={"host": "localhost"}, secure=True)
        self.assertContains(response, "Sitemap: https://localhost/sitemap.xml")


class FaviconTests(TestCase):
    def test_the_icon_is_served_where_browsers_look_for_it(self):
        with self.assertNumQueries(0):
            response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/x-icon")
        self.assertEqual(response.content[:4], b"\0\0\1\0")  # an ICO file
        self.assertIn(b"PNG", response.content[:64])

    def test_pages_link_the_icon(self):
        self.assertContains(self.client.get("/"), '<link rel="icon" href="/favicon.ico" sizes="32x32">')


NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SECTION_NAMES = ("films", "people", "festivals", "editions", "reviews", "tags")


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(3)

    def xml(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response["Content-Type"], "application/xml")
        return ET.fromstring(response.content)

    def entries(self, url):
        """(address, lastmod or None) of each <url> of a sitemap page."""
        return [
            (entry.findtext("s:loc", namespaces=NS), entry.findtext("s:lastmod", namespaces=NS))
            for entry in self.xml(url).findall("s:url", NS)
        ]

    def pages(self, section):
        """The addresses of a section's pages, as the index lists them."""
        listed = [entry.findtext("s:loc", namespaces=NS) for entry in self.xml("/sitemap.xml").findall("s:sitemap", NS)]
        return [
            address.removeprefix("http://testserver")
            for address in listed
            if address.split("?")[0] == f"http://testserver/sitemap-{section}.xml"
        ]

    def addresses(self, section):
        """Every address a section lists, over all its pages (ids, and so pages, run on across tests)."""
        return {
            address.removeprefix("http://testserver")
            for page in self.pages(section)
            for address, _ in self.entries(page)
        }

    def test_the_index_lists_every_section(self):
        index = self.xml("/sitemap.xml")
        self.assertEqual(index.tag, f"{{{NS['s']}}}sitemapindex")
        listed = [entry.findtext("s:loc", namespaces=NS) for entry in index.findall("s:sitemap", NS)]
        firsts = [address for address in listed if "?" not in address]
        self.assertEqual(firsts, [f"http://testserver/sitemap-{section}.xml" for section in SECTION_NAMES])

    def test_each_section_lists_the_canonical_address_of_every_public_record(self):
        expected = {
            "films": {film.get_absolute_url() for film in Film.objects.all()},
            "people": {person.get_absolute_url() for person in Person.objects.all()},
            "festivals": {festival.get_absolute_url() for festival in Festival.objects.all()},
            "editions": {edition.get_absolute_url() for edition in Edition.objects.select_related("festival")},
            "reviews": {review.get_absolute_url() for review in Review.objects.published().select_related("film")},
            "tags": {tag_use.get_absolute_url() for tag_use in TagUse.objects.in_use()},
        }
        for section, addresses in expected.items():
            with self.subTest(section=section):
                self.assertTrue(addresses)
                self.assertEqual(self.addresses(section), addresses)

    def test_drafts_scheduled_reviews_and_their_tags_are_left_out(self):
        reviews = self.addresses("reviews")
        for review in (self.site.draft, self.site.future):
            self.assertNotIn(review.get_absolute_url(), reviews)
        tags = self.addresses("tags")
        for slug in SECRET_TAGS:
            self.assertFalse(any(slug in address for address in tags))
        self.assertFalse(any("+" in address for address in tags))

    def test_entries_say_when_their_record_last_changed(self):
        film = self.site.film
        self.assertIn(
            (f"http://testserver{film.get_absolute_url()}", film.updated_at.date().isoformat()),
            [entry for page in self.pages("films") for entry in self.entries(page)],
        )
        review = self.site.review
        Review.objects.filter(pk=review.pk).update(updated_at=review.published_at.replace(year=2001))
        changed = max(review.updated_at.replace(year=2001), review.published_at).date().isoformat()
        reviews = [entry for page in self.pages("reviews") for entry in self.entries(page)]
        self.assertIn((f"http://testserver{review.get_absolute_url()}", changed), reviews)
        tags = [entry for page in self.pages("tags") for entry in self.entries(page)]
        self.assertTrue(tags)
        self.assertTrue(all(lastmod is None for _, lastmod in tags))

    def test_sections_are_paged_by_ranges_of_ids(self):
        films = list(Film.objects.order_by("pk").values_list("pk", flat=True))
        paginator = IdRangePaginator(Film.objects.order_by("pk"), 2)
        self.assertEqual(paginator.num_pages, -(-films[-1] // 2))
        pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
        self.assertEqual([film.pk for page in pages for film in page], films)
        self.assertTrue(all(len(page) <= 2 for page in pages))
        last = paginator.page(paginator.num_pages)
        self.assertIn(films[-1], [film.pk for film in last.object_list])
        with self.assertRaises(EmptyPage):
            paginator.page(paginator.num_pages + 1)

    def test_the_index_lists_every_page_of_a_long_section(self):
        with mock.patch.object(Section, "limit", 2):
            last_page = -(-Film.objects.order_by("-pk").values_list("pk", flat=True)[0] // 2)
            index = self.xml("/sitemap.xml")
            listed = [entry.findtext("s:loc", namespaces=NS) for entry in index.findall("s:sitemap", NS)]
            films = [address for address in listed if "sitemap-films" in address]
            self.assertEqual(
                films,
                ["http://testserver/sitemap-films.xml"]
                + [f"http://testserver/sitemap-films.xml?p={n}" for n in range(2, last_page + 1)],
            )
            found = set()
            for address in films:
                found |= {entry for entry, _ in self.entries(address.removeprefix("http://testserver"))}
            self.assertEqual(len(found), Film.objects.count())
            self.assertEqual(self.client.get(f"/sitemap-films.xml?p={last_page + 1}").status_code, 404)

    def test_bad_page_numbers_and_sections_are_not_found(self):
        for url in (
            "/sitemap-films.xml?p=abc",
            "/sitemap-films.xml?p=999999",
            "/sitemap-films.xml?p=0",
            "/sitemap-films.xml?p=-1",
            "/sitemap-films.xml?p=1.5",
            "/sitemap-films.xml?p=99999999999999999999999",
            "/sitemap-films.xml?p=%00",
            "/sitemap-nothing.xml",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_sitemaps_are_read_by_crawlers_not_listed_in_results(self):
        for url in ("/sitemap.xml", "/sitemap-films.xml"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url)["X-Robots-Tag"], "noindex, noodp, noarchive")
                self.assertEqual(self.client.head(url).status_code, 200)
                self.assertEqual(self.client.post(url).status_code, 405)

    def test_every_section_page_runs_a_fixed_number_of_queries(self):
        # The last id; the page's records (with a review's film, an edition's festival).
        for section in SECTIONS:
            with self.subTest(section=section), self.assertNumQueries(2):
                self.client.get(f"/sitemap-{section}.xml")
        # The last id of each section.
        with self.assertNumQueries(len(SECTIONS)):
            self.client.get("/sitemap.xml")


def page_of(section, record):
    """The address of the sitemap page listing `record`."""
    return f"/sitemap-{section}.xml?p={-(-record.pk // LIMIT)}"


@unittest.skipIf(REDIS_MISSING, f"the page cache lives in Redis: {REDIS_MISSING}")
class SitemapCacheTests(PageCacheTestCase):
    def test_sitemaps_are_kept_until_a_record_joins_or_changes(self):
        film = make_film("The Cranes Are Flying")
        cannes = make_edition(make_festival("Cannes"), year=1958)
        films, editions = page_of("films", film), page_of("editions", cannes)
        self.cache("/sitemap.xml", films, editions)
        venice = Edition(festival=make_festival("Venice"), year=1962)  # a festival the page did not show
        venice.pk = cannes.pk + 1  # on the same page, whatever the sequences (they run on between tests)
        venice.save()
        self.assertContains(self.assertFresh(editions), "/festivals/venice/1962/")
        self.assertFresh("/sitemap.xml")
        self.assertCached(films)
        Film.objects.filter(pk=film.pk).update(title="Letyat zhuravli", slug="letyat-zhuravli")
        self.assertContains(self.assertFresh(films), "/films/letyat-zhuravli/")
        review = make_review(film=film, headline="A film of flight")
        self.assertContains(self.client.get(page_of("reviews", review)), "/films/letyat-zhuravli/reviews/")
        self.cache(page_of("reviews", review))
        Review.objects.filter(pk=review.pk).update(slug="a-film-of-flight")
        self.assertContains(self.assertFresh(page_of("reviews", review)), "/reviews/a-film-of-flight/")

    def test_robots_txt_and_the_icon_are_kept(self):
        self.cache("/robots.txt", "/favicon.ico")
