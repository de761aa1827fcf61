"""Queries compiled once (queries.Prepared) give what the ORM gives, for every kind of value."""

import datetime
from decimal import Decimal
from unittest import skipUnless

from django.db import DatabaseError, connection, transaction
from django.test import TestCase, TransactionTestCase

from reviews import queries
from reviews.models import Film, Review

from .factories import make_film, make_review

films_between = queries.Prepared(
    lambda first_year, end_year, title: (
        (Film.objects.filter(year__gte=first_year, year__lt=end_year) if first_year is not None else Film.objects.all())
        .filter(title__gte=title)
        .order_by("pk")
        .values_list("pk", "title", "year", named=True)
    )
)
films_by_id = queries.Prepared(lambda ids: Film.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "slug"))
ratings = queries.Prepared(
    lambda film: Review.objects.filter(film=film).order_by("pk").values_list("rating", "written_date")
)


class PreparedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cranes = make_film("The Cranes Are Flying", year=1957)
        cls.stalker = make_film("Stalker", year=1979)
        cls.undated = make_film("Undated", year=None)
        make_review(film=cls.cranes, rating=Decimal("8.5"), written_date=datetime.date(2006, 3, 1))
        make_review(film=cls.cranes, rating=None, written_date=None)

    def test_rows_are_the_orms_for_each_call_s_own_values(self):
        for first_year, end_year, title in ((1950, 1960, "A"), (1970, 1980, "A"), (1950, 1980, "T"), (None, None, "")):
            with self.subTest(first_year=first_year, title=title):
                expected = Film.objects.all() if first_year is None else Film.objects.filter(year__gte=first_year)
                if end_year is not None:
                    expected = expected.filter(year__lt=end_year)
                expected = list(expected.filter(title__gte=title).order_by("pk").values_list("pk", "title", "year"))
                self.assertEqual([tuple(row) for row in films_between(first_year, end_year, title)], expected)

    def test_named_rows_carry_their_fields_names(self):
        (row,) = films_between(1950, 1960, "")
        self.assertEqual((row.pk, row.title, row.year), (self.cranes.pk, "The Cranes Are Flying", 1957))

    def test_a_list_of_any_length_and_values_through_the_orms_converters(self):
        self.assertEqual(films_by_id([self.stalker.pk]), [(self.stalker.pk, self.stalker.slug)])
        self.assertEqual(len(films_by_id([self.cranes.pk, self.stalker.pk, self.undated.pk])), 3)
        self.assertEqual(
            [tuple(row) for row in ratings(self.cranes.pk)],
            [(Decimal("8.5"), datetime.date(2006, 3, 1)), (None, None)],
        )

    def test_small_numbers_stay_in_range_after_a_long_list(self):
        films_of_years = queries.Prepared(
            lambda ids, first_year, end_year: Film.objects.filter(
                pk__in=ids, year__gte=first_year, year__lt=end_year
            ).values_list("pk")
        )
        ids = queries.padded([self.cranes.pk, self.stalker.pk] + [0] * 3000)
        self.assertEqual(films_of_years(ids, 1950, 1960), [(self.cranes.pk,)])

    def test_a_query_that_computes_with_its_values_is_refused(self):
        decade_films = queries.Prepared(
            lambda decade: Film.objects.filter(year__gte=decade, year__lt=decade + 10).values_list("pk")
        )
        with self.assertRaisesMessage(ValueError, "computes with its values"):
            decade_films(1950)
        titled = queries.Prepared(lambda text: Film.objects.filter(title__icontains=text).values_list("pk"))
        with self.assertRaisesMessage(ValueError, "not parameters of its SQL"):
            titled("cranes")


class ConnectionTests(TransactionTestCase):
    serialized_rollback = True  # restores what migrations created (content types) after the flush

    def test_a_new_connection_prepares_its_statements_again(self):
        ids = [make_film().pk, make_film().pk]
        self.assertEqual(len(films_by_id(ids)), 2)
        connection.close()  # on PostgreSQL the next connection has none of the statements prepared
        self.assertEqual(len(films_by_id(ids)), 2)
        self.assertEqual(len(films_by_id(ids)), 2)


@skipUnless(connection.vendor == "postgresql", "prepared statements are PostgreSQL's (SQLite runs the plain SQL)")
class LostStatementTests(TransactionTestCase):
    serialized_rollback = True

    def test_a_statement_the_connection_lost_is_answered_by_the_plain_sql(self):
        ids = [make_film().pk, make_film().pk]
        self.assertEqual(len(films_by_id(ids)), 2)
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")  # as a pooler's DISCARD ALL would
        self.assertEqual(len(films_by_id(ids)), 2)
        self.assertEqual(len(films_by_id(ids)), 2)

    def test_inside_a_transaction_the_error_is_raised_and_the_next_call_answers(self):
        ids = [make_film().pk]
        self.assertEqual(len(films_by_id(ids)), 1)
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        with self.assertRaises(DatabaseError), transaction.atomic():
            films_by_id(ids)
        self.assertEqual(len(films_by_id(ids)), 1)


class PaddedTests(TestCase):
    def test_lists_grow_to_the_next_power_of_two_by_repeating_their_last_id(self):
        self.assertEqual(queries.padded([]), [])
        self.assertEqual(queries.padded([7]), [7])
        self.assertEqual(queries.padded([7, 8, 9]), [7, 8, 9, 9])
        self.assertEqual(len(queries.padded(range(65))), 128)
        self.assertEqual(len(queries.padded(range(128))), 128)
