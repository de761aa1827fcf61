"""The admin pages editors use, in a real browser: accessible (axe-core) and usable at 1280 px and on a tablet.

What axe finds that Django's admin itself causes is listed, with why, in docs/accessibility.md
and allowed here by rule and element (DJANGO_ADMIN_VIOLATIONS); anything else fails.
"""

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import override_settings

from reviews import history
from reviews.models import Credit, Edition, Film, FilmTitle, Person, PersonName, Review, Section

from .browser import (
    DJANGO_ADMIN_VIOLATIONS,
    SCROLLING_BOXES,
    axe_violations,
    chromium_browser,
    describe,
    overflowing,
    screenshot,
    signed_in_page,
    too_narrow,
)
from .factories import (
    make_country,
    make_credit,
    make_edition,
    make_film,
    make_person,
    make_review,
    make_section,
)
from .test_admin import PASSWORD, admin_url, make_editor

TABLET = (768, 1024)
LAPTOP = (1280, 800)
# Inline text fields and choices, autocompletes included, wide enough to read a name in.
READABLE = (
    ".inline-related.tabular td:not(.field-language) input.vTextField, "
    ".inline-related.tabular td select:not(.admin-autocomplete), .inline-related.tabular td .select2-container",
    100,
)


@pytest.mark.slow
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)  # the live server speaks plain HTTP
class AdminInBrowserTests(StaticLiveServerTestCase):
    serialized_rollback = True

    def setUp(self):
        self.editor = make_editor("alice")
        ussr = make_country()
        self.film = make_film(
            "Letyat zhuravli",
            year=1957,
            runtime_minutes=95,
            countries=[ussr],
            titles=[
                ("Летят журавли", FilmTitle.Kind.ORIGINAL, "ru"),
                ("Quand passent les cigognes", FilmTitle.Kind.TRANSLATED, "fr"),
            ],
        )
        self.person = make_person(
            "Sergey Urusevsky",
            other_names=[("Сергей Урусевский", PersonName.Kind.ORIGINAL_SCRIPT), ("Uresevsky", "misspelling")],
        )
        make_credit(self.film, make_person("Mikhail Kalatozov"), Credit.Role.DIRECTOR, billing_order=1)
        make_credit(self.film, self.person, Credit.Role.CINEMATOGRAPHER, note="uncredited")
        make_credit(
            self.film, make_person("Tatiana Samoilova"), Credit.Role.ACTOR, character_name="Veronika", billing_order=1
        )
        self.review = make_review(self.film, headline="A lyrical war film", tags=["soviet thaw", "war"])
        # As imported: no headline (the list shows the opening words), a rating, many tags.
        make_review(
            self.film,
            headline="",
            body="Kalatozov and Uresevsky made the most beautifully photographed film of the Thaw. " * 3,
            rating=9,
            tags=["cinematography", "world war ii", "melodrama", "cannes 1958"],
        )
        self.edition = make_edition(year=1958, number=11)
        self.section = make_section(self.edition, films=[self.film, make_film("Mon oncle", year=1958)])
        # A history with two versions, as after two saves in the admin.
        history.record([self.film], comment="Added.", user=self.editor)
        self.film.runtime_minutes = 97
        self.film.save()
        history.record([self.film], comment="Changed runtime.", user=self.editor)

    def url(self, model, view="changelist", *args):
        return f"{self.live_server_url}{admin_url(model, view, *args)}"

    def admin_pages(self):
        """(name, address) of every admin page the editors' journey passes, and the forms it edits."""
        return [
            ("admin index", f"{self.live_server_url}/admin/"),
            ("film list", self.url(Film)),
            ("film add form", self.url(Film, "add")),
            ("film change form", self.url(Film, "change", self.film.pk)),
            ("film history", self.url(Film, "history", self.film.pk)),
            ("review list", self.url(Review)),
            ("review add form", self.url(Review, "add")),
            ("review change form", self.url(Review, "change", self.review.pk)),
            ("person change form", self.url(Person, "change", self.person.pk)),
            ("edition change form", self.url(Edition, "change", self.edition.pk)),
            ("section change form", self.url(Section, "change", self.section.pk)),
        ]

    def test_axe_finds_no_violation_of_the_projects_own(self):
        failures = []
        with chromium_browser() as browser:
            page = browser.new_context(viewport={"width": LAPTOP[0], "height": LAPTOP[1]}).new_page()
            page.goto(f"{self.live_server_url}/admin/login/")
            if found := axe_violations(page, DJANGO_ADMIN_VIOLATIONS):
                failures.append(describe(found, "the sign-in page"))
            page = signed_in_page(browser, self.live_server_url, "alice", PASSWORD, *LAPTOP)
            for name, address in self.admin_pages():
                page.goto(address)
                if found := axe_violations(page, DJANGO_ADMIN_VIOLATIONS):
                    failures.append(describe(found, f"the {name} ({address})"))
        if failures:
            self.fail("\n\n".join(failures))

    def test_the_forms_and_the_review_list_fit_a_laptop_and_a_tablet(self):
        pages = [
            ("film-form", self.url(Film, "change", self.film.pk)),
            ("person-form", self.url(Person, "change", self.person.pk)),
            ("section-form", self.url(Section, "change", self.section.pk)),
            ("review-list", self.url(Review)),
        ]
        problems = []
        with chromium_browser() as browser:
            for width, height in (LAPTOP, TABLET):
                page = signed_in_page(browser, self.live_server_url, "alice", PASSWORD, width, height)
                for name, address in pages:
                    page.goto(address)
                    where = f"{name} at {width} px"
                    problems += [f"{where}, {found}" for found in overflowing(page, SCROLLING_BOXES)]
                    problems += [f"{where}, {found} (too narrow to read)" for found in too_narrow(page, *READABLE)]
                    if name in {"film-form", "review-list"}:
                        screenshot(page, f"admin-{name}-{width}.png")
        if problems:
            self.fail("\n".join(problems))
