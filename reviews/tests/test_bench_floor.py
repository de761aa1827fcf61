"""The benchmark floor (filmarchive/floor.py): a fixed page, only when benchmarking."""

from django.test import TestCase, override_settings

from filmarchive.floor import FLOOR_PAGE


class BenchFloorTests(TestCase):
    def test_it_is_not_found_unless_benchmarking(self):
        self.assertEqual(self.client.get("/bench/floor/").status_code, 404)

    @override_settings(BENCH_FLOOR=True)
    def test_it_serves_a_fixed_page_without_the_database(self):
        with self.assertNumQueries(0):
            response = self.client.get("/bench/floor/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.decode(), FLOOR_PAGE)

    @override_settings(BENCH_FLOOR=True)
    def test_it_goes_through_the_site_middleware_and_is_never_cached(self):
        response = self.client.get("/bench/floor/")
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertIn("no-store", response["Cache-Control"])
