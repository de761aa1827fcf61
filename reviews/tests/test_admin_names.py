"""Every record says what it is, and every help text and label reads as written."""

from html import unescape
from html.parser import HTMLParser

from django.contrib.admin.models import LogEntry
from django.test import TestCase
from django.utils.html import strip_tags
from reversion.models import Version

from reviews.models import Review

from .browser_forms import form_fields
from .factories import make_film, make_review
from .test_admin import admin_url, archive_admins, make_editor


class ReviewNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cranes = make_film("The Cranes Are Flying", year=1957)

    def test_a_review_is_named_by_its_film_and_author_and_its_own_headline(self):
        signed = make_review(film=self.cranes, author="Jane Doe", headline="A poem in pictures")
        anonymous = make_review(film=self.cranes, author="", headline="")
        self.assertEqual(str(signed), "Review of The Cranes Are Flying (1957) by Jane Doe: “A poem in pictures”")
        self.assertEqual(str(anonymous), "Review of The Cranes Are Flying (1957) (IMDb user review, author not given)")

    def test_a_long_headline_is_shortened_in_the_name(self):
        review = make_review(film=self.cranes, author="J", headline="word " * 40)
        self.assertLess(len(str(review)), 140)
        self.assertTrue(str(review).endswith("…”"))

    def test_the_change_form_and_the_history_name_the_review(self):
        editor = make_editor()
        self.client.force_login(editor)
        review = make_review(film=self.cranes, author="Jane Doe", headline="")
        url = admin_url(Review, "change", review.pk)
        page = self.client.get(url)
        self.assertContains(page, "<h2>Review of The Cranes Are Flying (1957) by Jane Doe</h2>", html=True)
        self.client.post(url, form_fields(page.content.decode(), "review_form"))
        entry = LogEntry.objects.get(object_id=str(review.pk))
        self.assertEqual(entry.object_repr, "Review of The Cranes Are Flying (1957) by Jane Doe")
        self.assertIn(
            "Review of The Cranes Are Flying (1957) by Jane Doe",
            {version.object_repr for version in Version.objects.get_for_object(review)},
        )


ELEMENT = "\x00element:"


class _HelpAndLabels(HTMLParser):
    """The text of every help text and label of an admin form, as a browser shows it."""

    def __init__(self):
        super().__init__()
        self.texts, self._depth = [], 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += 1
            if tag != "div":  # Django wraps a help text in a div of its own
                self.texts[-1] += f"{ELEMENT}{tag}"  # markup inside a help text or label, read as HTML
        elif tag == "label" or "help" in classes:
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


class HelpTextTests(TestCase):
    def test_no_help_text_of_the_archive_holds_markup_that_a_browser_would_swallow(self):
        for model, _ in archive_admins():
            for field in model._meta.get_fields():
                help_text = str(getattr(field, "help_text", "") or "")
                with self.subTest(model=model.__name__, field=field.name):
                    # The admin shows help texts as HTML: a tag written in one would vanish or render.
                    self.assertEqual(strip_tags(help_text), help_text)

    def test_every_add_form_shows_its_help_texts_and_labels_as_written(self):
        self.client.force_login(make_editor())
        for model, _ in archive_admins():
            page = self.client.get(admin_url(model, "add"))
            if page.status_code == 403:
                continue  # no one adds these by hand (former addresses)
            with self.subTest(model=model.__name__):
                parser = _HelpAndLabels()
                parser.feed(page.content.decode())
                self.assertTrue(parser.texts)
                for text in parser.texts:
                    self.assertNotIn(ELEMENT, text)
        review_form = _HelpAndLabels()
        review_form.feed(self.client.get(admin_url(Review, "add")).content.decode())
        self.assertIn(
            "The text exactly as received. Only <br /> is read as markup (a line break).",
            [unescape(text).strip() for text in review_form.texts],
        )
