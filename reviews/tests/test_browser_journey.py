"""A new editor's whole journey in a real browser (headless Chromium), at 1280 px and on a tablet:

a film from a country that is not among the demo's (Czechoslovakia), two credits added in the
inline, a review of it with one existing tag picked by autocomplete and one new tag, published,
then seen on the public site. axe-core checks every admin page on the way; a screenshot of each
step is saved to var/test-artifacts/journey-<step>-<width>.png.
"""

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Credit, Film, Review, Source

from .browser import (
    DJANGO_ADMIN_VIOLATIONS,
    SCROLLING_BOXES,
    axe_violations,
    chromium_browser,
    describe,
    overflowing,
    pick,
    screenshot,
    signed_in_page,
)
from .factories import make_person, make_review
from .test_admin import PASSWORD, admin_url, make_editor


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class EditorJourneyTests(StaticLiveServerTestCase):
    serialized_rollback = True  # keeps the countries and the built-in source that migrate loaded

    def setUp(self):
        make_editor("alice")
        make_person("Jiří Menzel")
        make_person("Václav Neckář")
        # An existing tag, on another review, for the picker to find.
        make_review(tags=["czechoslovak new wave"])

    def url(self, path):
        return f"{self.live_server_url}{path}"

    def check(self, page, step, width):
        """axe on the page as it is now (Django's own violations aside), and its screenshot."""
        screenshot(page, f"journey-{step}-{width}.png")
        found = axe_violations(page, DJANGO_ADMIN_VIOLATIONS)
        self.assertEqual(found, [], describe(found, f"the journey's {step} step at {width} px"))

    def journey(self, width, height):
        with chromium_browser() as browser:
            page = signed_in_page(browser, self.live_server_url, "alice", PASSWORD, width, height)
            self.check(page, "dashboard", width)

            page.goto(self.url(admin_url(Film, "add")))
            page.fill("#id_title", "Closely Watched Trains")
            page.fill("#id_year", "1966")
            pick(page, "#id_countries", "Czechoslovak")
            # The credits inline has an empty row ready; the second comes from "Add another Credit".
            pick(page, "#id_credits-0-person", "Menzel")
            page.select_option("#id_credits-0-role", Credit.Role.DIRECTOR)
            page.click("#credits-group .add-row a")
            pick(page, "#id_credits-1-person", "Neckář")
            page.select_option("#id_credits-1-role", Credit.Role.ACTOR)
            page.fill("#id_credits-1-character_name", "Miloš Hrma")
            page.fill("#id_credits-1-billing_order", "1")
            self.check(page, "film-form", width)
            self.assertEqual(overflowing(page, SCROLLING_BOXES), [])  # the filled inline fits
            page.click("input[name=_save]")
            page.wait_for_selector(".messagelist .success")

            page.goto(self.url(admin_url(Review, "add")))
            pick(page, "#id_film", "Closely")
            page.fill("#id_headline", "A station where history stops for a kiss")
            page.fill("#id_body", "Menzel's first feature.<br /><br />Neckář plays Miloš with a straight face.")
            pick(page, "#id_tags", "czechoslovak")
            page.fill("#id_new_tags", "railways")
            page.select_option("#id_status", Review.Status.PUBLISHED)
            page.fill("#id_rating", "4.5")
            self.check(page, "review-form", width)
            page.click("input[name=_save]")
            page.wait_for_selector(".messagelist .success")

            review = Review.objects.select_related("film", "source").get(film__title="Closely Watched Trains")
            page.goto(self.url(review.get_absolute_url()))
            screenshot(page, f"journey-public-review-{width}.png")
            page_text = page.inner_text("main")
            for shown in ("A station where history stops for a kiss", "Closely Watched Trains", "railways"):
                self.assertIn(shown, page_text)
            self.assertIn("czechoslovak new wave", page_text)
            page.goto(self.url(review.film.get_absolute_url()))
            film_text = page.inner_text("main")
            for shown in ("Czechoslovakia", "Jiří Menzel", "Václav Neckář", "Miloš Hrma"):
                self.assertIn(shown, film_text)
        return review

    def assert_saved_as_entered(self, review):
        film = review.film
        self.assertEqual((film.year, [country.code for country in film.countries.all()]), (1966, ["CSHH"]))
        self.assertEqual(
            sorted(film.credits.values_list("person__name", "role", "character_name")),
            [("Jiří Menzel", "director", ""), ("Václav Neckář", "actor", "Miloš Hrma")],
        )
        self.assertTrue(review.is_public)
        self.assertEqual(sorted(review.tags.names()), ["czechoslovak new wave", "railways"])
        # The archive's own writing: the built-in source, by default, on its 0.5–5 scale.
        self.assertEqual((review.source, review.rating_scale), (Source.objects.built_in(), 5))

    def test_at_1280_pixels(self):
        self.assert_saved_as_entered(self.journey(1280, 800))

    def test_on_a_tablet(self):
        self.assert_saved_as_entered(self.journey(768, 1024))
