"""The review form's rating scale follows the source live, in a real browser (headless Chromium),
under the site's strict CSP: static/js/rating_scale.js."""

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Review

from .browser import chromium_browser
from .factories import make_source
from .test_admin import PASSWORD, make_editor


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class RatingScaleInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        make_editor("alice")
        self.imdb = make_source(rating_scale=Review.RatingScale.POINTS_10)
        self.critics = make_source("Critics", "critics", rating_scale=Review.RatingScale.PERCENT_100)

    def test_choosing_a_source_sets_its_scale_unless_the_editor_chose_one(self):
        with chromium_browser() as browser:
            page = browser.new_page()
            blocked = []
            page.on(
                "console",
                lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
            )
            page.goto(f"{self.live_server_url}/admin/login/?next=/admin/reviews/review/add/")
            page.fill("#id_username", "alice")
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_selector("#id_rating_scale")

            self.assertEqual(page.input_value("#id_rating_scale"), "5")  # the built-in source's
            page.select_option("#id_source", str(self.imdb.pk))
            self.assertEqual(page.input_value("#id_rating_scale"), "10")
            page.select_option("#id_source", str(self.critics.pk))
            self.assertEqual(page.input_value("#id_rating_scale"), "100")
            page.select_option("#id_rating_scale", "10")  # the editor's own choice
            page.select_option("#id_source", str(self.imdb.pk))
            page.select_option("#id_source", str(self.critics.pk))
            self.assertEqual(page.input_value("#id_rating_scale"), "10")
            self.assertEqual(blocked, [])
