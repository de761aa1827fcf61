"""What crawlers are given: one address per set of tags, robots.txt, the icon, the sitemaps."""

from django.test import TestCase

from .site_data import build_site

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
