"""Each write names exactly the keys of what it changed (reviews/cache/writes.py), on both engines.

Inside a test's transaction nothing commits, so the keys the triggers wrote stay in the log
for the test to read.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TestCase
from django.utils import timezone
from taggit.models import Tag

from reviews.cache import keys
from reviews.models import Citation, Country, Credit, Film, PendingPurge, Review

from .factories import make_credit, make_edition, make_film, make_outcome, make_person, make_review, make_section


class WriteKeysTests(TestCase):
    def setUp(self):
        self.film = make_film("The Cranes Are Flying", tags=["soviet thaw"])
        self.person = make_person("Mikhail Kalatozov")
        self.review = make_review(film=self.film, tags=["soviet thaw", "war"])
        self.tag = Tag.objects.get(name="soviet thaw")
        self.war = Tag.objects.get(name="war")
        PendingPurge.objects.all().delete()

    def named(self):
        named = set(PendingPurge.objects.values_list("key", flat=True))
        PendingPurge.objects.all().delete()
        return named

    def test_a_film_names_itself_and_its_lists_only_for_what_moves_it(self):
        self.film.synopsis = "Moscow, 1941."
        self.film.save()
        self.assertEqual(self.named(), {f"film:{self.film.pk}"})
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertEqual(self.named(), {f"film:{self.film.pk}", keys.FILMS, keys.FILMS_BY_REVIEWS, keys.SEARCH})
        self.film.is_featured = True
        self.film.save()
        self.assertEqual(self.named(), {f"film:{self.film.pk}", keys.FEATURED})

    def test_saving_what_did_not_change_names_nothing(self):
        self.film.save()
        Film.objects.filter(pk=self.film.pk).update(updated_at=timezone.now())
        self.assertEqual(self.named(), set())

    def test_a_draft_names_only_itself(self):
        draft = make_review(film=self.film, status=Review.Status.DRAFT)
        self.assertEqual(self.named(), {f"review:{draft.pk}"})
        draft.headline = "Still a draft"
        draft.save()
        self.assertEqual(self.named(), {f"review:{draft.pk}"})

    def test_publishing_names_the_film_the_lists_and_the_tags_whose_counts_change(self):
        Review.objects.filter(pk=self.review.pk).update(status=Review.Status.DRAFT)
        self.named()
        Review.objects.filter(pk=self.review.pk).update(status=Review.Status.PUBLISHED)
        self.assertEqual(
            self.named(),
            {
                f"review:{self.review.pk}",
                f"film:{self.film.pk}",
                keys.REVIEWS,
                keys.SEARCH,
                keys.FILMS_BY_REVIEWS,  # the film's count changed
                f"tag:{self.tag.pk}",
                f"tag:{self.war.pk}",
                keys.TAGS,  # and its tags'
            },
        )

    def test_editing_a_published_review_names_itself_and_the_searches_only(self):
        self.review.headline = "A hymn to the living"
        self.review.save()
        self.assertEqual(self.named(), {f"review:{self.review.pk}", keys.SEARCH})

    def test_scheduling_names_the_scheduled_reviews(self):
        make_review(film=self.film, published_at=timezone.now() + timezone.timedelta(days=1))
        self.assertIn(keys.SCHEDULED, self.named())

    def test_tagging_names_the_item_the_tag_and_the_items_other_tags(self):
        self.review.tags.add("melodrama")
        melodrama = Tag.objects.get(name="melodrama")
        named = self.named()
        self.assertLessEqual(
            {f"review:{self.review.pk}", f"tag:{melodrama.pk}", f"tag:{self.tag.pk}", f"tag:{self.war.pk}"}, named
        )
        self.assertNotIn(f"film:{self.film.pk}", named)

    def test_a_film_renamed_or_reviewed_names_the_people_credited_on_it(self):
        make_credit(self.film, self.person)
        self.named()
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertIn(f"person:{self.person.pk}", self.named())
        make_review(film=self.film)  # its published reviews: the person's page lists them
        self.assertIn(f"person:{self.person.pk}", self.named())
        self.film.synopsis = "Moscow, 1941."
        self.film.save()
        self.assertNotIn(f"person:{self.person.pk}", self.named())

    def test_credits_name_their_film_and_person(self):
        credit = make_credit(self.film, self.person)
        self.assertEqual(self.named(), {f"film:{self.film.pk}", f"person:{self.person.pk}"})
        Credit.objects.filter(pk=credit.pk).update(character_name="", note="uncredited")
        self.assertEqual(self.named(), {f"film:{self.film.pk}", f"person:{self.person.pk}"})

    def test_a_person_renamed_moves_in_the_people_list(self):
        self.person.biography = "Born in Tbilisi."
        self.person.save()
        self.assertEqual(self.named(), {f"person:{self.person.pk}"})
        self.person.name = "Mikheil Kalatozishvili"
        self.person.save()
        self.assertEqual(self.named(), {f"person:{self.person.pk}", keys.PEOPLE, keys.SEARCH})

    def test_festival_records_name_their_edition_and_film(self):
        edition = make_edition()
        self.named()
        make_section(edition, films=[self.film])
        named = self.named()
        self.assertIn(f"edition:{edition.pk}", named)
        self.assertIn(f"film:{self.film.pk}", named)
        outcome = make_outcome(edition, film=self.film, recipients=[self.person])
        self.assertLessEqual(
            {f"awardoutcome:{outcome.pk}", f"edition:{edition.pk}", f"film:{self.film.pk}", f"person:{self.person.pk}"},
            self.named(),
        )

    def test_a_citation_names_the_record_it_cites(self):
        Citation.objects.create(
            content_type=ContentType.objects.get_for_model(Film), object_id=self.film.pk, fact="runtime", source="x"
        )
        self.assertEqual(self.named(), {f"film:{self.film.pk}"})

    def test_renaming_a_country_or_a_tag_names_everything_but_a_new_tag_nothing_shown(self):
        Country.objects.filter(code="SUHH").update(name="USSR")
        self.assertEqual(self.named(), {keys.EVERYTHING})
        Country.objects.create(code="XK", name="Kosovo")
        self.assertEqual(self.named(), {keys.EVERYTHING})
        new = Tag.objects.create(name="new", slug="new")
        self.assertEqual(self.named(), {f"tag:{new.pk}"})
        Tag.objects.filter(pk=new.pk).update(name="renamed")
        self.assertIn(keys.EVERYTHING, self.named())

    def test_raw_sql_names_keys_too(self):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE reviews_person SET name = %s WHERE id = %s", ["M. K.", self.person.pk])
        self.assertEqual(self.named(), {f"person:{self.person.pk}", keys.PEOPLE, keys.SEARCH})
