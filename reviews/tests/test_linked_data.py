"""Structured data (JSON-LD), previews (Open Graph, Twitter cards) and canonical links.

Pages are read as a crawler reads them: parsed with an HTML parser (Python's html.parser),
each `application/ld+json` script taken out and read with json.loads. Their query counts
are pinned, unchanged, by test_views_queries.py.
"""

import json
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from reviews import search, text
from reviews.models import AwardOutcome, Credit, FilmTitle, PersonName, Review, TagUse

from .factories import (
    make_award,
    make_country,
    make_credit,
    make_edition,
    make_festival,
    make_film,
    make_outcome,
    make_person,
    make_review,
    make_section,
)
from .site_data import PAGE_TYPES, build_site
from .test_caching import PageCacheTestCase

BASE = "http://testserver"
CRANES = "/films/the-cranes-are-flying-1957/"
KALATOZOV = "/people/mikhail-kalatozov/"
CANNES = "/festivals/cannes/"
CANNES_1958 = "/festivals/cannes/1958/"
REVIEW = "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/"
ENTITY_TYPES = {"Movie", "Person", "Review", "Event", "EventSeries"}


class PageReader(HTMLParser):
    """What a crawler reads of a page: its script elements, links and meta elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []  # [attributes, text]
        self.links = []
        self.metas = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append([dict(attrs), ""])
        elif tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))

    def handle_data(self, data):
        # html.parser hands a script's whole text, up to its end tag, here.
        if self.scripts and self.lasttag == "script":
            self.scripts[-1][1] += data

    def meta(self, key, name):
        found = [meta["content"] for meta in self.metas if meta.get(key) == name]
        assert len(found) <= 1, f"{len(found)} <meta {key}={name}>"
        return found[0] if found else None

    def canonical(self):
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1, f"{len(found)} canonical links"
        return found[0] if found else None


def read(response):
    reader = PageReader()
    reader.feed(response.content.decode())
    reader.close()
    return reader


def graph_of(response):
    """The page's one JSON-LD block, parsed: a page carries exactly one script element, that one."""
    page = read(response)
    assert len(page.scripts) == 1, [attributes for attributes, _ in page.scripts]
    attributes, text = page.scripts[0]
    assert attributes == {"type": "application/ld+json"}, attributes
    # Nothing that could end the element or be read as markup, and nothing but ASCII.
    assert text.isascii() and not {"<", ">", "&"} & set(text), text
    data = json.loads(text)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def node(graph, kind):
    found = [item for item in graph if item["@type"] == kind]
    assert len(found) == 1, f"{len(found)} nodes of type {kind}"
    return found[0]


def trail(graph):
    """The BreadcrumbList as (name, address or None), in order."""
    items = node(graph, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" for item in items)
    return [(item["name"], item.get("item")) for item in items]


def strings_in(value):
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def nodes_in(value):
    """Every object in a parsed JSON document that has a type."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from nodes_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes_in(item)


HOME = ("Film Archive", f"{BASE}/")
FILMS = ("Films", f"{BASE}/films/")
PEOPLE = ("People", f"{BASE}/people/")
FESTIVALS = ("Festivals", f"{BASE}/festivals/")
TAGS = ("Tags", f"{BASE}/tags/")

# What each page type of test_browser_public.PAGE_TYPES carries: its breadcrumbs, its canonical
# address (None: no canonical link) and its Open Graph type.
EXPECTED = {
    "home": ([HOME], "/", "website"),
    "film list": ([HOME, FILMS], "/films/", "website"),
    "film list by decade": ([HOME, FILMS], "/films/?decade=1950", "website"),
    "film": ([HOME, FILMS, ("The Cranes Are Flying (1957)", f"{BASE}{CRANES}")], CRANES, "video.movie"),
    "review list": ([HOME, ("Reviews", f"{BASE}/reviews/")], "/reviews/", "website"),
    "people": ([HOME, PEOPLE], "/people/", "website"),
    "person": ([HOME, PEOPLE, ("Mikhail Kalatozov", f"{BASE}{KALATOZOV}")], KALATOZOV, "profile"),
    "festivals": ([HOME, FESTIVALS], "/festivals/", "website"),
    "festival": ([HOME, FESTIVALS, ("Cannes Film Festival", f"{BASE}{CANNES}")], CANNES, "website"),
    "edition": (
        [
            HOME,
            FESTIVALS,
            ("Cannes Film Festival", f"{BASE}{CANNES}"),
            ("11th Cannes Film Festival (1958)", f"{BASE}{CANNES_1958}"),
        ],
        CANNES_1958,
        "website",
    ),
    "tags": ([HOME, TAGS], "/tags/", "website"),
    "tag": ([HOME, TAGS, ("soviet thaw", f"{BASE}/tags/soviet-thaw/")], "/tags/soviet-thaw/", "website"),
    "search results": ([HOME, ("Search", f"{BASE}/search/")], "/search/?q=cranes", "website"),
    "search with nothing found": ([HOME, ("Search", f"{BASE}/search/")], "/search/?q=zzzzqqq", "website"),
    "the archive as data": ([HOME, ("The archive as data", f"{BASE}/data/")], "/data/", "website"),
    "not found": ([HOME, ("Page not found", None)], None, "website"),
    "review": (
        [
            HOME,
            FILMS,
            ("The Cranes Are Flying (1957)", f"{BASE}{CRANES}"),
            ("A film of flight", f"{BASE}{REVIEW}"),
        ],
        REVIEW,
        "article",
    ),
}


class EveryPageTypeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)
        cls.pages = {**PAGE_TYPES, "review": REVIEW}

    def test_the_table_covers_every_public_page_type(self):
        self.assertEqual(set(EXPECTED), set(self.pages))

    def test_every_page_carries_one_json_ld_block_with_its_breadcrumbs(self):
        for name, address in self.pages.items():
            with self.subTest(page=name):
                crumbs, _, _ = EXPECTED[name]
                self.assertEqual(trail(graph_of(self.client.get(address))), crumbs)

    def test_every_page_has_its_canonical_link_and_previews(self):
        for name, address in self.pages.items():
            with self.subTest(page=name):
                _, canonical, kind = EXPECTED[name]
                response = self.client.get(address)
                page = read(response)
                if canonical is None:
                    # A missing page: no address is canonical for it.
                    self.assertEqual(response.status_code, 404)
                    self.assertIsNone(page.canonical())
                else:
                    self.assertEqual(page.canonical(), f"{BASE}{canonical}")
                    self.assertEqual(page.meta("property", "og:url"), f"{BASE}{canonical}")
                description = page.meta("name", "description")
                self.assertTrue(description)
                self.assertEqual(page.meta("property", "og:description"), description)
                self.assertEqual(page.meta("name", "twitter:description"), description)
                self.assertEqual(page.meta("property", "og:type"), kind)
                self.assertEqual(page.meta("property", "og:site_name"), "Film Archive")
                title = page.meta("property", "og:title")
                self.assertTrue(title)
                self.assertNotIn("·", title)  # the site's name is og:site_name
                self.assertEqual(page.meta("name", "twitter:title"), title)
                # No page has a picture yet (issue 11): a summary card, and no og:image.
                self.assertEqual(page.meta("name", "twitter:card"), "summary")
                self.assertIsNone(page.meta("property", "og:image"))

    def test_entity_pages_describe_their_record(self):
        descriptions = {
            CRANES: "1957 film by Mikhail Kalatozov, Soviet Union; 3 reviews. Moscow, June 1941.",
            KALATOZOV: "Director, writer and producer (1903–1973); 4 films. A Georgian-born Soviet director.",
            CANNES: "Cannes, France; 3 editions in the archive, 1958–1960.",
            CANNES_1958: "Cannes, France, 2 May 1958 – 18 May 1958: 3 films selected, 1 award.",
            REVIEW: "The camera flies. Samoilova is luminous.",
        }
        titles = {
            CRANES: "The Cranes Are Flying (1957)",
            KALATOZOV: "Mikhail Kalatozov",
            CANNES: "Cannes Film Festival",
            CANNES_1958: "11th Cannes Film Festival (1958)",
            REVIEW: "A film of flight",
        }
        for address, description in descriptions.items():
            with self.subTest(address=address):
                page = read(self.client.get(address))
                self.assertEqual(page.meta("name", "description"), description)
                self.assertEqual(page.meta("property", "og:title"), titles[address])

    def test_the_entities_link_each_other_by_their_canonical_addresses(self):
        linked = {}  # @id -> @type, of every record any entity page names
        for address in (CRANES, KALATOZOV, CANNES, CANNES_1958, REVIEW):
            graph = graph_of(self.client.get(address))
            for item in nodes_in(graph):
                if item["@type"] in ENTITY_TYPES and "@id" in item:
                    self.assertEqual(item["url"], item["@id"])
                    linked.setdefault(item["@id"], item["@type"])
        self.assertTrue({f"{BASE}{path}" for path in (CRANES, KALATOZOV, CANNES, CANNES_1958, REVIEW)} <= set(linked))
        self.assertGreater(len(linked), 10)
        for url, kind in linked.items():
            with self.subTest(url=url):
                response = self.client.get(url.removeprefix(BASE))
                self.assertEqual(response.status_code, 200)
                # The page at that address is that record's: its canonical address and its own node.
                self.assertEqual(read(response).canonical(), url)
                own = graph_of(response)[0]
                self.assertEqual((own["@id"], own["@type"]), (url, kind))


class EntityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)

    def test_a_film_is_a_movie_with_its_titles_credits_awards_reviews_and_rating(self):
        graph = graph_of(self.client.get(CRANES))
        movie = node(graph, "Movie")
        self.assertEqual(movie["@id"], f"{BASE}{CRANES}")
        self.assertEqual(movie["name"], "The Cranes Are Flying")
        self.assertEqual(
            movie["alternateName"],
            [
                {"@value": "Летят журавли", "@language": "ru"},
                {"@value": "Letyat zhuravli", "@language": "ru-Latn"},
                {"@value": "Quand passent les cigognes", "@language": "fr"},
            ],
        )
        self.assertEqual(movie["dateCreated"], "1957")
        self.assertEqual(movie["duration"], "PT95M")
        self.assertEqual(movie["countryOfOrigin"], [{"@type": "Country", "name": "Soviet Union", "identifier": "SUHH"}])
        self.assertEqual(movie["sameAs"], ["https://www.imdb.com/title/tt0050634/"])
        kalatozov = {
            "@type": "Person",
            "@id": f"{BASE}{KALATOZOV}",
            "url": f"{BASE}{KALATOZOV}",
            "name": "Mikhail Kalatozov",
        }
        self.assertEqual(movie["director"], [kalatozov])
        self.assertEqual(movie["actor"][0]["@type"], "PerformanceRole")
        self.assertEqual(movie["actor"][0]["actor"]["@id"], f"{BASE}/people/tatiana-samoilova/")
        self.assertEqual(movie["actor"][0]["characterName"], "Veronika")
        self.assertEqual([role["characterName"] for role in movie["actor"]], ["Veronika", "Soldier 0", "Soldier 1"])
        # schema.org has no property for a cinematographer: a contributor, in a Role naming the work.
        self.assertEqual(
            movie["contributor"],
            [
                {
                    "@type": "Role",
                    "roleName": "Cinematographer",
                    "contributor": {
                        "@type": "Person",
                        "@id": f"{BASE}/people/sergey-urusevsky/",
                        "url": f"{BASE}/people/sergey-urusevsky/",
                        "name": "Sergey Urusevsky",
                    },
                }
            ],
        )
        self.assertEqual(movie["award"], ["Palme d'Or, 11th Cannes Film Festival (1958)"])  # won, not mentions
        # The reviews the page shows, newest first, each with its rating on its own scale.
        published = Review.objects.published().filter(film=self.site.film).newest_first().select_related("film")
        self.assertEqual(
            [review["url"] for review in movie["review"]], [f"{BASE}{r.get_absolute_url()}" for r in published]
        )
        first = movie["review"][0]
        self.assertEqual(first["name"], "A film of flight")
        self.assertEqual(first["author"], {"@type": "Person", "name": "An editor"})
        self.assertEqual(
            first["reviewRating"], {"@type": "Rating", "ratingValue": 8, "bestRating": 10, "worstRating": 1}
        )
        self.assertEqual(
            first["publisher"], {"@type": "Organization", "name": "IMDb user review", "url": "https://www.imdb.com/"}
        )
        self.assertEqual(first["datePublished"], self.site.review.published_at.isoformat())
        # Ratings 8/10, 5/10 and 6/10 on the common scale: (80 + 50 + 60) / 3.
        self.assertEqual(
            movie["aggregateRating"],
            {
                "@type": "AggregateRating",
                "ratingValue": 63.3,
                "bestRating": 100,
                "worstRating": 0,
                "ratingCount": 3,
                "reviewCount": 3,
            },
        )

    def test_a_person_is_linked_to_the_films_they_made_by_what_they_did(self):
        person = node(graph_of(self.client.get(KALATOZOV)), "Person")
        self.assertEqual(person["@id"], f"{BASE}{KALATOZOV}")
        self.assertEqual(person["alternateName"], ["Mikheil Kalatozishvili"])
        self.assertEqual((person["birthDate"], person["deathDate"]), ("1903-12-28", "1973-03-27"))
        films = person["@reverse"]  # Movie --director--> Person
        self.assertEqual(set(films), {"director", "author", "producer"})
        self.assertIn(
            {
                "@type": "Movie",
                "@id": f"{BASE}{CRANES}",
                "url": f"{BASE}{CRANES}",
                "name": "The Cranes Are Flying",
                "dateCreated": "1957",
            },
            films["director"],
        )
        self.assertEqual(len(films["director"]), 3)
        self.assertEqual(len(films["author"]), 2)

    def test_a_review_names_the_film_it_reviews_its_author_source_and_rating(self):
        review = node(graph_of(self.client.get(REVIEW)), "Review")
        self.assertEqual(review["@id"], f"{BASE}{REVIEW}")
        self.assertEqual(review["itemReviewed"]["@type"], "Movie")
        self.assertEqual(review["itemReviewed"]["@id"], f"{BASE}{CRANES}")
        self.assertEqual(review["author"], {"@type": "Person", "name": "An editor"})
        self.assertEqual(review["datePublished"], self.site.review.published_at.isoformat())
        self.assertEqual(review["dateCreated"], "2025-01-02")
        self.assertEqual(review["inLanguage"], "en")
        self.assertEqual(review["reviewBody"], "The camera flies. Samoilova is luminous.")
        self.assertEqual(
            review["reviewRating"], {"@type": "Rating", "ratingValue": 8, "bestRating": 10, "worstRating": 1}
        )
        self.assertEqual(review["publisher"]["name"], "IMDb user review")

    def test_an_edition_is_an_event_of_its_festival_featuring_the_films_selected(self):
        event = node(graph_of(self.client.get(CANNES_1958)), "Event")
        self.assertEqual(event["@id"], f"{BASE}{CANNES_1958}")
        self.assertEqual(event["name"], "11th Cannes Film Festival (1958)")
        self.assertEqual((event["startDate"], event["endDate"]), ("1958-05-02", "1958-05-18"))
        self.assertEqual(event["superEvent"]["@type"], "EventSeries")
        self.assertEqual(event["superEvent"]["@id"], f"{BASE}{CANNES}")
        self.assertEqual(
            event["location"],
            {
                "@type": "Place",
                "name": "Cannes",
                "address": {"@type": "PostalAddress", "addressLocality": "Cannes", "addressCountry": "FR"},
            },
        )
        featured = [film["url"] for film in event["workFeatured"]]
        self.assertEqual(featured[0], f"{BASE}{CRANES}")
        self.assertEqual(len(featured), 3)
        self.assertTrue(all(film["@type"] == "Movie" for film in event["workFeatured"]))

    def test_a_festival_is_an_event_series_of_its_editions(self):
        series = node(graph_of(self.client.get(CANNES)), "EventSeries")
        self.assertEqual(series["@id"], f"{BASE}{CANNES}")
        self.assertEqual(series["alternateName"], "Cannes")
        self.assertEqual(
            [(event["@type"], event["url"], event["startDate"]) for event in series["subEvent"]],
            [
                ("Event", f"{BASE}/festivals/cannes/1960/", "1960"),
                ("Event", f"{BASE}/festivals/cannes/1959/", "1959"),
                ("Event", f"{BASE}{CANNES_1958}", "1958-05-02"),
            ],
        )

    def test_home_is_the_web_site_with_its_search(self):
        site = node(graph_of(self.client.get("/")), "WebSite")
        self.assertEqual(site["url"], f"{BASE}/")
        self.assertEqual(site["name"], "Film Archive")
        action = site["potentialAction"]
        self.assertEqual(action["@type"], "SearchAction")
        self.assertEqual(action["target"]["urlTemplate"], f"{BASE}/search/?q={{search_term_string}}")
        self.assertEqual(action["query-input"], "required name=search_term_string")
        # The template, filled in, is the search page.
        self.assertContains(self.client.get("/search/?q=cranes"), "The Cranes Are Flying")


class ShareImageTests(SimpleTestCase):
    def test_a_page_given_a_picture_shows_it_in_a_large_card(self):
        # The hook issue 11 fills: a view passes `share_image`, the absolute address of its picture.
        request = RequestFactory().get("/somewhere/")
        html = render_to_string("404.html", {"share_image": f"{BASE}/media/poster.jpg"}, request=request)
        page = PageReader()
        page.feed(html)
        self.assertEqual(page.meta("property", "og:image"), f"{BASE}/media/poster.jpg")
        self.assertEqual(page.meta("name", "twitter:card"), "summary_large_image")


class SparseRecordTests(TestCase):
    """Records with little known still get a sentence that reads well, and no empty properties."""

    def test_what_is_not_known_is_left_out(self):
        make_film("Untitled", slug="untitled", year=None)
        make_person("Nobody Yet", slug="nobody-yet")
        festival = make_festival("New Festival", slug="new-festival")
        make_edition(festival, 2026)
        make_festival("Empty Festival", slug="empty-festival")
        descriptions = {
            "/films/untitled/": "Film; no reviews yet.",
            "/people/nobody-yet/": "In the Film Archive.",
            "/festivals/empty-festival/": "No editions in the archive yet.",
            "/festivals/new-festival/": "1 edition in the archive, 2026.",
            "/festivals/new-festival/2026/": "0 films selected, 0 awards.",
        }
        for address, description in descriptions.items():
            with self.subTest(address=address):
                response = self.client.get(address)
                self.assertEqual(read(response).meta("name", "description"), description)
                entity = graph_of(response)[0]
                self.assertTrue(all(value not in ("", [], {}, None) for value in entity.values()), entity)
        movie = graph_of(self.client.get("/films/untitled/"))[0]
        self.assertEqual(set(movie), {"@type", "@id", "url", "name"})
        event = graph_of(self.client.get("/festivals/new-festival/2026/"))[0]
        self.assertEqual(event["startDate"], "2026")
        self.assertNotIn("location", event)


class RatingScaleTests(TestCase):
    def test_each_review_is_rated_on_its_own_scale_and_the_film_on_the_common_one(self):
        film = make_film("Stalker", slug="stalker-1979", year=1979)
        make_review(film, slug="stars", rating="3.5", rating_scale=5)
        make_review(film, slug="percent", rating=0, rating_scale=100)
        make_review(film, slug="unrated")
        movie = node(graph_of(self.client.get("/films/stalker-1979/")), "Movie")
        ratings = {review["url"].rsplit("/", 2)[-2]: review.get("reviewRating") for review in movie["review"]}
        self.assertEqual(
            ratings,
            {
                "stars": {"@type": "Rating", "ratingValue": 3.5, "bestRating": 5, "worstRating": 0.5},
                "percent": {"@type": "Rating", "ratingValue": 0, "bestRating": 100, "worstRating": 0},
                "unrated": None,
            },
        )
        # (70 + 0) / 2 over the two rated of three reviews.
        self.assertEqual(
            movie["aggregateRating"],
            {
                "@type": "AggregateRating",
                "ratingValue": 35.0,
                "bestRating": 100,
                "worstRating": 0,
                "ratingCount": 2,
                "reviewCount": 3,
            },
        )

    def test_a_film_without_ratings_has_no_aggregate_rating(self):
        film = make_film("Stalker", slug="stalker-1979", year=1979)
        make_review(film)
        make_review(film, rating=4, status=Review.Status.DRAFT)  # drafts count for nothing
        movie = node(graph_of(self.client.get("/films/stalker-1979/")), "Movie")
        self.assertNotIn("aggregateRating", movie)
        self.assertEqual(len(movie["review"]), 1)


class PagedReviewsTests(TestCase):
    def test_a_film_page_describes_the_reviews_it_shows_and_is_canonical_at_the_film(self):
        film = make_film("Stalker", slug="stalker-1979", year=1979)
        for _ in range(12):
            make_review(film, rating=7)
        shown = [
            f"{BASE}{review.get_absolute_url()}"
            for review in Review.objects.filter(film=film).newest_first().select_related("film")
        ]
        first = self.client.get("/films/stalker-1979/")
        second = self.client.get("/films/stalker-1979/?reviews_page=2")
        self.assertEqual([review["url"] for review in node(graph_of(first), "Movie")["review"]], shown[:10])
        self.assertEqual([review["url"] for review in node(graph_of(second), "Movie")["review"]], shown[10:])
        self.assertEqual(node(graph_of(second), "Movie")["aggregateRating"]["ratingCount"], 12)
        for response in (first, second):
            self.assertEqual(read(response).canonical(), f"{BASE}/films/stalker-1979/")


class CanonicalAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)

    def test_lists_keep_what_chooses_their_items_and_their_position_in_their_own_order(self):
        canonical = {
            "/?utm_source=feed": "/",
            "/films/?page=2": "/films/?page=2",
            "/films/?tag=war&decade=1950&country=SUHH": "/films/?decade=1950&country=SUHH&tag=war",
            "/films/?decade=1950&decade=1960": "/films/?decade=1960",  # the one the list reads, as QueryDict.get()
            "/films/?decade=&country=": "/films/",
            # Nothing no list could read: too long, or with control characters.
            f"/films/?tag={'x' * 321}&decade=1950%00": "/films/",
            # Another order holds the same films: the list's start in its own order.
            "/films/?sort=-year&decade=1950&page=2": "/films/?decade=1950",
            "/films/?sort=reviews&after=the-cranes-are-flying-1957": "/films/",
            "/reviews/?page=2&utm_medium=x": "/reviews/?page=2",
            "/people/?letter=M&page=2": "/people/?letter=M&page=2",
            "/festivals/?page=2": "/festivals/?page=2",
            "/tags/?sort=name&page=2": "/tags/",
            "/tags/?page=2": "/tags/?page=2",
            # A record's page: its lists of reviews or films are secondary.
            f"{CRANES}?reviews_page=2": CRANES,
            f"{KALATOZOV}?reviews_after=1": KALATOZOV,
            "/tags/soviet-thaw/?films_page=2&reviews_page=2": "/tags/soviet-thaw/",
            "/tags/soviet-thaw+war/": "/tags/soviet-thaw+war/",
            # Search results are those of their query, in one kind or all.
            "/search/?q=cranes&kind=films&page=2&x=1": "/search/?q=cranes&kind=films&page=2",
            "/search/?q=летят": "/search/?q=%D0%BB%D0%B5%D1%82%D1%8F%D1%82",
        }
        for address, expected in canonical.items():
            with self.subTest(address=address):
                self.assertEqual(read(self.client.get(address)).canonical(), f"{BASE}{expected}")

    @override_settings(ALLOWED_HOSTS=["archive.example"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
    def test_addresses_are_those_of_the_public_host_behind_a_proxy(self):
        # A proxy in front passes the public Host on and says it was reached over HTTPS
        # (settings.py sets SECURE_PROXY_SSL_HEADER when DJANGO_BEHIND_PROXY is on).
        response = self.client.get(CRANES, headers={"host": "archive.example", "x-forwarded-proto": "https"})
        page = read(response)
        self.assertEqual(page.canonical(), f"https://archive.example{CRANES}")
        self.assertEqual(page.meta("property", "og:url"), f"https://archive.example{CRANES}")
        movie = node(graph_of(response), "Movie")
        self.assertEqual(movie["@id"], f"https://archive.example{CRANES}")
        self.assertEqual(movie["director"][0]["@id"], f"https://archive.example{KALATOZOV}")

    def test_an_editors_preview_of_a_draft_is_described_without_a_publication_date(self):
        from .test_admin import make_editor

        self.client.force_login(make_editor())
        review = node(graph_of(self.client.get(self.site.draft.get_absolute_url())), "Review")
        self.assertEqual(review["name"], "Secret draft")
        self.assertNotIn("datePublished", review)


# Stored text written to end the script element, open a comment or a script, break a JavaScript
# string (U+2028, U+2029), or be read as an entity.
HOSTILE = "</script><script>alert(1)</script><!-- <SCRIPT> \u2028\u2029 &amp; & \"q\" 'a' \\ </ScRiPt >"
EXCERPT = text.plain_excerpt(HOSTILE)  # U+2028 and U+2029 are spaces to an excerpt: one space


class HostileTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.film = make_film(
            HOSTILE,
            slug="hostile-1957",
            synopsis=HOSTILE,
            countries=[make_country("FR", "France")],
            titles=[(HOSTILE + " 2", FilmTitle.Kind.ORIGINAL, "ru")],
        )
        cls.person = make_person(
            HOSTILE,
            slug="hostile-person",
            biography=HOSTILE,
            other_names=[(HOSTILE + " 3", PersonName.Kind.ALTERNATIVE)],
        )
        make_credit(cls.film, cls.person, Credit.Role.ACTOR, character_name=HOSTILE + " 4")
        cls.review = make_review(
            cls.film, headline=HOSTILE, slug="hostile-review", author=HOSTILE, body=HOSTILE, rating=7, tags=["hostile"]
        )
        festival = make_festival(HOSTILE, slug="hostile-festival", city=HOSTILE)
        edition = make_edition(festival, 1958)
        make_section(edition, films=[cls.film])
        make_outcome(edition, make_award(festival, HOSTILE + " 5"), cls.film, result=AwardOutcome.Result.WON)

    def assertKeepsHostileText(self, address, *expected):
        response = self.client.get(address)
        graph = graph_of(response)  # one script element, nothing in it that could end it
        strings = set(strings_in(graph))
        for value in expected:
            self.assertIn(value, strings)
        # Every hostile string in the graph is one of those stored, exactly, or made of them: a title
        # with its year, an award with its edition, an excerpt (whose runs of spaces are one space).
        made = {f"{HOSTILE} (1957)", f"{HOSTILE} 5, {HOSTILE} 1958", f"{HOSTILE} 1958", EXCERPT}
        self.assertLessEqual({value for value in strings if "alert" in value}, {*expected, *made})
        return read(response)

    def test_hostile_text_round_trips_exactly_and_never_ends_the_script(self):
        film = self.assertKeepsHostileText("/films/hostile-1957/", HOSTILE, HOSTILE + " 2", HOSTILE + " 4")
        self.assertEqual(film.meta("property", "og:title"), f"{HOSTILE} (1957)")
        person = self.assertKeepsHostileText("/people/hostile-person/", HOSTILE, HOSTILE + " 3")
        self.assertEqual(person.meta("property", "og:title"), HOSTILE)
        review = self.assertKeepsHostileText(self.review.get_absolute_url(), HOSTILE, EXCERPT)
        self.assertEqual(review.meta("property", "og:description"), EXCERPT)
        self.assertKeepsHostileText("/festivals/hostile-festival/", HOSTILE)
        self.assertKeepsHostileText("/festivals/hostile-festival/1958/", HOSTILE)
        self.assertKeepsHostileText("/")  # its cards show the hostile review: still one script element

    def test_a_hostile_search_stays_in_its_attributes(self):
        page = read(self.client.get("/search/", {"q": HOSTILE}))
        self.assertEqual(page.meta("property", "og:title"), f"Search: {search.parse(HOSTILE).text}")
        self.assertEqual(len(page.scripts), 1)
        self.assertTrue(page.canonical().startswith(f"{BASE}/search/?q=%3C%2Fscript%3E"))

    def test_a_hostile_tag_name_is_text_in_the_trail(self):
        self.review.tags.add(HOSTILE)
        slug = TagUse.objects.in_use().exclude(tag__slug="hostile").get().slug
        graph = graph_of(self.client.get(f"/tags/{slug}/"))
        self.assertEqual(trail(graph)[-1][0], HOSTILE)


class DataBlockAndCacheTests(PageCacheTestCase):
    def test_the_policy_stays_strict_and_the_page_cache_keeps_pages_with_structured_data(self):
        make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", year=1957)
        first = self.client.get(CRANES)
        self.assertEqual(first["X-Page-Cache"], "miss")
        # JSON-LD is a data block, not script: the policy is what a page without any has.
        policy = first["Content-Security-Policy"]
        self.assertEqual(policy, self.client.get("/robots.txt")["Content-Security-Policy"])
        for loosened in ("nonce-", "sha256-", "unsafe-inline"):
            self.assertNotIn(loosened, policy)
        cached = self.assertCached(CRANES)
        self.assertEqual(cached.content, first.content)
        self.assertEqual(node(graph_of(cached), "Movie")["@id"], f"{BASE}{CRANES}")
