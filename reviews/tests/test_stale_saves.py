"""Two editors, one record: a save from a form opened before the other's change is refused."""

from django.test import Client, TestCase

from reviews.models import Credit, Film, Review

from .browser_forms import form_fields
from .factories import make_credit, make_film, make_person, make_review
from .test_admin import admin_url, make_editor


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


class StaleSaveTests(TestCase):
    def setUp(self):
        self.alice = signed_in(make_editor("alice"))
        self.bob = signed_in(make_editor("bob"))
        self.film = make_film("Letyat zhuravli", year=1957, runtime_minutes=95)
        self.credit = make_credit(self.film, make_person("Mikhail Kalatozov"), character_name="")
        self.url = admin_url(Film, "change", self.film.pk)

    def opened(self, client):
        response = client.get(self.url)
        self.assertEqual(response.status_code, 200)
        return form_fields(response.content.decode(), "film_form")

    def test_a_save_from_a_form_opened_before_another_editors_save_is_refused(self):
        alice_form = self.opened(self.alice)
        bob_form = self.opened(self.bob)

        bob_form["title"] = "The Cranes Are Flying"
        self.assertRedirects(self.bob.post(self.url, bob_form), admin_url(Film, "changelist"))

        alice_form["runtime_minutes"] = "97"
        response = self.alice.post(self.url, alice_form)

        self.assertEqual(response.status_code, 200)
        self.film.refresh_from_db()
        self.assertEqual((self.film.title, self.film.runtime_minutes), ("The Cranes Are Flying", 95))
        errors = " ".join(response.context["adminform"].form.non_field_errors())
        self.assertIn("Not saved", errors)
        self.assertIn("by bob", errors)
        self.assertIn("(title, now “The Cranes Are Flying”)", errors)
        # Alice's own input is still in the form.
        self.assertEqual(form_fields(response.content.decode(), "film_form")["runtime_minutes"], "97")

    def test_saving_again_after_the_refusal_is_deliberate_and_goes_through(self):
        alice_form = self.opened(self.alice)
        bob_form = self.opened(self.bob)
        bob_form["title"] = "The Cranes Are Flying"
        self.bob.post(self.url, bob_form)
        alice_form["runtime_minutes"] = "97"
        refused = self.alice.post(self.url, alice_form)

        again = form_fields(refused.content.decode(), "film_form")
        self.assertRedirects(self.alice.post(self.url, again), admin_url(Film, "changelist"))
        self.film.refresh_from_db()
        self.assertEqual(self.film.runtime_minutes, 97)

    def test_a_credit_changed_on_its_own_page_makes_the_films_open_form_stale(self):
        alice_form = self.opened(self.alice)
        credit_url = admin_url(Credit, "change", self.credit.pk)
        credit_form = form_fields(self.bob.get(credit_url).content.decode(), "credit_form")
        credit_form["credited_as"] = "M. Kalatozov"
        self.assertEqual(self.bob.post(credit_url, credit_form).status_code, 302)

        alice_form["runtime_minutes"] = "97"
        response = self.alice.post(self.url, alice_form)

        self.assertEqual(response.status_code, 200)
        errors = " ".join(response.context["adminform"].form.non_field_errors())
        self.assertIn("credits (1 changed)", errors)
        self.assertIn("by bob", errors)
        self.film.refresh_from_db()
        self.assertEqual(self.film.runtime_minutes, 95)

    def test_a_credit_edited_inline_by_two_editors_keeps_the_first_edit(self):
        alice_form = self.opened(self.alice)
        bob_form = self.opened(self.bob)
        prefix = next(name for name in bob_form if name.endswith("-billing_order")).rsplit("-", 1)[0]
        bob_form[f"{prefix}-billing_order"] = "2"
        self.assertEqual(self.bob.post(self.url, bob_form).status_code, 302)

        alice_form[f"{prefix}-billing_order"] = "3"
        self.assertEqual(self.alice.post(self.url, alice_form).status_code, 200)
        self.credit.refresh_from_db()
        self.assertEqual(self.credit.billing_order, 2)

    def test_a_change_made_outside_the_admin_counts_too(self):
        alice_form = self.opened(self.alice)
        Film.objects.filter(pk=self.film.pk).update(year=1958)

        alice_form["runtime_minutes"] = "97"
        response = self.alice.post(self.url, alice_form)

        self.assertEqual(response.status_code, 200)
        self.assertIn("(year, now “1958”)", " ".join(response.context["adminform"].form.non_field_errors()))

    def test_an_unchanged_record_saves_as_before(self):
        alice_form = self.opened(self.alice)
        alice_form["runtime_minutes"] = "97"
        self.assertEqual(self.alice.post(self.url, alice_form).status_code, 302)
        self.film.refresh_from_db()
        self.assertEqual(self.film.runtime_minutes, 97)

    def test_a_damaged_opened_state_is_a_clear_error_not_a_500(self):
        damaged = ["{not json", "[]", "{}", "123", '{"at": 5, "fields": {}, "rows": {}}', '{"at": "2026-13-45T99:00"}']
        damaged.append('{"at": "2026-12-04T10:00:00+00:00", "fields": [], "rows": {}}')
        for value in damaged:
            with self.subTest(value=value):
                alice_form = self.opened(self.alice)
                alice_form["opened_state"] = value
                response = self.alice.post(self.url, alice_form)
                self.assertEqual(response.status_code, 200)
                self.assertIn("damaged", " ".join(response.context["adminform"].form.non_field_errors()))


class StaleReviewSaveTests(TestCase):
    """The review form has its own class (ReviewForm); a long text travels as its hash."""

    def test_a_review_whose_text_changed_meanwhile_is_refused(self):
        alice = signed_in(make_editor("alice"))
        review = make_review(body="word " * 500, status=Review.Status.DRAFT)
        url = admin_url(Review, "change", review.pk)
        alice_form = form_fields(alice.get(url).content.decode(), "review_form")
        self.assertLess(len(alice_form["opened_state"]), 2000)
        Review.objects.filter(pk=review.pk).update(body="other " * 500)

        alice_form["headline"] = "Cranes"
        response = alice.post(url, alice_form)

        self.assertEqual(response.status_code, 200)
        self.assertIn("body", " ".join(response.context["adminform"].form.non_field_errors()))
        review.refresh_from_db()
        self.assertEqual(review.headline, "")


class StaleActionTests(TestCase):
    """An action runs on what the editor saw: a review changed since the list was shown is left alone."""

    def setUp(self):
        self.alice = signed_in(make_editor("alice"))
        self.drafts = [make_review(status=Review.Status.DRAFT, headline=f"Draft {n}") for n in range(2)]

    def publish(self, listed_at):
        return self.alice.post(
            admin_url(Review, "changelist"),
            {
                "action": "publish_reviews",
                "_selected_action": [review.pk for review in self.drafts],
                "listed_at": listed_at,
            },
            follow=True,
        )

    def test_a_review_changed_since_the_list_was_shown_is_left_alone_and_named(self):
        listing = form_fields(self.alice.get(admin_url(Review, "changelist")).content.decode(), "changelist-form")
        changed = self.drafts[0]
        changed.headline = "Rewritten meanwhile"
        changed.save()

        response = self.publish(listing["listed_at"])

        self.assertContains(response, "Left alone, because changed by someone else since you opened the page")
        self.assertContains(response, "1 review published.")
        statuses = dict(Review.objects.values_list("headline", "status"))
        self.assertEqual(statuses, {"Rewritten meanwhile": Review.Status.DRAFT, "Draft 1": Review.Status.PUBLISHED})

    def test_unchanged_reviews_are_all_published(self):
        listing = form_fields(self.alice.get(admin_url(Review, "changelist")).content.decode(), "changelist-form")
        response = self.publish(listing["listed_at"])
        self.assertContains(response, "2 reviews published.")
        self.assertNotContains(response, "Left alone")
