"""Two editors in a real browser (headless Chromium, reviews/tests/browser.py): the second, stale
save is refused, visibly. The screenshot of the refusal is saved to
var/test-artifacts/stale-save-refused.png.
"""

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Film

from .browser import ARTIFACTS, chromium_browser, signed_in_page
from .factories import make_film
from .test_admin import PASSWORD, admin_url, make_editor

SCREENSHOT = ARTIFACTS / "stale-save-refused.png"


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class StaleSaveInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        make_editor("alice")
        make_editor("bob")
        self.film = make_film("Letyat zhuravli", year=1957, runtime_minutes=95)

    def sign_in(self, browser, username):
        return signed_in_page(browser, self.live_server_url, username, PASSWORD)

    def test_the_second_editor_sees_why_the_save_was_refused_with_their_input_kept(self):
        change_url = f"{self.live_server_url}{admin_url(Film, 'change', self.film.pk)}"
        with chromium_browser() as browser:
            alice, bob = self.sign_in(browser, "alice"), self.sign_in(browser, "bob")
            alice.goto(change_url)
            bob.goto(change_url)

            bob.fill("#id_title", "The Cranes Are Flying")
            bob.click("input[name=_save]")
            bob.wait_for_selector(".messagelist .success")

            alice.fill("#id_runtime_minutes", "97")
            alice.click("input[name=_save]")
            message = alice.locator(".errornote, .errorlist.nonfield").first
            message.wait_for()

            refusal = alice.locator(".errorlist.nonfield").inner_text()
            self.assertIn("Not saved: this film was changed by bob", refusal)
            self.assertIn("(title, now “The Cranes Are Flying”)", refusal)
            self.assertEqual(alice.input_value("#id_runtime_minutes"), "97")
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            alice.screenshot(path=str(SCREENSHOT), full_page=False)

        self.film.refresh_from_db()
        self.assertEqual((self.film.title, self.film.runtime_minutes), ("The Cranes Are Flying", 95))
        self.assertGreater(SCREENSHOT.stat().st_size, 10_000)
