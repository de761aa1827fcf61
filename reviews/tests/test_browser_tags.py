"""An editor chooses a tag in a real browser (headless Chromium): typing in the tag box asks the
admin's autocomplete, the existing tag is picked from its suggestions and saved.

Playwright drives Debian's Chromium (reviews/tests/browser.py).
"""

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings
from playwright.sync_api import expect

from reviews.models import Review

from .browser import chromium_browser, signed_in_page
from .factories import make_review
from .test_admin import PASSWORD, admin_url, make_editor


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class TagPickerInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        make_editor("alice")
        self.review = make_review(tags=["war"])
        make_review(tags=["soviet-thaw", "melodrama"])

    def test_typing_suggests_existing_tags_and_the_chosen_one_is_saved(self):
        change_url = f"{self.live_server_url}{admin_url(Review, 'change', self.review.pk)}"
        with chromium_browser() as browser:
            page = signed_in_page(browser, self.live_server_url, "alice", PASSWORD)
            page.goto(change_url)
            # select2's box for the tags select: its search field takes the typing.
            page.locator(".field-tags .select2-search__field").click()
            page.keyboard.type("sov")
            suggestion = page.locator(".select2-results__option", has_text="soviet-thaw")
            suggestion.wait_for()
            # Only the matching tag, once the answer for what was typed has come (select2 may first show
            # the answer for an empty box).
            expect(page.locator(".select2-results__option")).to_have_text(["soviet-thaw"])
            suggestion.click()
            page.click("input[name=_save]")
            page.wait_for_selector(".messagelist .success")

        self.assertEqual(sorted(self.review.tags.names()), ["soviet-thaw", "war"])
