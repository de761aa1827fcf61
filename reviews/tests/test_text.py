"""Review text: stored exactly as received, shown as escaped paragraphs (reviews.text)."""

from django.test import SimpleTestCase

from reviews.templatetags.archive import review_excerpt
from reviews.text import plain_excerpt, render_paragraphs, split_paragraphs


class SplitParagraphsTests(SimpleTestCase):
    def test_it_splits_on_every_way_of_writing_a_line_break(self):
        for body in (
            "One<br />Two",
            "One<br/>Two",
            "One<br>Two",
            "One<BR />Two",
            "One<Br/>Two",
            "One< br / >Two",
            "One</br>Two",
            "One <br /><br /> Two",
            "One<br /> <br />\n<br />Two",
            "One\n\nTwo",
            "One\n  \nTwo",
        ):
            with self.subTest(body=body):
                self.assertEqual(split_paragraphs(body), ["One", "Two"])

    def test_it_drops_empty_paragraphs_and_surrounding_whitespace(self):
        self.assertEqual(
            split_paragraphs("<br /><br />  One  <br /><br /><br />   <br />Two<br /><br />"), ["One", "Two"]
        )

    def test_a_single_newline_stays_inside_its_paragraph(self):
        self.assertEqual(split_paragraphs("One\nline<br />Two"), ["One\nline", "Two"])

    def test_nothing_gives_no_paragraphs(self):
        for body in ("", None, "   ", "<br /><br />", "\n\n\n"):
            with self.subTest(body=body):
                self.assertEqual(split_paragraphs(body), [])

    def test_other_tags_are_not_line_breaks(self):
        self.assertEqual(split_paragraphs("a <b>bold</b> <brother> move<br />b"), ["a <b>bold</b> <brother> move", "b"])


class RenderParagraphsTests(SimpleTestCase):
    def test_it_wraps_each_paragraph_in_p(self):
        self.assertEqual(render_paragraphs("One<br /><br />Two"), "<p>One</p>\n<p>Two</p>")

    def test_markup_other_than_line_breaks_is_shown_as_text(self):
        html = render_paragraphs('<script>alert("x")</script><br /><b>bold</b> &amp; <i>it</i><br /><a href="x">l</a>')
        self.assertEqual(
            html,
            "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n"
            "<p>&lt;b&gt;bold&lt;/b&gt; &amp;amp; &lt;i&gt;it&lt;/i&gt;</p>\n"
            "<p>&lt;a href=&quot;x&quot;&gt;l&lt;/a&gt;</p>",
        )

    def test_quotes_and_ampersands_are_escaped(self):
        self.assertEqual(render_paragraphs('Tom & Jerry\'s "best"'), "<p>Tom &amp; Jerry&#x27;s &quot;best&quot;</p>")

    def test_empty_text_renders_nothing(self):
        self.assertEqual(render_paragraphs("<br /><br />"), "")


class ExcerptTests(SimpleTestCase):
    def test_line_breaks_become_spaces(self):
        self.assertEqual(plain_excerpt("One.<br /><br />Two."), "One. Two.")

    def test_it_cuts_on_a_word_with_an_ellipsis(self):
        self.assertEqual(plain_excerpt("one two three four", words=2), "one two…")

    def test_markup_stays_as_text_for_autoescaping(self):
        self.assertEqual(plain_excerpt("<b>x</b><br />y"), "<b>x</b> y")

    def test_a_cut_text_loses_its_half_word_and_half_line_break(self):
        self.assertEqual(plain_excerpt("One two thr", is_cut=True), "One two…")
        self.assertEqual(plain_excerpt("One two.<br /", is_cut=True), "One two.…")
        self.assertEqual(plain_excerpt("One two.<br /><", is_cut=True), "One two.…")
        self.assertEqual(plain_excerpt("One two. <b", is_cut=True), "One two.…")

    def test_a_cut_single_word_is_kept(self):
        self.assertEqual(plain_excerpt("x" * 10, is_cut=True), "x" * 10 + "…")

    def test_a_listed_review_knows_when_its_start_was_cut(self):
        class Listed:
            body_start = "word " * 80

        self.assertTrue(review_excerpt(Listed(), words=5).endswith("word…"))
        Listed.body_start = "Short and whole."
        self.assertEqual(review_excerpt(Listed()), "Short and whole.")
