import stat
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

User = get_user_model()


class CreateEditorTests(TestCase):
    def setUp(self):
        data_dir = tempfile.TemporaryDirectory()
        self.addCleanup(data_dir.cleanup)
        self.data_dir = Path(data_dir.name)
        self.credentials = self.data_dir / "editor-credentials.txt"
        settings_override = override_settings(LOCAL_DATA_DIR=self.data_dir)
        settings_override.enable()
        self.addCleanup(settings_override.disable)

    def run_command(self, *args):
        out = StringIO()
        call_command("create_editor", *args, stdout=out)
        return out.getvalue()

    def printed_password(self, output):
        return next(line.split(":", 1)[1].strip() for line in output.splitlines() if "password:" in line)

    def test_it_creates_a_staff_editor_who_is_not_a_superuser(self):
        self.run_command()
        editor = User.objects.get(username="editor")
        self.assertTrue(editor.is_staff)
        self.assertTrue(editor.is_active)
        self.assertFalse(editor.is_superuser)
        self.assertEqual(list(editor.groups.values_list("name", flat=True)), ["Editors"])
        self.assertEqual(editor.user_permissions.count(), 0)

    def test_it_prints_how_to_log_in_with_a_working_random_password(self):
        output = self.run_command()
        password = self.printed_password(output)
        self.assertIn("http://127.0.0.1:8000/admin/", output)
        self.assertIn("username: editor", output)
        self.assertGreaterEqual(len(password), 20)
        self.assertTrue(User.objects.get(username="editor").check_password(password))
        # Signed in through the admin's own form, as the editor will.
        response = self.client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})
        self.assertRedirects(response, "/admin/")

    def test_each_account_gets_its_own_random_password(self):
        first = self.printed_password(self.run_command("--username", "editor-a"))
        second = self.printed_password(self.run_command("--username", "editor-b"))
        self.assertNotEqual(first, second)

    def test_it_keeps_the_login_in_a_file_only_its_owner_can_read(self):
        password = self.printed_password(self.run_command())
        self.assertEqual(stat.S_IMODE(self.credentials.stat().st_mode), 0o600)
        text = self.credentials.read_text()
        self.assertIn("username: editor\n", text)
        self.assertIn(f"password: {password}\n", text)
        self.assertIn("url: http://127.0.0.1:8000/admin/", text)

    def test_running_it_again_creates_nothing_and_prints_the_same_login(self):
        first = self.run_command()
        second = self.run_command()
        self.assertEqual(User.objects.count(), 1)
        self.assertIn("already exists", second)
        self.assertEqual(self.printed_password(second), self.printed_password(first))
        self.assertEqual(self.credentials.read_text().count("username: editor"), 1)

    def test_without_the_file_it_says_how_to_reset_the_password(self):
        self.run_command()
        self.credentials.unlink()
        output = self.run_command()
        self.assertEqual(User.objects.count(), 1)
        self.assertIn("manage.py changepassword editor", output)
        self.assertNotIn("password:", output)

    def test_a_password_changed_since_is_not_printed_as_if_it_worked(self):
        self.run_command()
        editor = User.objects.get(username="editor")
        editor.set_password("changed-by-hand-1234")
        editor.save()
        output = self.run_command()
        self.assertIn("manage.py changepassword editor", output)
        self.assertNotIn("password:", output)

    def test_a_second_editor_keeps_the_first_ones_login(self):
        first = self.printed_password(self.run_command())
        self.run_command("--username", "maria")
        again = self.run_command()
        self.assertEqual(self.printed_password(again), first)
        self.assertEqual(set(User.objects.values_list("username", flat=True)), {"editor", "maria"})

    def test_it_leaves_an_existing_account_untouched(self):
        admin = User.objects.create_superuser("root", password="kept-as-it-is-1234")
        output = self.run_command("--username", "root")
        admin.refresh_from_db()
        self.assertTrue(admin.check_password("kept-as-it-is-1234"))
        self.assertFalse(admin.groups.exists())
        self.assertIn("changepassword root", output)
        self.assertFalse(self.credentials.exists())

    def test_it_refuses_an_invalid_username(self):
        with self.assertRaisesMessage(CommandError, "Invalid username"):
            self.run_command("--username", "no spaces\nplease")
        self.assertFalse(User.objects.exists())

    def test_it_says_to_migrate_when_the_editors_group_is_missing(self):
        Group.objects.filter(name="Editors").delete()
        with self.assertRaisesMessage(CommandError, "manage.py migrate"):
            self.run_command()
        self.assertFalse(User.objects.exists())
        self.assertFalse(self.credentials.exists())
