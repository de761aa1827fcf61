"""Every page type is valid HTML: the Nu Html Checker (vnu, the W3C's validator) finds no error.

The pages are rendered with the test client from the archive build_site() makes, written to a
temporary folder and checked in one run of vnu, as starting its Java virtual machine takes
seconds. The checker is the npm package vnu-jar, pinned in package-lock.json and installed by
`make install` (`npm ci`), run on the machine's Java (17 or later; .ci/run installs it).

vnu checks that a JSON-LD block (`<script type="application/ld+json">`) cannot end early or
swallow the page, but not that it is JSON: the test parses each block itself.

Feeds and sitemaps are XML, not HTML: test_feeds.py and test_crawlers.py parse them.
docs/accessibility.md says more.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory, TestCase

from reviews.models import Section
from reviews.views.errors import server_error

from .site_data import PAGE_TYPES, build_site
from .test_admin import admin_url, make_editor

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# A page of each list as visitors reach it in more ways than PAGE_TYPES shows: further pages,
# other orders, filters, combined tags, and addresses with something to report.
PAGE_VARIANTS = {
    "film list, page 2": "/films/?page=2",
    "film list, last page": "/films/?page=last",
    "film list, every filter": "/films/?decade=1930&country=FR&tag=soviet-thaw&sort=-year",
    "film list, most reviewed": "/films/?sort=reviews",
    "film list, filters ignored": "/films/?decade=soon&country=XX&tag=no-such-tag&sort=best",
    "film list, no film found": "/films/?decade=2090",
    "film list, a page that cannot be shown": "/films/?page=99",
    "film, reviews page 2": "/films/the-cranes-are-flying-1957/?reviews_page=2",
    "review list, page 2": "/reviews/?page=2",
    "people by initial": "/people/?letter=M",
    "people, page 2": "/people/?page=2",
    "person, reviews page 2": "/people/mikhail-kalatozov/?reviews_page=2",
    "edition without citations": "/festivals/cannes/1960/",
    "tags by name": "/tags/?sort=name",
    "tags, page 2": "/tags/?page=2",
    "two tags": "/tags/soviet-thaw+war/",
    "two tags, further pages": "/tags/soviet-thaw+war/?films_page=2&reviews_page=2",
    "search with no words": "/search/?q=",
    "film not found": "/films/no-such-film/",
}
NOT_FOUND = {"not found", "film not found"}
# A document vnu must find an error in (a `p` cannot hold a `div`): were the checker to skip
# the files, or read them as something other than HTML, this test would know.
BROKEN = '<!doctype html><html lang="en"><head><title>Broken</title></head><body><p><div></div></p></body></html>'


def java():
    found = shutil.which("java")
    if found is None:
        pytest.fail(
            "Java is not installed: the Nu Html Checker needs Java 17 or later "
            "(apt-get install default-jre-headless; .ci/run installs it)."
        )
    return found


def vnu_jar():
    if not VNU_JAR.exists():
        pytest.fail(f"The Nu Html Checker is not installed ({VNU_JAR} is missing): run make install (it runs npm ci).")
    return VNU_JAR


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu Html Checker reports in a document."""

    line: int
    column: int
    message: str
    extract: str  # the source around it, as vnu quotes it

    def __str__(self):
        return f"line {self.line}, column {self.column}: {self.message}\n      {self.extract.replace(chr(10), '↵')}"


@dataclass(frozen=True)
class KnownError:
    """An error in the markup of Django's admin autocomplete widget (AutocompleteSelect), allowed on
    admin pages only: matched by the start of vnu's message and by the element it is in, a `select`
    of class admin-autocomplete. docs/accessibility.md says why each one is Django's."""

    message: str
    why: str

    def allows(self, error, html):
        if not error.message.startswith(self.message):
            return False
        lines = html.split("\n")
        at = sum(len(line) + 1 for line in lines[: error.line - 1]) + error.column
        start = html.rfind("<select", 0, at)
        return start != -1 and "admin-autocomplete" in html[start : html.find(">", start)]


DJANGO_ADMIN_ERRORS = [
    KnownError(
        "Element “option” without attribute “label” must not be empty.",
        "an optional autocomplete's first choice is an empty option, select2's placeholder",
    ),
    KnownError(
        "A “select” element with a “required” attribute, and without a “multiple” attribute,",
        "a required autocomplete with nothing chosen has no option: Django draws only the chosen ones",
    ),
    KnownError(
        "The first “option” element in a “select” element with a “required” attribute,",
        "a required autocomplete's first option is the chosen record, not an empty placeholder",
    ),
]


def is_django_admins(error, html):
    return any(known.allows(error, html) for known in DJANGO_ADMIN_ERRORS)


def vnu_errors(documents):
    """The Nu Html Checker's errors in `documents` ({name: HTML}), as {name: [HtmlError, ...]}."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number:03}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        command = [java(), "-jar", str(vnu_jar()), "--format", "json", "--errors-only", "--stdout", "--no-langdetect"]
        finished = subprocess.run([*command, *sorted(files)], cwd=folder, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(finished.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu did not answer in JSON (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    errors = {}
    for message in messages:
        url = message.get("url", "")
        error = HtmlError(
            line=message.get("lastLine", 0),
            column=message.get("firstColumn", message.get("lastColumn", 0)),
            message=message["message"],
            extract=message.get("extract", ""),
        )
        errors.setdefault(files.get(Path(url).name, url), []).append(error)
    return errors


class JsonLdBlocks(HTMLParser):
    """The text of each `<script type="application/ld+json">` in a page."""

    def __init__(self):
        super().__init__()
        self.blocks, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self.inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


def json_ld_errors(html):
    """Each JSON-LD block of the page that is not JSON, as "JSON-LD block N: what is wrong"."""
    parser = JsonLdBlocks()
    parser.feed(html)
    errors = []
    for number, block in enumerate(parser.blocks, start=1):
        try:
            json.loads(block)
        except ValueError as error:
            errors.append(f"JSON-LD block {number} is not JSON: {error}")
    return errors


@pytest.mark.slow  # about 30 s: a larger archive, and the Java virtual machine
class HtmlValidityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Large enough for every list to have a second page.
        cls.site = build_site(30)
        cls.editor = make_editor()

    def public_pages(self):
        pages = {}
        for name, address in {**PAGE_TYPES, **PAGE_VARIANTS}.items():
            response = self.client.get(address)
            self.assertEqual(response.status_code, 404 if name in NOT_FOUND else 200, address)
            pages[f"the {name} page ({address})"] = response.text
        pages["the server error page"] = server_error(RequestFactory().get("/")).text
        return pages

    def admin_pages(self):
        site = self.site
        section = Section.objects.filter(edition=site.edition).first()
        addresses = {
            "dashboard": "/admin/",
            "film list": admin_url(type(site.film)),
            "film form, new": admin_url(type(site.film), "add"),
            "film form": admin_url(type(site.film), "change", site.film.pk),
            "film history": admin_url(type(site.film), "history", site.film.pk),
            "review list": admin_url(type(site.review)),
            "review form, new": admin_url(type(site.review), "add"),
            "review form": admin_url(type(site.review), "change", site.review.pk),
            "person form": admin_url(type(site.person), "change", site.person.pk),
            "edition form": admin_url(type(site.edition), "change", site.edition.pk),
            "section form": admin_url(Section, "change", section.pk),
        }
        pages = {"the admin sign-in page (/admin/login/)": self.client.get("/admin/login/").text}
        self.client.force_login(self.editor)
        for name, address in addresses.items():
            response = self.client.get(address)
            self.assertEqual(response.status_code, 200, address)
            pages[f"the admin {name} ({address})"] = response.text
        return pages

    def test_the_nu_html_checker_finds_no_error_on_any_page_type(self):
        public, admin = self.public_pages(), self.admin_pages()
        pages = {**public, **admin}
        errors = vnu_errors({**pages, "the deliberately broken document": BROKEN})
        self.assertIn("the deliberately broken document", errors, "vnu found no error where there is one")
        del errors["the deliberately broken document"]
        for name, html in admin.items():
            errors[name] = [error for error in errors.get(name, []) if not is_django_admins(error, html)]
        for name, html in pages.items():
            errors[name] = errors.get(name, []) + json_ld_errors(html)
        errors = {name: found for name, found in errors.items() if found}
        if errors:
            count = sum(len(found) for found in errors.values())
            lines = [f"{count} error(s) on {len(errors)} of {len(pages)} pages (Nu Html Checker, JSON-LD parsed):"]
            for name, found in errors.items():
                lines += [f"  {name}:"] + [f"    {error}" for error in found]
            self.fail("\n".join(lines))
