"""Crawl the site as a visitor would: from the home page, every internal link, on the demo archive.

No page answers 5xx, no link leads to a 404, and every page is well-formed for
assistive technology (one h1, headings in order, labelled controls and landmarks,
unique ids) and for the strict CSP (no inline script or style), and small.
"""

import gzip
import re
from collections import Counter, deque
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from reviews.demo.data import SEED_REVIEW
from reviews.models import Review

from .site_data import build_site

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_bytes()
PAGE_BUDGET = 30 * 1024  # HTML plus CSS, compressed
MAX_TAG_COMBINATIONS = 40  # combined-tag pages grow as tags squared: visit a sample
MAX_PAGES = 1500
SKIPPED_PREFIXES = ("/admin/", "/static/")
ARIA_CURRENT_VALUES = {"page", "step", "location", "date", "time", "true"}
LABELLED_CONTROLS = {"select", "textarea", "input"}


class PageParser(HTMLParser):
    """What the checks need from one page: links, headings, ids, labels, and anything inline."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.headings = []
        self.ids = Counter()
        self.label_targets = set()
        self.controls = []
        self.labelledby = []
        self.problems = []
        self.html_lang = None
        self.unlabelled_navs = 0
        self.landmark_labels = Counter()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        if tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        if tag in LABELLED_CONTROLS and attrs.get("type") not in {"hidden", "submit", "button"}:
            self.controls.append(attrs)
        if attrs.get("aria-labelledby"):
            self.labelledby.extend(attrs["aria-labelledby"].split())
        if tag == "nav":
            label = attrs.get("aria-label") or attrs.get("aria-labelledby")
            if label:
                self.landmark_labels[label] += 1
            else:
                self.unlabelled_navs += 1
        if "aria-current" in attrs and attrs["aria-current"] not in ARIA_CURRENT_VALUES:
            self.problems.append(f"aria-current={attrs['aria-current']!r}")
        # A JSON-LD data block is data, not script: the CSP does not govern it (reviews/linked_data.py).
        if tag == "style" or (tag == "script" and attrs.get("type") != "application/ld+json"):
            self.problems.append(f"inline <{tag}>")
        if "style" in attrs:
            self.problems.append(f"style attribute on <{tag}>")
        self.problems.extend(f"event handler {name} on <{tag}>" for name in attrs if name.startswith("on"))
        if tag == "img" and "alt" not in attrs:
            self.problems.append("<img> without alt")


def page_problems(parser):
    """Everything wrong with a parsed page, as sentences; an empty list for a good page."""
    problems = list(parser.problems)
    if not parser.html_lang:
        problems.append("<html> has no lang")
    if parser.headings.count(1) != 1:
        problems.append(f"{parser.headings.count(1)} h1 elements")
    for before, after in zip(parser.headings, parser.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
    problems.extend(f"id {name!r} used {count} times" for name, count in parser.ids.items() if count > 1)
    problems.extend(
        f"aria-labelledby names missing id {name!r}" for name in parser.labelledby if name not in parser.ids
    )
    for control in parser.controls:
        if control.get("id") not in parser.label_targets and not control.get("aria-label"):
            problems.append(f"form control {control.get('name')!r} has no label")
    problems.extend(f"{count} <nav> labelled {label!r}" for label, count in parser.landmark_labels.items() if count > 1)
    if parser.unlabelled_navs:
        problems.append(f"{parser.unlabelled_navs} <nav> without a label")
    return problems


def internal(href, page_url):
    """The path and query of an internal link, or None for external ones and skipped areas.

    Pagination links are relative ("?page=2"): they are read against the page they are on.
    """
    parts = urlsplit(urljoin(f"http://testserver{page_url}", href))
    if parts.netloc != "testserver":
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def is_tag_combination(url):
    path = unquote(urlsplit(url).path)
    return path.startswith("/tags/") and "+" in path


class Crawl:
    """Visit every internal link from "/", breadth first, and keep what was wrong."""

    def __init__(self, client):
        self.client = client
        self.visited = {}
        self.broken = []  # (url, status, found on)
        self.problems = []  # (url, problem)
        self.heaviest = (0, None)

    def run(self, start="/"):
        queue = deque([(start, None)])
        seen = {start}
        combinations = 0
        while queue and len(self.visited) < MAX_PAGES:
            url, found_on = queue.popleft()
            response = self.client.get(url)
            self.visited[url] = response.status_code
            if response.status_code != 200:
                self.broken.append((url, response.status_code, found_on))
                continue
            weight = len(gzip.compress(response.content)) + len(gzip.compress(CSS))
            self.heaviest = max(self.heaviest, (weight, url))
            parser = PageParser()
            parser.feed(response.content.decode())
            self.problems.extend((url, problem) for problem in page_problems(parser))
            for href in parser.links:
                link = internal(href, url)
                if link is None or link in seen:
                    continue
                if is_tag_combination(link):
                    if combinations >= MAX_TAG_COMBINATIONS:
                        continue
                    combinations += 1
                seen.add(link)
                queue.append((link, url))
        return self


def check_page(test, url, response):
    """One page's checks: a 200, well-formed and accessible, and small with its stylesheet."""
    test.assertEqual(response.status_code, 200, url)
    parser = PageParser()
    parser.feed(response.content.decode())
    test.assertEqual(page_problems(parser), [], url)
    weight = len(gzip.compress(response.content)) + len(gzip.compress(CSS))
    test.assertLess(weight, PAGE_BUDGET, f"{url} weighs {weight} bytes compressed with its CSS")


@pytest.mark.slow
class DemoArchiveCrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())
        cls.seed_review = Review.objects.get(source_identifier=SEED_REVIEW["file"])

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crawl = Crawl(cls.client_class()).run()

    def test_no_link_is_broken_and_no_page_fails(self):
        # The test client raises whatever a view raises, so a 500 fails the crawl at once.
        self.assertGreater(len(self.crawl.visited), 300)
        self.assertEqual(self.crawl.broken, [])

    def test_every_page_is_well_formed_and_accessible(self):
        self.assertEqual(self.crawl.problems, [])

    def test_every_page_with_its_stylesheet_stays_small(self):
        weight, url = self.crawl.heaviest
        self.assertLess(weight, PAGE_BUDGET, f"{url} weighs {weight} bytes compressed with its CSS")

    def test_the_crawl_reaches_every_kind_of_page(self):
        visited = set(self.crawl.visited)
        for url in (
            "/films/",
            "/films/the-cranes-are-flying-1957/",
            self.seed_review.get_absolute_url(),
            "/reviews/",
            "/people/",
            "/people/mikhail-kalatozov/",
            "/festivals/",
            "/festivals/cannes/",
            "/festivals/cannes/1958/",
            "/tags/",
            "/tags/soviet-thaw/",
            "/films/?decade=1950",
            "/films/?country=SUHH",
        ):
            self.assertIn(url, visited)
        self.assertTrue(any(is_tag_combination(url) for url in visited))

    def test_the_seed_review_shows_its_text_in_paragraphs_and_links_its_film(self):
        response = self.client.get(self.seed_review.get_absolute_url())
        body = re.search(rb'<div class="review__body prose" lang="en">(.*?)</div>', response.content, re.S)[1]
        paragraphs = re.findall(rb"<p>(.+?)</p>", body, re.S)
        self.assertEqual(len(paragraphs), 4)  # its trailing <br /> runs make no empty paragraph
        self.assertTrue(paragraphs[0].startswith(b"1956 was the 20th Congress"))
        self.assertNotIn(b"br /", body)
        self.assertNotIn(b"&lt;", body)
        self.assertContains(response, 'href="/films/the-cranes-are-flying-1957/"')

    def test_the_cranes_are_flying_links_its_makers_and_its_palme_dor(self):
        response = self.client.get("/films/the-cranes-are-flying-1957/")
        for href in (
            "/people/mikhail-kalatozov/",
            "/people/sergey-urusevsky/",
            "/people/tatiana-samoilova/",
            "/festivals/cannes/1958/",
            self.seed_review.get_absolute_url(),
        ):
            self.assertContains(response, f'href="{href}"')
        self.assertContains(response, "Palme d&#x27;Or")
        self.assertContains(response, '<a href="/films/?decade=1950">Films of the 1950s</a>', html=True)

    def test_tag_pages_list_the_tagged_films_and_the_review(self):
        response = self.client.get("/tags/soviet-thaw/")
        self.assertContains(response, 'href="/films/the-cranes-are-flying-1957/"')
        self.assertContains(response, f'href="{self.seed_review.get_absolute_url()}"')
        response = self.client.get("/tags/palme-dor/")
        self.assertContains(response, 'href="/films/the-cranes-are-flying-1957/"')
        self.assertContains(response, f'href="{self.seed_review.get_absolute_url()}"')


@pytest.mark.slow
class LargerArchivePageTests(TestCase):
    """The checks of the crawl where every list runs to several pages (crawling it all would be slow)."""

    @classmethod
    def setUpTestData(cls):
        build_site(30)

    def test_long_lists_and_their_later_pages_are_well_formed_accessible_and_small(self):
        for url in (
            "/",
            "/films/",
            "/films/?page=2",
            "/films/?decade=1950&sort=-year",
            "/films/the-cranes-are-flying-1957/",
            "/films/the-cranes-are-flying-1957/?reviews_page=4",
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
            "/reviews/?page=2",
            "/people/",
            "/people/?letter=A",
            "/people/mikhail-kalatozov/",
            "/people/mikhail-kalatozov/?reviews_page=3",
            "/festivals/",
            "/festivals/cannes/",
            "/festivals/cannes/1958/",
            "/festivals/cannes/1970/",
            "/tags/",
            "/tags/soviet-thaw/?films_page=3&reviews_page=2",
            "/tags/soviet-thaw+war/",
            "/no-such-page/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                if url == "/no-such-page/":
                    response.status_code = 200  # the 404 page is checked like any other
                check_page(self, url, response)


class PageCheckTests(SimpleTestCase):
    """The crawl's checks themselves: each one catches what it is for."""

    def problems(self, html):
        parser = PageParser()
        parser.feed(html)
        return page_problems(parser)

    def test_a_good_page_has_no_problems(self):
        html = (
            '<html lang="en"><script type="application/ld+json">{}</script><nav aria-label="Main"></nav><h1>A</h1>'
            '<h2 id="s">B</h2><section aria-labelledby="s"><h3>C</h3></section><h2>D</h2><label for="f">F</label>'
            '<select id="f" name="f"></select></html>'
        )
        self.assertEqual(self.problems(html), [])

    def test_each_problem_is_caught(self):
        html = (
            '<html><nav></nav><h1>A</h1><h1>B</h1><h3 id="x" style="color:red">C</h3><p id="x" onclick="go()">'
            '<script>alert(1)</script><section aria-labelledby="nowhere"><select name="sort"></select>'
            '<a aria-current="yes" href="/">x</a><img src="/i.png"><nav aria-label="Pages"></nav>'
            '<nav aria-label="Pages"></nav></html>'
        )
        self.assertEqual(
            sorted(self.problems(html)),
            sorted(
                [
                    "<html> has no lang",
                    "2 h1 elements",
                    "heading jumps from h1 to h3",
                    "style attribute on <h3>",
                    "event handler onclick on <p>",
                    "inline <script>",
                    "id 'x' used 2 times",
                    "aria-labelledby names missing id 'nowhere'",
                    "form control 'sort' has no label",
                    "aria-current='yes'",
                    "<img> without alt",
                    "1 <nav> without a label",
                    "2 <nav> labelled 'Pages'",
                ]
            ),
        )
