"""Two editors in a real browser (headless Chromium): the second, stale save is refused, visibly.

Playwright for Python drives Debian's Chromium (`apt-get install chromium`; .ci/run installs
it), pointed at by its path: Playwright's own browser download is not used. The screenshot of
the refusal is saved to var/test-artifacts/stale-save-refused.png.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews.models import Film

from .factories import make_film
from .test_admin import PASSWORD, admin_url, make_editor

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = Path(settings.BASE_DIR) / "var" / "test-artifacts" / "stale-save-refused.png"


def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium (.ci/run installs it).")
    return CHROMIUM


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class StaleSaveInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        # Playwright's sync API runs an event loop in this thread; the ORM calls here are the test's own.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self.addCleanup(os.environ.pop, "DJANGO_ALLOW_ASYNC_UNSAFE", None)
        make_editor("alice")
        make_editor("bob")
        self.film = make_film("Letyat zhuravli", year=1957, runtime_minutes=95)

    def sign_in(self, browser, username):
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{self.live_server_url}/admin/login/?next=/admin/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{self.live_server_url}/admin/")
        return page

    def test_the_second_editor_sees_why_the_save_was_refused_with_their_input_kept(self):
        from playwright.sync_api import sync_playwright

        change_url = f"{self.live_server_url}{admin_url(Film, 'change', self.film.pk)}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            try:
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
            finally:
                browser.close()

        self.film.refresh_from_db()
        self.assertEqual((self.film.title, self.film.runtime_minutes), ("The Cranes Are Flying", 95))
        self.assertGreater(SCREENSHOT.stat().st_size, 10_000)
