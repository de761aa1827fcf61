"""Every public page type in a real browser (headless Chromium): axe-core finds no violation.

No allowance here, unlike the admin's (Django's own markup): every public page is the
project's own. docs/accessibility.md says how the tooling works.
"""

import io
import tempfile

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.core.management import call_command
from django.test import override_settings

from .browser import axe_violations, chromium_browser, describe, overflowing, screenshot
from .site_data import PAGE_TYPES, build_site


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class PublicPagesInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        build_site(3)
        # /data/ describes a bulk download made from that archive.
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        storage = {"BACKEND": "reviews.downloads.DownloadStorage", "OPTIONS": {"location": directory.name}}
        overridden = override_settings(STORAGES={**settings.STORAGES, "downloads": storage})
        overridden.enable()
        self.addCleanup(overridden.disable)
        call_command("export_public_data", "--site-url=http://localhost", "--no-progress", stdout=io.StringIO())

    def test_axe_finds_no_violation_on_any_page_type(self):
        failures = []
        with chromium_browser() as browser:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            for name, address in PAGE_TYPES.items():
                response = page.goto(f"{self.live_server_url}{address}")
                self.assertEqual(response.status, 404 if name == "not found" else 200, address)
                if found := axe_violations(page):
                    failures.append(describe(found, f"the {name} page ({address})"))
        if failures:
            self.fail("\n\n".join(failures))

    def test_every_page_type_reflows_at_320_pixels(self):
        # WCAG 1.4.10: at 320 CSS pixels nothing may need scrolling sideways.
        problems = []
        with chromium_browser() as browser:
            page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
            for name, address in PAGE_TYPES.items():
                page.goto(f"{self.live_server_url}{address}")
                problems += [f"the {name} page: {found}" for found in overflowing(page)]
                if name in {"home", "review"}:
                    screenshot(page, f"public-{name.replace(' ', '-')}-320.png")
        if problems:
            self.fail("\n".join(problems))
