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
from .site_data import build_site

# One address of each public page type of the small archive build_site() makes.
PAGE_TYPES = {
    "home": "/",
    "film list": "/films/",
    "film list by decade": "/films/?decade=1950",
    "film": "/films/the-cranes-are-flying-1957/",
    "review list": "/reviews/",
    "people": "/people/",
    "person": "/people/mikhail-kalatozov/",
    "festivals": "/festivals/",
    "festival": "/festivals/cannes/",
    "edition": "/festivals/cannes/1958/",
    "tags": "/tags/",
    "tag": "/tags/soviet-thaw/",
    "search results": "/search/?q=cranes",
    "search with nothing found": "/search/?q=zzzzqqq",
    "the archive as data": "/data/",
    "not found": "/no-such-page/",
}


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class PublicPagesInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        self.site = build_site(3)
        # /data/ describes a bulk download made from that archive.
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        storage = {"BACKEND": "reviews.downloads.DownloadStorage", "OPTIONS": {"location": directory.name}}
        overridden = override_settings(STORAGES={**settings.STORAGES, "downloads": storage})
        overridden.enable()
        self.addCleanup(overridden.disable)
        call_command("export_public_data", "--site-url=http://localhost", "--no-progress", stdout=io.StringIO())

    def test_axe_finds_no_violation_on_any_page_type(self):
        pages = {**PAGE_TYPES, "review": self.site.review.get_absolute_url()}
        failures = []
        with chromium_browser() as browser:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            for name, address in pages.items():
                response = page.goto(f"{self.live_server_url}{address}")
                self.assertEqual(response.status, 404 if name == "not found" else 200, address)
                if found := axe_violations(page):
                    failures.append(describe(found, f"the {name} page ({address})"))
        if failures:
            self.fail("\n\n".join(failures))

    def test_every_page_type_reflows_at_320_pixels(self):
        # WCAG 1.4.10: at 320 CSS pixels nothing may need scrolling sideways.
        pages = {**PAGE_TYPES, "review": self.site.review.get_absolute_url()}
        problems = []
        with chromium_browser() as browser:
            page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
            for name, address in pages.items():
                page.goto(f"{self.live_server_url}{address}")
                problems += [f"the {name} page: {found}" for found in overflowing(page)]
                if name in {"home", "review"}:
                    screenshot(page, f"public-{name.replace(' ', '-')}-320.png")
        if problems:
            self.fail("\n".join(problems))
