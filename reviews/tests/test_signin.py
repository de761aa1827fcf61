"""Signing in: failed attempts throttled per account and per address, sessions that end."""

import time
from datetime import timedelta
from unittest import mock

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, TestCase

from filmarchive.signin import SIGNED_IN_AT

from .test_admin import PASSWORD, make_editor

User = get_user_model()
LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


class ThrottlingTests(TestCase):
    def setUp(self):
        make_editor("alice")
        make_editor("bob")
        self.client = Client()

    def fail(self, times, username="alice", address="203.0.113.7"):
        for _ in range(times):
            response = sign_in(self.client, username, "wrong password", address)
            self.assertIn(response.status_code, {200, 429})
        return response

    def test_the_limit_of_wrong_passwords_pauses_the_account_even_for_the_right_one(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        response = sign_in(self.client, "alice", PASSWORD, "198.51.100.1")  # another address too
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "signing in is paused for 15 minutes", status_code=429)
        self.assertContains(response, "ask an administrator", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_paused_attempt_hashes_no_password(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        with mock.patch.object(User, "check_password", autospec=True) as check_password:
            for _ in range(10):
                self.assertEqual(sign_in(self.client, "alice", "wrong again").status_code, 429)
        self.assertEqual(check_password.call_count, 0)

    def test_one_address_trying_many_accounts_is_paused(self):
        for username in ["alice", "bob", "carol", "dave", "erin"]:
            self.fail(1, username=username)
        response = sign_in(self.client, "bob", PASSWORD)
        self.assertEqual(response.status_code, 429)
        # Bob from his own address is not held back by someone else's attempts on other accounts.
        self.assertRedirects(sign_in(Client(), "bob", PASSWORD, "198.51.100.9"), "/admin/")

    def test_fewer_failures_than_the_limit_leave_the_right_password_working(self):
        self.fail(settings.AXES_FAILURE_LIMIT - 1)
        self.assertRedirects(sign_in(self.client, "alice", PASSWORD), "/admin/")
        # A success starts the count again.
        self.assertFalse(AccessAttempt.objects.filter(username="alice", failures_since_start__gt=0).exists())

    def test_the_pause_ends_by_itself(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
        self.assertRedirects(sign_in(self.client, "alice", PASSWORD), "/admin/")

    def test_an_administrator_can_lift_the_pause_at_once(self):
        self.fail(settings.AXES_FAILURE_LIMIT)
        call_command("axes_reset", verbosity=0)
        self.assertRedirects(sign_in(self.client, "alice", PASSWORD), "/admin/")


class SessionLifetimeTests(TestCase):
    def setUp(self):
        make_editor("alice")
        self.client = Client()
        self.assertRedirects(sign_in(self.client, "alice", PASSWORD), "/admin/")

    def test_a_session_ends_after_two_hours_without_a_request(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, 2 * 60 * 60)
        self.assertEqual(self.client.session.get_expiry_age(), 2 * 60 * 60)

    def test_each_request_pushes_the_end_back(self):
        before = self.client.session.get_expiry_date()
        time.sleep(1.1)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertGreater(self.client.session.get_expiry_date(), before)

    def test_a_session_ends_after_the_most_days_whatever_the_activity(self):
        session = self.client.session
        session[SIGNED_IN_AT] = int(time.time() - (settings.SESSION_MAX_AGE_DAYS * 86400 + 60))
        session.save()
        response = self.client.get("/admin/")
        self.assertRedirects(response, "/admin/login/?next=/admin/")

    def test_a_recent_sign_in_stays(self):
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertIn(SIGNED_IN_AT, self.client.session)
