"""The addresses the long lists link are built without reverse(), and are exactly what reverse() gives."""

from django.test import SimpleTestCase
from django.urls import clear_script_prefix, reverse, set_script_prefix

from reviews import presentation as links

SLUGS = ["the-cranes-are-flying-1957", "a", "x_y-1", "оттепель", "新浪潮", "war%20time", "it's", "a&b"]


class LinkTests(SimpleTestCase):
    def test_each_address_is_the_one_reverse_gives(self):
        for slug in SLUGS:
            with self.subTest(slug=slug):
                if slug.isascii() and all(c.isalnum() or c in "-_" for c in slug):
                    self.assertEqual(links.film_url(slug), reverse("reviews:film-detail", args=[slug]))
                    self.assertEqual(links.person_url(slug), reverse("reviews:person-detail", args=[slug]))
                    self.assertEqual(
                        links.review_url(slug, "review-1"), reverse("reviews:review-detail", args=[slug, "review-1"])
                    )
                    self.assertEqual(
                        links.edition_url(slug, 1958), reverse("reviews:edition-detail", args=[slug, 1958])
                    )
                    # The same records as JSON (reviews/views/data.py).
                    self.assertEqual(links.film_json_url(slug), reverse("reviews:film-json", args=[slug]))
                    self.assertEqual(links.person_json_url(slug), reverse("reviews:person-json", args=[slug]))
                    self.assertEqual(links.festival_json_url(slug), reverse("reviews:festival-json", args=[slug]))
                    self.assertEqual(
                        links.review_json_url(slug, "review-1"), reverse("reviews:review-json", args=[slug, "review-1"])
                    )
                    self.assertEqual(
                        links.edition_json_url(slug, 1958), reverse("reviews:edition-json", args=[slug, 1958])
                    )
                # Tag slugs may be anything taggit makes of a name: Unicode, punctuation.
                self.assertEqual(links.tag_url(slug), reverse("reviews:tag-detail", args=[slug]))
                combined = "+".join(sorted([slug, "war"]))  # in canonical order, by slug
                self.assertEqual(links.tag_url(slug, "war"), reverse("reviews:tag-detail", args=[combined]))

    def test_a_site_under_a_path_prefix_links_under_it(self):
        self.addCleanup(clear_script_prefix)
        set_script_prefix("/archive/")
        self.assertEqual(links.film_url("stalker-1979"), "/archive/films/stalker-1979/")
        self.assertEqual(links.tag_url("war"), reverse("reviews:tag-detail", args=["war"]))
