"""An editor chooses a tag in a real browser (headless Chromium): typing in the tag box asks the
admin's autocomplete, the existing tag is picked from its suggestions and saved.

As test_browser_stale_save.py: Playwright drives Debian's Chromium, pointed at by its path.
"""

import os

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Review

from . import test_browser_stale_save as stale_save  # the module: its test class imported here would run twice
from .factories import make_review
from .test_admin import admin_url, make_editor


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class TagPickerInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True
    sign_in = stale_save.StaleSaveInBrowserTests.sign_in

    def setUp(self):
        # Playwright's sync API runs an event loop in this thread; the ORM calls here are the test's own.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self.addCleanup(os.environ.pop, "DJANGO_ALLOW_ASYNC_UNSAFE", None)
        make_editor("alice")
        self.review = make_review(tags=["war"])
        make_review(tags=["soviet-thaw", "melodrama"])

    def test_typing_suggests_existing_tags_and_the_chosen_one_is_saved(self):
        from playwright.sync_api import sync_playwright

        change_url = f"{self.live_server_url}{admin_url(Review, 'change', self.review.pk)}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=stale_save.chromium(), args=["--no-sandbox"])
            try:
                page = self.sign_in(browser, "alice")
                page.goto(change_url)
                # select2's box for the tags select: its search field takes the typing.
                page.locator(".field-tags .select2-search__field").click()
                page.keyboard.type("sov")
                suggestion = page.locator(".select2-results__option", has_text="soviet-thaw")
                suggestion.wait_for()
                self.assertEqual(page.locator(".select2-results__option").all_inner_texts(), ["soviet-thaw"])
                suggestion.click()
                page.click("input[name=_save]")
                page.wait_for_selector(".messagelist .success")
            finally:
                browser.close()

        self.assertEqual(sorted(self.review.tags.names()), ["soviet-thaw", "war"])
