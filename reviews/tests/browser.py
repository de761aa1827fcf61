"""Browser tests' tools: Debian's Chromium driven by Playwright, an editor signed in, axe-core run on a page.

Playwright for Python drives Debian's Chromium (`apt-get install chromium`; .ci/run installs it),
pointed at by its path: Playwright's own browser download is not used. axe-core comes from npm,
pinned in package-lock.json and installed into node_modules/ by `make install` (`npm ci`).

axe is evaluated in the page through the DevTools protocol (page.evaluate), which the page's
Content-Security-Policy does not govern, so pages are checked with their strict policy still
enforced: a `<script>` tag (page.add_script_tag) would be refused as inline script, and turning
the policy off (bypass_csp) would check a page editors never see.
"""

import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
# What axe checks: WCAG 2.x A and AA, and its best practices (headings, landmarks, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium (.ci/run installs it).")
    return CHROMIUM


@cache
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed ({AXE_JS} is missing): run make install (it runs npm ci).")
    return AXE_JS.read_text()


@contextmanager
def chromium_browser():
    """A headless Chromium for one test. Playwright's sync API runs an event loop in this thread,
    so Django's async-safety check is told that the ORM calls made meanwhile are the test's own."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def signed_in_page(browser, live_server_url, username, password, width=1280, height=900):
    """A page of a new browser context (its own cookies) in which `username` has signed in to the admin."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{live_server_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server_url}/admin/")
    return page


@dataclass(frozen=True)
class Violation:
    """One element failing one axe rule."""

    rule: str
    impact: str
    help: str
    target: str  # axe's CSS selector for the element
    html: str  # the element's opening, as axe quotes it
    summary: str  # axe's words on what fails

    def __str__(self):
        return f"{self.rule} ({self.impact}): {self.help}\n    at {self.target}\n    {self.html}\n    {self.summary}"


@dataclass(frozen=True)
class KnownViolation:
    """A violation a page is allowed: caused by Django's admin, not by the project, and listed
    with why in docs/accessibility.md. Matched by rule and by the element's HTML (its opening
    tag, as axe quotes it), which is stabler than axe's selector: that is the shortest one
    unique in the page, so it changes with what else the page holds."""

    rule: str
    element: str  # a regular expression searched for in the element's HTML
    why: str

    def allows(self, violation):
        return violation.rule == self.rule and re.search(self.element, violation.html) is not None


# Each one Django's admin (or the select2 it ships) causes and the project cannot fix with a
# public API; docs/accessibility.md says more. Matched by rule and by the element's selector.
DJANGO_ADMIN_VIOLATIONS = [
    KnownViolation(
        "empty-table-header",
        r'^<th class="original"></th>$',
        "admin/edit_inline/tabular.html: the header of the column holding each row's name is empty",
    ),
    KnownViolation(
        "aria-input-field-name",
        r'^<span class="select2-selection select2-selection--single" role="combobox"'
        r'|^<span class="select2-selection__rendered" id="select2-id_[\w-]+-container" role="textbox"',
        "AutocompleteSelect: select2 names its box by the chosen value, and an empty one has none "
        "(Django sets data-placeholder to the empty string)",
    ),
    KnownViolation(
        "label",
        r'^<input class="select2-search__field" type="search"',
        "AutocompleteSelectMultiple: select2's search box inside the box of chosen values has no label",
    ),
    KnownViolation(
        "list",
        r'^<ul class="select2-selection__rendered">$',
        "AutocompleteSelectMultiple: select2 puts a span among the list items of chosen values",
    ),
    KnownViolation(
        "label-title-only",
        r'^<input type="text" size="40" name="q" value="[^"]*" id="searchbar"',
        "admin/search_form.html: the search box's label is the magnifier image (alt text), not visible text",
    ),
]


def axe_violations(page, allowed=()):
    """axe-core's violations on the page as it is now, one per failing element, less the `allowed` ones."""
    page.evaluate(axe_source())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    found = [
        Violation(
            rule=result["id"],
            impact=node.get("impact") or result.get("impact") or "",
            help=result["help"],
            target=" ".join(str(part) for part in node["target"]),
            html=node["html"][:200],
            summary=(node.get("failureSummary") or "").replace("\n", " "),
        )
        for result in results["violations"]
        for node in result["nodes"]
    ]
    return [violation for violation in found if not any(known.allows(violation) for known in allowed)]


def describe(violations, where):
    """A failure message naming each violation, for assertions."""
    lines = [f"{len(violations)} accessibility violation(s) on {where} (axe-core):"]
    lines += [f"  {violation}" for violation in violations]
    return "\n".join(lines)


# Django's admin scrolls an inline table or a list sideways inside its box rather than widen the page.
SCROLLING_BOXES = [".inline-related.tabular div.wrapper", "#changelist-form .results"]


def overflowing(page, selectors=()):
    """What needs scrolling sideways: the page itself, and each element matching `selectors`
    (scrolling boxes such as the admin's inline tables), as "what: N px too wide"."""
    return page.evaluate(
        """selectors => {
            const found = [];
            const page = document.documentElement.scrollWidth - window.innerWidth;
            if (page > 0) found.push(`the page: ${page} px too wide`);
            for (const selector of selectors) {
                document.querySelectorAll(selector).forEach((element, index) => {
                    const excess = element.scrollWidth - element.clientWidth;
                    if (excess > 0) found.push(`${selector} #${index + 1}: ${excess} px too wide`);
                });
            }
            return found;
        }""",
        list(selectors),
    )


def too_narrow(page, selector, min_width):
    """The visible elements matching `selector` narrower than `min_width` pixels, as "id: N px"."""
    return page.evaluate(
        """([selector, minWidth]) => [...document.querySelectorAll(selector)]
            .map(element => [element, Math.round(element.getBoundingClientRect().width)])
            .filter(([element, width]) => element.offsetParent !== null && width < minWidth)
            .map(([element, width]) => `${element.id || element.className}: ${width} px`)""",
        [selector, min_width],
    )


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def pick(page, select, typed):
    """Choose in an autocomplete (select2) the first match for what is typed, as an editor does."""
    page.click(f"{select} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.wait_for_selector(f".select2-container--open .select2-results__option--highlighted:has-text('{typed}')")
    page.keyboard.press("Enter")
