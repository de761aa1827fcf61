"""Stored addresses of other sites: http(s) only, refused otherwise wherever written, never a live link."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import TestCase

from reviews.models import Citation

from .factories import make_festival, make_film, make_review, make_source

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/review.txt",
    "//evil.example.org/",
    "/relative/path",
]


def records():
    """One record of each model with an address, and the address field's name."""
    film = make_film()
    return [
        (make_festival(), "website"),
        (make_source(name="Sight and Sound", slug="sight-and-sound"), "url"),
        (make_review(film=film), "source_url"),
        (Citation.objects.create(subject=film, fact="runtime", source="Cinémathèque"), "url"),
    ]


class ModelTests(TestCase):
    def test_full_clean_refuses_every_other_scheme(self):
        for record, field in records():
            for address in HOSTILE:
                setattr(record, field, address)
                with self.subTest(model=type(record).__name__, address=address):
                    with self.assertRaises(ValidationError) as refused:
                        record.full_clean()
                    self.assertIn(field, refused.exception.message_dict)

    def test_web_addresses_are_accepted(self):
        for record, field in records():
            for address in ["https://www.imdb.com/title/tt0050634/", "http://example.org/a?b=c#d", ""]:
                setattr(record, field, address)
                record.full_clean()

    def test_the_database_refuses_what_skips_validation(self):
        """A shell, a fixture, a restore or an update() never run full_clean()."""
        for record, field in records():
            model = type(record)
            for address in ["javascript:alert(1)", "data:text/html,x"]:
                with self.subTest(model=model.__name__, address=address):
                    with self.assertRaises(IntegrityError), transaction.atomic():
                        model.objects.filter(pk=record.pk).update(**{field: address})
            model.objects.filter(pk=record.pk).update(**{field: "HTTPS://example.org/"})


class PageTests(TestCase):
    def render(self, url, text="Official website"):
        return Template("{% load archive %}{% external_link url text %}").render(Context({"url": url, "text": text}))

    def test_an_http_address_is_a_link(self):
        self.assertEqual(
            self.render("https://festival-cannes.com/?a=1&b=2"),
            '<a rel="external" href="https://festival-cannes.com/?a=1&amp;b=2">Official website</a>',
        )

    def test_any_other_address_is_shown_as_text_only(self):
        for address in HOSTILE:
            with self.subTest(address=address):
                self.assertEqual(self.render(address), "Official website")

    def test_the_text_is_escaped_either_way(self):
        self.assertEqual(self.render("", "<b>Cannes</b>"), "&lt;b&gt;Cannes&lt;/b&gt;")
        self.assertIn("&lt;b&gt;Cannes&lt;/b&gt;</a>", self.render("https://example.org/", "<b>Cannes</b>"))

    def test_pages_link_their_stored_addresses(self):
        festival = make_festival(website="https://www.festival-cannes.com/")
        response = self.client.get(festival.get_absolute_url())
        self.assertContains(response, '<a rel="external" href="https://www.festival-cannes.com/">Official website</a>')
        review = make_review(source_url="https://www.imdb.com/review/rw0000001/", source_identifier="rw0000001")
        self.assertContains(
            self.client.get(review.get_absolute_url()),
            '<a rel="external" href="https://www.imdb.com/review/rw0000001/">rw0000001</a>',
        )
