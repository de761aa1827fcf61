"""The editors' dashboard on the admin's home page: its lists, their links, their query counts."""

from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.test import TestCase
from django.utils import timezone

from reviews.models import Film, Review

from .factories import make_film, make_review
from .test_admin import make_editor

DASHBOARD = "/admin/"


def make_placeholder(imdb_id):
    """A film as an import makes it for an unknown IMDb id (reviews.importing._resolve_films)."""
    return Film.objects.create(title=f"IMDb {imdb_id}", year=None, slug=f"imdb-{imdb_id}", imdb_id=imdb_id)


def log_change(user, record, when=None):
    entry = LogEntry.objects.log_actions(user.pk, [record], CHANGE, change_message="[]", single_object=True)
    if when is not None:
        LogEntry.objects.filter(pk=entry.pk).update(action_time=when)
    return entry


class EmptyArchiveTests(TestCase):
    def test_it_renders_every_list_empty_with_the_app_list(self):
        self.client.force_login(make_editor())
        response = self.client.get(DASHBOARD)
        self.assertContains(response, "Drafts waiting (0)")
        self.assertContains(response, "No drafts: nothing waiting.")
        self.assertContains(response, "No review is scheduled.")
        self.assertContains(response, "No placeholder films: every imported review has its film.")
        self.assertContains(response, "No changes made in the admin yet.")
        self.assertContains(response, "Your recent work")
        self.assertContains(response, 'href="/admin/reviews/film/"')  # Django's app list stays
        self.assertNotContains(response, "All 0")


class DashboardListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.other = make_editor("bob")
        now = timezone.now()
        cls.old_draft = make_review(headline="Old draft", status=Review.Status.DRAFT)
        Review.objects.filter(pk=cls.old_draft.pk).update(created_at=now - timedelta(days=12))
        cls.new_draft = make_review(headline="", body="Fresh words of a new draft here.", status=Review.Status.DRAFT)
        cls.scheduled = make_review(headline="Coming soon", status=Review.Status.DRAFT)
        cls.scheduled.publish(now + timedelta(days=3))
        cls.scheduled.save()
        cls.published = make_review(headline="Already public")
        cls.placeholder = make_placeholder("tt0050634")
        make_review(film=cls.placeholder, headline="On a placeholder", status=Review.Status.DRAFT)
        make_review(film=cls.placeholder, headline="Another on it", status=Review.Status.DRAFT)
        log_change(cls.other, cls.published, now - timedelta(hours=2))
        log_change(cls.editor, cls.old_draft, now - timedelta(hours=1))

    def setUp(self):
        self.client.force_login(self.editor)

    def section(self, response, name):
        html = response.content.decode()
        start = html.index(f'id="dashboard-{name}"')
        return html[start : html.index("</div>", start)]

    def test_drafts_are_listed_oldest_first_with_their_age(self):
        drafts = self.section(self.client.get(DASHBOARD), "drafts")
        self.assertIn("Drafts waiting (4)", drafts)
        self.assertLess(drafts.index("Old draft"), drafts.index("Fresh words"))
        self.assertIn("1\xa0week, 5\xa0days", drafts)  # twelve days waiting
        self.assertIn(f'href="/admin/reviews/review/{self.old_draft.pk}/change/"', drafts)
        self.assertIn("“Fresh words of a new draft here.”", drafts)  # no headline: its opening words
        self.assertIn('href="/admin/reviews/review/?status__exact=draft">All 4 drafts →', drafts)
        self.assertNotIn("Coming soon", drafts)
        self.assertNotIn("Already public", drafts)

    def test_scheduled_reviews_are_listed_by_publication_time(self):
        scheduled = self.section(self.client.get(DASHBOARD), "scheduled")
        self.assertIn("Coming soon", scheduled)
        self.assertIn('href="/admin/reviews/review/?status__exact=scheduled">All 1 scheduled reviews →', scheduled)
        self.assertNotIn("Old draft", scheduled)

    def test_placeholder_films_are_listed_with_links_to_attach_and_merge(self):
        placeholders = self.section(self.client.get(DASHBOARD), "placeholders")
        self.assertIn("Reviews on placeholder films (2)", placeholders)
        self.assertIn(f'href="/admin/reviews/film/{self.placeholder.pk}/change/">IMDb tt0050634', placeholders)
        self.assertIn(f'href="/admin/reviews/review/?film__id__exact={self.placeholder.pk}">2 to attach', placeholders)
        all_reviews = 'href="/admin/reviews/review/?placeholder=yes">All 2 reviews on placeholder films →'
        self.assertIn(all_reviews, placeholders)
        self.assertIn('href="/admin/reviews/film/?decade=unknown">All 1 placeholder films →', placeholders)

    def test_the_all_links_lead_to_lists_holding_exactly_those_reviews(self):
        listed = self.client.get("/admin/reviews/review/?placeholder=yes")
        self.assertEqual(listed.context["cl"].result_count, 2)
        self.assertContains(listed, "On a placeholder")
        self.assertEqual(self.client.get("/admin/reviews/review/?status__exact=draft").context["cl"].result_count, 4)
        self.assertEqual(self.client.get("/admin/reviews/film/?decade=unknown").context["cl"].result_count, 1)

    def test_recent_changes_show_everyone_newest_first_with_who(self):
        changes = self.section(self.client.get(DASHBOARD), "changes")
        self.assertLess(changes.index("Old draft"), changes.index("Already public"))
        self.assertIn("bob", changes)
        self.assertIn(f'href="/admin/reviews/review/{self.published.pk}/change/"', changes)

    def test_recent_changes_leave_out_user_accounts(self):
        # Administrators' business, and a page editors may not open.
        log_change(self.other, self.other)
        changes = self.section(self.client.get(DASHBOARD), "changes")
        self.assertNotIn("/admin/auth/user/", changes)

    def test_the_sidebar_shows_the_editors_own_work_only(self):
        response = self.client.get(DASHBOARD)
        html = response.content.decode()
        sidebar = html[html.index('id="recent-actions-module"') :]
        self.assertIn("Your recent work", sidebar)
        self.assertIn("Old draft", sidebar)
        self.assertNotIn("Already public", sidebar)

    def test_staff_without_archive_permissions_get_djangos_page(self):
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.create_user("staff", is_staff=True)
        self.client.force_login(staff)
        response = self.client.get(DASHBOARD)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Drafts waiting")
        self.assertContains(response, "Recent actions")


class DashboardQueryCountTests(TestCase):
    """The dashboard runs the same queries with one row per list as with many."""

    # session, user, the editor's permissions (user's, group's), drafts and their count,
    # scheduled and their count, placeholder films, their count, their reviews' count,
    # recent changes, the editor's own; the session saved (savepoint, update, release).
    QUERIES = 16

    def fill(self, count):
        editor = make_editor(f"editor{count}")
        for number in range(count):
            make_review(headline=f"Draft {number}", status=Review.Status.DRAFT)
            scheduled = make_review(headline=f"Scheduled {number}", status=Review.Status.DRAFT)
            scheduled.publish(timezone.now() + timedelta(days=1 + number))
            scheduled.save()
            placeholder = make_placeholder(f"tt{1000000 + number}")
            make_review(film=placeholder, status=Review.Status.DRAFT)
            log_change(editor, make_film())
        return editor

    def assert_fixed_queries(self, count):
        self.client.force_login(self.fill(count))
        with self.assertNumQueries(self.QUERIES):
            response = self.client.get(DASHBOARD)
        self.assertEqual(response.status_code, 200)
        return response

    def test_with_one_row_per_list(self):
        self.assert_fixed_queries(1)

    def test_with_many_rows_per_list(self):
        response = self.assert_fixed_queries(12)
        self.assertContains(response, "All 24 drafts →")  # the scheduled are not; placeholder ones are
        self.assertEqual(len(response.context["recent_changes"]), 8)

    def test_with_an_empty_archive(self):
        self.client.force_login(make_editor())
        with self.assertNumQueries(self.QUERIES):
            self.client.get(DASHBOARD)
