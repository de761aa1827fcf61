from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import TestCase
from taggit.models import Tag

from reviews.demo.loader import SEED_REVIEW_PATH, row_counts
from reviews.models import AwardOutcome, Credit, Edition, Film, FilmTitle, JuryMember, Person, Review
from reviews.models.films import TaggedFilm
from reviews.models.reviews import TaggedReview


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class DemoArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load_demo()
        cls.cranes = Film.objects.get(imdb_id="tt0050634")
        cls.cannes_1958 = Edition.objects.get(festival__slug="cannes", year=1958)

    def test_it_prints_a_one_line_summary(self):
        self.assertEqual(len(self.output.strip().splitlines()), 1)
        self.assertIn("19 films", self.output)

    def test_the_cranes_are_flying_has_its_facts_and_titles(self):
        self.assertEqual((self.cranes.title, self.cranes.year), ("The Cranes Are Flying", 1957))
        self.assertEqual([country.code for country in self.cranes.countries.all()], ["SUHH"])
        titles = set(self.cranes.titles.values_list("title", "kind", "language"))
        self.assertLessEqual(
            {
                ("Летят журавли", FilmTitle.Kind.ORIGINAL, "ru"),
                ("Letyat zhuravli", FilmTitle.Kind.TRANSLITERATED, "ru-Latn"),
                ("The Cranes Are Flying", FilmTitle.Kind.TRANSLATED, "en"),
                ("Quand passent les cigognes", FilmTitle.Kind.TRANSLATED, "fr"),
            },
            titles,
        )

    def test_the_disputed_runtime_cites_each_source(self):
        runtimes = set(self.cranes.citations.filter(fact="runtime").values_list("value", flat=True))
        self.assertLessEqual({"91 min", "95 min", "97 min"}, runtimes)

    def test_the_cranes_are_flying_credits_its_makers(self):
        credits = set(self.cranes.credits.values_list("person__name", "role", "character_name"))
        self.assertLessEqual(
            {
                ("Mikhail Kalatozov", Credit.Role.DIRECTOR, ""),
                ("Viktor Rozov", Credit.Role.WRITER, ""),
                ("Sergey Urusevsky", Credit.Role.CINEMATOGRAPHER, ""),
                ("Mieczysław Weinberg", Credit.Role.COMPOSER, ""),
                ("Tatiana Samoilova", Credit.Role.ACTOR, "Veronika"),
                ("Aleksey Batalov", Credit.Role.ACTOR, "Boris"),
                ("Vasili Merkuryev", Credit.Role.ACTOR, "Fyodor Ivanovich"),
                ("Aleksandr Shvorin", Credit.Role.ACTOR, "Mark"),
            },
            credits,
        )

    def test_key_people_have_filmographies_beyond_one_film(self):
        for name in ("Mikhail Kalatozov", "Sergey Urusevsky", "Tatiana Samoilova", "Aleksey Batalov"):
            with self.subTest(name=name):
                films = Film.objects.filter(credits__person__name=name).distinct().count()
                self.assertGreaterEqual(films, 2)

    def test_the_seed_reviews_misspelling_and_the_birth_name_find_the_right_people(self):
        self.assertEqual(Person.objects.get(other_names__name="Sergei Uresevsky").name, "Sergey Urusevsky")
        self.assertEqual(Person.objects.get(other_names__name="Mikheil Kalatozishvili").name, "Mikhail Kalatozov")

    def test_the_11th_cannes_festival_has_its_dates_and_jury(self):
        edition = self.cannes_1958
        self.assertEqual(edition.number, 11)
        self.assertEqual((edition.start_date, edition.end_date), (date(1958, 5, 2), date(1958, 5, 18)))
        president = edition.jury.get(role=JuryMember.Role.PRESIDENT)
        self.assertEqual(president.person.name, "Marcel Achard")
        self.assertEqual(edition.jury.count(), 11)
        self.assertTrue(edition.sections.get(name="Competition").selections.filter(film=self.cranes).exists())

    def test_the_cranes_are_flying_won_the_palme_dor_in_1958(self):
        outcome = self.cannes_1958.award_outcomes.get(award__slug="palme-dor")
        self.assertEqual((outcome.film, outcome.result), (self.cranes, AwardOutcome.Result.WON))
        self.assertEqual(outcome.award_name, "Palme d'Or")

    def test_samoilova_received_a_special_mention(self):
        outcome = self.cannes_1958.award_outcomes.get(result=AwardOutcome.Result.SPECIAL_MENTION)
        self.assertEqual(outcome.film, self.cranes)
        self.assertEqual([person.name for person in outcome.recipients.all()], ["Tatiana Samoilova"])

    def test_the_four_actresses_of_brink_of_life_share_best_actress(self):
        outcome = self.cannes_1958.award_outcomes.get(award__slug="best-actress")
        self.assertEqual(outcome.film.title, "Brink of Life")
        self.assertEqual(outcome.recipients.count(), 4)

    def test_the_top_prize_of_1954_keeps_the_name_it_had_that_year(self):
        outcome = AwardOutcome.objects.get(
            edition__festival__slug="cannes", edition__year=1954, award__slug="palme-dor"
        )
        self.assertEqual(outcome.award_name, "Grand Prix")

    def test_the_seed_review_is_published_on_the_film_exactly_as_received(self):
        review = Review.objects.get(source__name="IMDb user review")
        self.assertEqual(review.film, self.cranes)
        self.assertTrue(review.is_public)
        self.assertEqual(review.body.encode(), SEED_REVIEW_PATH.read_bytes())
        self.assertIn("soviet thaw", review.tags.names())

    def test_the_editors_reviews_are_published_and_rated(self):
        reviews = Review.objects.filter(source__name="Film Archive editors")
        self.assertGreaterEqual(reviews.count(), 3)
        for review in reviews:
            with self.subTest(film=review.film.title):
                self.assertTrue(review.is_public)
                self.assertEqual(review.author, "The editors")
                self.assertIsNotNone(review.rating)

    def test_every_film_has_a_year_and_a_credit(self):
        films = Film.objects.annotate(credit_count=Count("credits"))
        self.assertFalse(films.filter(Q(year__isnull=True) | Q(credit_count=0)).exists())

    def test_every_tag_is_used_at_least_twice(self):
        uses = Counter(TaggedFilm.objects.values_list("tag__name", flat=True))
        uses.update(TaggedReview.objects.values_list("tag__name", flat=True))
        self.assertEqual(set(uses), set(Tag.objects.values_list("name", flat=True)))
        self.assertEqual({name: count for name, count in uses.items() if count < 2}, {})

    def test_a_few_films_are_featured(self):
        self.assertTrue(self.cranes.is_featured)
        self.assertGreaterEqual(Film.objects.filter(is_featured=True).count(), 3)


@pytest.mark.slow
class DemoArchiveReloadTests(TestCase):
    def test_running_it_again_adds_nothing(self):
        load_demo()
        counts = row_counts()
        output = load_demo()
        self.assertEqual(row_counts(), counts)
        self.assertIn("0 rows added", output)

    def test_running_it_again_keeps_an_editors_change(self):
        load_demo()
        Film.objects.filter(slug="marty-1955").update(synopsis="Rewritten by an editor.")
        load_demo()
        self.assertEqual(Film.objects.get(slug="marty-1955").synopsis, "Rewritten by an editor.")

    def test_it_completes_a_placeholder_film_an_import_created(self):
        Film.objects.create(title="IMDb tt0050634", slug="tt0050634", imdb_id="tt0050634", year=None)
        load_demo()
        film = Film.objects.get(imdb_id="tt0050634")
        self.assertEqual((film.title, film.year, film.slug), ("The Cranes Are Flying", 1957, "tt0050634"))
        self.assertEqual(film.reviews.count(), 1)
