"""The review form's rating scale follows the source live, in a real browser (headless Chromium),
under the site's strict CSP: static/js/rating_scale.js."""

import os

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Review

from .factories import make_source
from .test_admin import PASSWORD, make_editor
from .test_browser_stale_save import chromium


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class RatingScaleInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's event loop runs in this thread
        self.addCleanup(os.environ.pop, "DJANGO_ALLOW_ASYNC_UNSAFE", None)
        make_editor("alice")
        self.imdb = make_source(rating_scale=Review.RatingScale.POINTS_10)
        self.critics = make_source("Critics", "critics", rating_scale=Review.RatingScale.PERCENT_100)

    def test_choosing_a_source_sets_its_scale_unless_the_editor_chose_one(self):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            try:
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
            finally:
                browser.close()
