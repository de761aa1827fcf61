"""The archive as data: each film, person, festival, edition and review as JSON at its page's
address with `.json` (reviews/views/data.py, docs/data.md)."""

import json
import re
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.models import Edition, Film, FormerAddress, Person, Review

from .factories import make_credit, make_film, make_person, make_review
from .site_data import DRAFT_ONLY_FILM_TITLE, SECRET_HEADLINES, SECRET_TAGS, build_site
from .test_caching import PageCacheTestCase

BASE = "http://testserver"
# Text that must come back exactly as stored: markup, a script end, quotes, a line separator that
# ends a JavaScript string, control characters, characters outside the BMP. (PostgreSQL refuses NUL.)
HOSTILE = "</script><!-- \"quoted\" 'single' \\ back\u2028line\u2029para \x01\x07\x1b <b>bold</b> & 🎞 Летят"

# Each entity page and its document.
PAIRS = {
    "/films/the-cranes-are-flying-1957/": "/films/the-cranes-are-flying-1957.json",
    "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/": (
        "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight.json"
    ),
    "/people/mikhail-kalatozov/": "/people/mikhail-kalatozov.json",
    "/festivals/cannes/": "/festivals/cannes.json",
    "/festivals/cannes/1958/": "/festivals/cannes/1958.json",
    "/festivals/cannes/1959/": "/festivals/cannes/1959.json",
}


def document(response, status=200):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8", response["Content-Type"]
    return json.loads(response.content.decode("utf-8"))


def addresses(path_of_page, path_of_json):
    return {"url": f"{BASE}{path_of_page}", "json": f"{BASE}{path_of_json}"}


CRANES = addresses("/films/the-cranes-are-flying-1957/", "/films/the-cranes-are-flying-1957.json")
KALATOZOV = addresses("/people/mikhail-kalatozov/", "/people/mikhail-kalatozov.json")
CANNES_1958 = addresses("/festivals/cannes/1958/", "/festivals/cannes/1958.json")


class DocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)

    def setUp(self):
        ContentType.objects.get_for_models(Film, Person, Edition)

    def test_a_film_has_its_facts_credits_festival_history_and_reviews(self):
        film = document(self.client.get("/films/the-cranes-are-flying-1957.json"))
        self.assertEqual(list(film)[:4], ["type", "url", "json", "title"])
        self.assertEqual({key: film[key] for key in ("type", "url", "json")}, {"type": "film", **CRANES})
        self.assertEqual((film["title"], film["year"], film["runtime_minutes"]), ("The Cranes Are Flying", 1957, 95))
        self.assertEqual(
            film["titles"][0], {"title": "Летят журавли", "kind": "original", "language": "ru", "note": ""}
        )
        self.assertEqual(film["countries"], [{"code": "SUHH", "name": "Soviet Union"}])
        self.assertEqual(film["imdb_id"], "tt0050634")
        self.assertEqual(film["wikidata_id"], "")
        self.assertEqual(film["tags"][0], {"name": "soviet thaw", "url": f"{BASE}/tags/soviet-thaw/"})
        director = film["credits"][0]
        self.assertEqual(
            director,
            {
                "role": "director",
                "person": {"name": "Mikhail Kalatozov", **KALATOZOV},
                "character_name": "",
                "credited_as": "",
                "note": "",
            },
        )
        self.assertIn("Veronika", [credit["character_name"] for credit in film["credits"]])
        (cannes,) = film["festival_history"]
        self.assertEqual(cannes["edition"], {"title": "11th Cannes Film Festival (1958)", "year": 1958, **CANNES_1958})
        self.assertEqual(cannes["selections"], [{"section": "Competition", "note": ""}])
        self.assertEqual(
            [(award["award"], award["result"]) for award in cannes["awards"]],
            [("Palme d'Or", "won"), ("Special Mention", "special_mention")],
        )
        self.assertEqual(cannes["awards"][1]["recipients"][0]["name"], "Tatiana Samoilova")
        self.assertEqual(film["citations"][0]["fact"], "runtime")
        reviews = film["reviews"]
        self.assertEqual((reviews["count"], reviews["page"], reviews["previous"], reviews["next"]), (3, 1, None, None))
        self.assertEqual(len(reviews["items"]), 3)
        review = next(item for item in reviews["items"] if item["headline"] == "A film of flight")
        self.assertEqual(review["url"], f"{BASE}/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/")
        self.assertEqual(review["json"], f"{BASE}/films/the-cranes-are-flying-1957/reviews/a-film-of-flight.json")
        self.assertEqual(review["film"], {"title": "The Cranes Are Flying", "year": 1957, **CRANES})
        self.assertEqual(review["rating"], {"value": 8, "scale": 10, "out_of_100": 80})
        self.assertEqual(review["excerpt"], "The camera flies. Samoilova is luminous.")
        self.assertEqual(review["written_date"], "2025-01-02")
        self.assertRegex(review["published_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$")

    def test_a_review_has_its_whole_text_as_plain_paragraphs(self):
        review = document(self.client.get("/films/the-cranes-are-flying-1957/reviews/a-film-of-flight.json"))
        self.assertEqual(review["type"], "review")
        self.assertEqual(review["title"], "A film of flight")
        self.assertEqual(review["text"], "The camera flies.\n\nSamoilova is luminous.")
        self.assertEqual(review["film"], {"title": "The Cranes Are Flying", "year": 1957, **CRANES})
        self.assertEqual(review["source"], {"name": "IMDb user review", "url": "https://www.imdb.com/"})
        self.assertEqual(review["author"], "An editor")
        self.assertEqual(review["language"], "en")
        self.assertEqual([tag["name"] for tag in review["tags"]], ["soviet thaw", "war"])
        self.assertEqual(len(review["other_reviews"]), 2)
        self.assertEqual(set(review["other_reviews"][0]), {"title", "url", "json", "author", "rating"})

    def test_a_person_has_their_names_life_filmography_honours_and_reviews_of_their_films(self):
        person = document(self.client.get("/people/mikhail-kalatozov.json"))
        self.assertEqual({key: person[key] for key in ("type", "url", "json")}, {"type": "person", **KALATOZOV})
        self.assertEqual(
            person["other_names"], [{"name": "Mikheil Kalatozishvili", "kind": "birth_name", "language": ""}]
        )
        self.assertEqual((person["birth_date"], person["death_date"]), ("1903-12-28", "1973-03-27"))
        self.assertEqual(person["biography"], "A Georgian-born Soviet director.")
        directed = [credit["film"]["title"] for credit in person["filmography"] if credit["role"] == "director"]
        self.assertEqual(directed, ["Film number 0", "Film number 1", "The Cranes Are Flying"])
        # A film is public whatever its reviews: the one with a draft review only is in the filmography.
        self.assertIn(DRAFT_ONLY_FILM_TITLE, [credit["film"]["title"] for credit in person["filmography"]])
        self.assertEqual(person["awards"][0]["edition"]["title"], "11th Cannes Film Festival (1958)")
        jury = person["jury_service"][0]
        self.assertEqual((jury["edition"]["year"], jury["role"], jury["section"]), (1959, "member", None))
        self.assertEqual(person["reviews_of_films"]["count"], 5)
        self.assertEqual(person["citations"][0]["value"], "28 December 1903")

    def test_a_festival_has_its_awards_and_editions_with_their_top_winners(self):
        festival = document(self.client.get("/festivals/cannes.json"))
        self.assertEqual(festival["type"], "festival")
        self.assertEqual(festival["country"], {"code": "FR", "name": "France"})
        self.assertEqual([award["name"] for award in festival["awards"]], ["Palme d'Or", "Special Mention"])
        self.assertEqual([edition["year"] for edition in festival["editions"]], [1960, 1959, 1958])
        oldest = festival["editions"][-1]
        self.assertEqual(oldest["url"], CANNES_1958["url"])
        self.assertEqual((oldest["number"], oldest["start_date"], oldest["end_date"]), (11, "1958-05-02", "1958-05-18"))
        self.assertEqual(oldest["top_winners"][0]["film"]["title"], "The Cranes Are Flying")

    def test_an_edition_has_its_sections_jury_awards_and_neighbours(self):
        edition = document(self.client.get("/festivals/cannes/1958.json"))
        self.assertEqual({key: edition[key] for key in ("type", "url", "json")}, {"type": "edition", **CANNES_1958})
        self.assertEqual(
            edition["festival"],
            {"name": "Cannes Film Festival", **addresses("/festivals/cannes/", "/festivals/cannes.json")},
        )
        competition, side = edition["sections"]
        self.assertEqual((competition["name"], competition["is_competitive"]), ("Competition", True))
        self.assertEqual(
            [selected["film"]["title"] for selected in competition["films"]],
            ["The Cranes Are Flying", "Film number 0", "Film number 1"],
        )
        self.assertEqual((side["name"], side["films"]), ("Out of competition", []))
        president = edition["jury"][0]
        self.assertEqual((president["person"]["name"], president["role"]), ("Sergey Urusevsky", "president"))
        self.assertIn("Out of competition", [member["section"] for member in edition["jury"]])
        self.assertEqual(edition["awards"][0]["award"], "Palme d'Or")
        self.assertNotIn("edition", edition["awards"][0])
        self.assertIsNone(edition["previous_edition"])
        self.assertEqual(
            edition["next_edition"],
            {"year": 1959, **addresses("/festivals/cannes/1959/", "/festivals/cannes/1959.json")},
        )
        self.assertEqual(edition["citations"][0]["value"], "2–18 May 1958")

    def test_documents_hold_published_reviews_only(self):
        for url in [*PAIRS.values(), "/people/tatiana-samoilova.json"]:
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                for secret in (*SECRET_HEADLINES, *SECRET_TAGS):
                    self.assertNotIn(secret, body)
        for review in (self.site.draft, self.site.future):
            with self.subTest(review=review.slug):
                url = f"/films/the-cranes-are-flying-1957/reviews/{review.slug}.json"
                self.assertEqual(document(self.client.get(url), 404)["status"], 404)

    def test_each_entity_page_links_its_document(self):
        for page, data in PAIRS.items():
            with self.subTest(page=page):
                self.assertContains(
                    self.client.get(page), f'<link rel="alternate" type="application/json" href="{data}">', html=False
                )
                self.assertEqual(document(self.client.get(data))["url"], f"{BASE}{page}")

    def test_every_address_in_a_document_answers(self):
        film = document(self.client.get("/films/the-cranes-are-flying-1957.json"))
        linked = set(re.findall(r'"(?:url|json)":"http://testserver(/[^"]*)"', json.dumps(film, separators=(",", ":"))))
        self.assertGreater(len(linked), 20)
        for path in sorted(linked):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 200)

    def test_a_document_reads_no_more_than_its_page_and_shows_the_same_records(self):
        for page, data in PAIRS.items():
            with self.subTest(page=page):
                with CaptureQueriesContext(connection) as page_queries:
                    page_response = self.client.get(page)
                with CaptureQueriesContext(connection) as data_queries:
                    data_response = self.client.get(data)
                self.assertLessEqual(len(data_queries), len(page_queries))
                # The same records loaded, the same lists drawn from: an edit purges both.
                self.assertEqual(
                    set(data_response["Surrogate-Key"].split()), set(page_response["Surrogate-Key"].split())
                )

    def test_the_other_pages_of_a_list_are_linked_by_address(self):
        film = make_film("Many Reviews", slug="many-reviews-1960", year=1960)
        published = {make_review(film).slug for _ in range(12)}
        make_review(film, status=Review.Status.DRAFT)
        seen, url, pages = [], f"{BASE}/films/many-reviews-1960.json", 0
        while url:
            # film (with its tags, whether it has festival history and citations), titles, countries,
            # credits; the page of reviews, their cards: every page alike
            with self.assertNumQueries(6):
                reviews = document(self.client.get(url))["reviews"]
            self.assertEqual(reviews["count"], 12)
            seen += [item["url"].rsplit("/", 2)[-2] for item in reviews["items"]]
            url, pages = reviews["next"], pages + 1
        self.assertEqual(pages, 2)
        self.assertEqual(sorted(seen), sorted(published))
        self.assertRegex(reviews["previous"], r"^http://testserver/films/many-reviews-1960\.json\?reviews_before=\d+$")


class BadAddressTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(1)

    def test_unknown_and_nonsense_addresses_are_a_json_404(self):
        for url in (
            "/films/no-such-film.json",
            "/films/%00.json",
            "/films/a.b.json",
            "/films/the-cranes-are-flying-1957/reviews/no-such-review.json",
            "/films/the-cranes-are-flying-1957/reviews/%3Cscript%3E.json",
            "/people/no-such-person.json",
            "/people/%3Cscript%3E.json",
            "/festivals/no-such-festival.json",
            "/festivals/cannes/1900.json",
            "/festivals/cannes/0.json",
            "/festivals/cannes/-1958.json",
            "/festivals/cannes/99999999999999999999999.json",
            f"/films/{'x' * 5000}.json",
            "/no-such-thing.json",
        ):
            with self.subTest(url=url[:60]):
                body = document(self.client.get(url), 404)
                self.assertEqual(body["status"], 404)
                self.assertIsInstance(body["error"], str)
                self.assertNotIn("<script>", body["error"])

    def test_a_page_of_a_list_that_cannot_be_shown_is_a_json_400(self):
        for url in (
            "/films/the-cranes-are-flying-1957.json?reviews_page=abc",
            "/films/the-cranes-are-flying-1957.json?reviews_page=99",
            "/films/the-cranes-are-flying-1957.json?reviews_after=%00",
            "/people/mikhail-kalatozov.json?reviews_page=-1",
        ):
            with self.subTest(url=url):
                body = document(self.client.get(url), 400)
                self.assertEqual(body["status"], 400)
                self.assertIn("cannot be shown", body["error"])
                self.assertEqual(body["first"], f"{BASE}{url.partition('?')[0]}")

    def test_other_query_parameters_are_ignored_as_on_the_page(self):
        document(self.client.get("/films/the-cranes-are-flying-1957.json?page=abc&sort=%00"))


class HostileTextTests(TestCase):
    def test_stored_text_comes_back_exactly_and_parses(self):
        film = make_film(HOSTILE, slug="hostile-1957", synopsis=HOSTILE, tags=[HOSTILE[:90]])
        person = make_person(HOSTILE, slug="hostile-person", biography=HOSTILE)
        make_credit(film, person, character_name="", credited_as=HOSTILE)
        make_review(film, headline=HOSTILE, slug="hostile", author=HOSTILE, body=f"{HOSTILE}<br /><br />{HOSTILE}")
        response = self.client.get("/films/hostile-1957.json")
        self.assertIn("\u2028".encode(), response.content)  # as itself: no HTML around JSON to break out of
        data = document(response)
        self.assertEqual((data["title"], data["synopsis"]), (HOSTILE, HOSTILE))
        self.assertEqual(data["credits"][0]["person"]["name"], HOSTILE)
        self.assertEqual(data["credits"][0]["credited_as"], HOSTILE)
        self.assertEqual(data["tags"][0]["name"], HOSTILE[:90])
        self.assertEqual(data["reviews"]["items"][0]["headline"], HOSTILE)
        review = document(self.client.get("/films/hostile-1957/reviews/hostile.json"))
        self.assertEqual((review["headline"], review["author"]), (HOSTILE, HOSTILE))
        self.assertEqual(review["text"], f"{HOSTILE.strip()}\n\n{HOSTILE.strip()}")
        self.assertEqual(document(self.client.get("/people/hostile-person.json"))["biography"], HOSTILE)


class FormerAddressTests(TestCase):
    def test_a_moved_film_and_its_reviews_redirect_to_their_documents(self):
        film = make_film("Stalker", slug="stalker-1979", year=1979)
        make_review(film, slug="the-zone")
        FormerAddress.objects.record_film_move("stalker", film)
        self.assertRedirects(self.client.get("/films/stalker.json"), "/films/stalker-1979.json", status_code=301)
        self.assertRedirects(
            self.client.get("/films/stalker/reviews/the-zone.json"),
            "/films/stalker-1979/reviews/the-zone.json",
            status_code=301,
        )

    def test_a_moved_review_redirects_to_its_document_unless_it_is_a_draft(self):
        film = make_film("Stalker", slug="stalker-1979", year=1979)
        review = make_review(film, slug="the-zone")
        draft = make_review(film, slug="draft", status=Review.Status.DRAFT)
        FormerAddress.objects.record_review("stalker-1979", "zone", review)
        FormerAddress.objects.record_review("stalker-1979", "old-draft", draft)
        self.assertRedirects(
            self.client.get("/films/stalker-1979/reviews/zone.json"),
            "/films/stalker-1979/reviews/the-zone.json",
            status_code=301,
        )
        self.assertEqual(self.client.get("/films/stalker-1979/reviews/old-draft.json").status_code, 404)


class CachedDocumentTests(PageCacheTestCase):
    """Documents go through the page cache like pages, and an edit purges them with the pages."""

    def setUp(self):
        self.director = make_person("Mikhail Kalatozov", slug="mikhail-kalatozov", birth_date=date(1903, 12, 28))
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", year=1957)
        self.other = make_film("Stalker", slug="stalker-1979", year=1979)
        make_credit(self.film, self.director)
        self.review = make_review(self.film, headline="A hymn to the living", slug="a-hymn")
        self.film_json = "/films/the-cranes-are-flying-1957.json"
        self.review_json = "/films/the-cranes-are-flying-1957/reviews/a-hymn.json"
        self.person_json = "/people/mikhail-kalatozov.json"
        self.cache(self.film_json, self.review_json, self.person_json, "/films/stalker-1979.json")

    def test_a_cached_document_keeps_its_type(self):
        response = self.assertCached(self.film_json)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(document(response)["title"], "The Cranes Are Flying")

    def test_editing_a_film_changes_its_document_and_those_naming_it(self):
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertEqual(document(self.assertFresh(self.film_json))["title"], "Letyat zhuravli")
        self.assertEqual(document(self.assertFresh(self.review_json))["film"]["title"], "Letyat zhuravli")
        person = document(self.assertFresh(self.person_json))
        self.assertEqual(person["filmography"][0]["film"]["title"], "Letyat zhuravli")
        self.assertCached("/films/stalker-1979.json")

    def test_publishing_and_withdrawing_a_review_changes_the_documents(self):
        draft = make_review(self.film, headline="Second thoughts", slug="second", status=Review.Status.DRAFT)
        self.client.get("/films/")  # the first request after a write may purge (SQLite, outside a transaction)
        self.assertCached(self.film_json)
        draft.publish()
        draft.save()
        headlines = [item["headline"] for item in document(self.assertFresh(self.film_json))["reviews"]["items"]]
        self.assertIn("Second thoughts", headlines)
        Review.objects.filter(pk=self.review.pk).update(status=Review.Status.DRAFT, published_at=timezone.now())
        self.assertEqual(self.client.get(self.review_json).status_code, 404)
        headlines = [item["headline"] for item in document(self.assertFresh(self.film_json))["reviews"]["items"]]
        self.assertNotIn("A hymn to the living", headlines)
