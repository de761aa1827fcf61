"""The admin's inlines: a row ready to fill, people and films picked by autocomplete, every control named."""

from django.contrib.contenttypes.admin import GenericInlineModelAdmin

from reviews.models import Credit, Film, FilmTitle, Person, Section, Selection

from .factories import make_credit, make_film, make_person, make_section
from .test_admin import EditorAdminTestCase, admin_url, archive_admins


def archive_inlines():
    """(ModelAdmin, inline) for every inline of the archive's admin pages."""
    return [
        (model_admin, inline_class(model_admin.model, model_admin.admin_site))
        for _, model_admin in archive_admins()
        for inline_class in model_admin.inlines
    ]


class InlineRulesTests(EditorAdminTestCase):
    def test_every_inline_starts_with_one_empty_row(self):
        for model_admin, inline in archive_inlines():
            with self.subTest(page=type(model_admin).__name__, inline=type(inline).__name__):
                self.assertEqual(inline.extra, 1)

    def test_every_inline_picking_a_person_or_a_film_does_it_by_autocomplete(self):
        checked = 0
        for _, inline in archive_inlines():
            if isinstance(inline, GenericInlineModelAdmin):
                continue
            for name in inline.fields:
                field = inline.model._meta.get_field(name)
                if field.is_relation and field.related_model in {Person, Film}:
                    checked += 1
                    with self.subTest(inline=type(inline).__name__, field=name):
                        self.assertIn(name, inline.autocomplete_fields)
        self.assertGreaterEqual(checked, 5)  # credits, jury, outcomes, recipients, selections

    def test_the_credits_inline_orders_by_number(self):
        film = make_film()
        make_credit(film, make_person("Second"), Credit.Role.ACTOR, character_name="B", billing_order=2)
        make_credit(film, make_person("First"), Credit.Role.ACTOR, character_name="A", billing_order=1)
        response = self.client.get(admin_url(Film, "change", film.pk))
        formset = next(inline for inline in response.context["inline_admin_formsets"] if inline.opts.model is Credit)
        self.assertEqual([form.instance.person.name for form in formset.formset.initial_forms], ["First", "Second"])
        self.assertIn("billing_order", formset.formset.form.base_fields)

    def test_a_sections_selections_order_by_number_in_the_inline_and_on_the_edition_page(self):
        first, second, forgotten = make_film("First", year=1958), make_film("Second", year=1958), make_film("Opening")
        section = make_section(films=[first, second, forgotten])
        Selection.objects.filter(film=first).update(position=2)
        Selection.objects.filter(film=second).update(position=3)
        Selection.objects.filter(film=forgotten).update(position=1)  # added last, shown first
        response = self.client.get(admin_url(Section, "change", section.pk))
        formset = next(inline for inline in response.context["inline_admin_formsets"] if inline.opts.model is Selection)
        self.assertEqual(
            [form.instance.film.title for form in formset.formset.initial_forms], ["Opening", "First", "Second"]
        )
        self.assertIn("position", formset.formset.form.base_fields)
        page = self.client.get(section.edition.get_absolute_url()).content.decode()
        self.assertLess(page.index("Opening"), page.index("First"))
        self.assertLess(page.index("First"), page.index("Second"))

    def test_the_titles_inline_lists_the_original_first_as_the_film_page_does(self):
        film = make_film(
            titles=[
                ("Quand passent les cigognes", FilmTitle.Kind.TRANSLATED, "fr"),
                ("Letyat zhuravli", FilmTitle.Kind.TRANSLITERATED, "ru-Latn"),
                ("Летят журавли", FilmTitle.Kind.ORIGINAL, "ru"),
            ]
        )
        response = self.client.get(admin_url(Film, "change", film.pk))
        formset = next(inline for inline in response.context["inline_admin_formsets"] if inline.opts.model is FilmTitle)
        self.assertEqual(
            [form.instance.title for form in formset.formset.initial_forms],
            ["Летят журавли", "Letyat zhuravli", "Quand passent les cigognes"],
        )


class InlineControlsAreNamedTests(EditorAdminTestCase):
    """Django's tabular inline names a column only by its header: each control carries its column's name."""

    def test_the_film_forms_rows_name_their_controls(self):
        film = make_film()
        make_credit(film, make_person("Mikhail Kalatozov"))
        response = self.client.get(admin_url(Film, "change", film.pk))
        self.assertContains(response, 'aria-label="Person"')
        self.assertContains(response, 'aria-label="Role"')
        self.assertContains(response, 'aria-label="Billing order"')
        self.assertContains(response, 'aria-label="Delete"')
        self.assertContains(response, 'aria-label="Title"')
        self.assertContains(response, 'aria-label="Fact"')  # citations, a generic inline

    def test_a_plain_foreign_key_select_is_named_too(self):
        section = make_section(films=[make_film()])
        response = self.client.get(admin_url(type(section.edition), "change", section.edition_id))
        self.assertContains(response, 'aria-label="Section"')  # a jury member's section
