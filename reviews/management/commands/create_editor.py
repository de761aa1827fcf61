import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

EDITORS_GROUP = "Editors"
CREDENTIALS_FILE = "editor-credentials.txt"
# Where `make run` serves by default; the command only prints it.
DEFAULT_SITE_ROOT = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Create a local editor account for the admin: staff, in the Editors group, not a superuser, "
        f"with a random password kept in <LOCAL_DATA_DIR>/{CREDENTIALS_FILE} (mode 0600). "
        "Run again, it creates nothing and prints the same login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="Default: editor.")
        parser.add_argument(
            "--site-root",
            default=DEFAULT_SITE_ROOT,
            help=f"Where the site is served, for the printed login link. Default: {DEFAULT_SITE_ROOT}.",
        )

    def handle(self, *args, username, site_root, **options):
        User = get_user_model()
        username = username.strip()
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
        except ValidationError as error:
            raise CommandError(f"Invalid username {username!r}: {' '.join(error.messages)}") from None
        if not username:
            raise CommandError("The username cannot be empty.")
        credentials_path = settings.LOCAL_DATA_DIR / CREDENTIALS_FILE
        login_url = site_root.rstrip("/") + reverse("admin:index")

        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is not None:
            self.report_existing(user, credentials_path, login_url)
            return

        try:
            group = Group.objects.get(name=EDITORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(f"The {EDITORS_GROUP} group is missing: run `manage.py migrate` first.") from None

        password = secrets.token_urlsafe(18)
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(group)
            # Written inside the transaction: if the file cannot be written, no account
            # is left behind with a password nobody knows.
            save_credentials(credentials_path, username, password, login_url)

        self.stdout.write(self.style.SUCCESS(f"Created the editor account {username!r} (group {EDITORS_GROUP})."))
        self.print_login(login_url, username, password, credentials_path)

    def report_existing(self, user, credentials_path, login_url):
        username = user.get_username()
        password = read_credentials(credentials_path).get(username)
        if password is None:
            self.stdout.write(
                f"The account {username!r} already exists, but its password is not in {credentials_path}.\n"
                f"Set a new one with: DJANGO_DEBUG=true .venv/bin/python manage.py changepassword {username}"
            )
            return
        if not user.check_password(password):
            self.stdout.write(
                f"The account {username!r} already exists, but its password was changed since it was saved "
                f"in {credentials_path}.\n"
                f"Set a new one with: DJANGO_DEBUG=true .venv/bin/python manage.py changepassword {username}"
            )
            return
        self.stdout.write(f"The editor account {username!r} already exists.")
        self.print_login(login_url, username, password, credentials_path)

    def print_login(self, login_url, username, password, credentials_path):
        self.stdout.write(
            f"Log in to the admin at {login_url}\n"
            f"  username: {username}\n"
            f"  password: {password}\n"
            f"(kept in {credentials_path})"
        )


def read_credentials(path):
    """{username: password} from the credentials file; empty when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    credentials = {}
    username = None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "username":
            username = value.strip()
        elif key.strip() == "password" and username:
            credentials[username] = value.strip()
    return credentials


def save_credentials(path, username, password, login_url):
    """Append a login to the file, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    # O_CREAT's mode is filtered by the umask and ignored for an existing file.
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as credentials_file:
        if is_new:
            credentials_file.write(
                "# Local editor logins for the Film Archive admin, written by `manage.py create_editor`.\n"
                "# Never commit this file.\n"
            )
        credentials_file.write(f"\nurl: {login_url}\nusername: {username}\npassword: {password}\n")
