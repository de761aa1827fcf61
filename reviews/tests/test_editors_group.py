import importlib

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase
from taggit.models import Tag

editors_migration = importlib.import_module("reviews.migrations.0002_editors_group")
former_addresses_migration = importlib.import_module("reviews.migrations.0009_dashboard_and_former_addresses")
# Migrations granting editors the models added after 0002: (name, function).
LATER_GRANTS = [
    ("0009_dashboard_and_former_addresses", former_addresses_migration.grant_editors_former_addresses),
]


def codenames(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions.select_related("content_type")}


def edited_models():
    """The reviews app's models but those only the database writes."""
    return [
        model
        for model in global_apps.get_app_config("reviews").get_models()
        if model._meta.model_name not in editors_migration.UNEDITED_MODELS
    ]


def expected_codenames():
    models = [*edited_models(), Tag]
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in models
        for action in ("add", "change", "delete", "view")
    }


class EditorsGroupTests(TestCase):
    def test_migrate_creates_the_group_with_exactly_the_editing_permissions(self):
        group = Group.objects.get(name="Editors")
        self.assertEqual(codenames(group.permissions), expected_codenames())

    def test_every_archive_model_is_in_the_group(self):
        # Fails when a model is added without a migration granting it to editors.
        granted = codenames(Group.objects.get(name="Editors").permissions)
        for model in edited_models():
            with self.subTest(model=model.__name__):
                self.assertIn(f"reviews.change_{model._meta.model_name}", granted)

    def test_editors_get_nothing_of_user_management_or_the_framework(self):
        group = Group.objects.get(name="Editors")
        forbidden = group.permissions.filter(content_type__app_label__in=["auth", "contenttypes", "sessions", "admin"])
        self.assertFalse(forbidden.exists())

    def test_the_migration_is_idempotent(self):
        schema_editor = connection.schema_editor()
        editors_migration.create_editors_group(global_apps, schema_editor)
        editors_migration.create_editors_group(global_apps, schema_editor)
        self.assertEqual(Group.objects.filter(name="Editors").count(), 1)
        self.assertEqual(codenames(Group.objects.get(name="Editors").permissions), expected_codenames())

    def test_it_strips_a_hand_made_editors_group_of_anything_beyond_editing(self):
        group = Group.objects.get(name="Editors")
        group.permissions.add(Permission.objects.get(codename="add_user"))
        editors_migration.create_editors_group(global_apps, connection.schema_editor())
        self.assertEqual(codenames(group.permissions), expected_codenames())

    def test_the_migration_is_reversible(self):
        schema_editor = connection.schema_editor()
        editors_migration.remove_editors_group(global_apps, schema_editor)
        self.assertFalse(Group.objects.filter(name="Editors").exists())
        editors_migration.create_editors_group(global_apps, schema_editor)
        self.assertEqual(codenames(Group.objects.get(name="Editors").permissions), expected_codenames())

    def test_it_creates_missing_permissions_from_the_historical_models(self):
        # On a fresh database the post_migrate signal has not created permissions yet.
        Permission.objects.filter(content_type__app_label__in=["reviews", "taggit"]).delete()
        Group.objects.filter(name="Editors").delete()
        state = MigrationLoader(connection).project_state(("reviews", "0002_editors_group"))
        editors_migration.create_editors_group(state.apps, connection.schema_editor())
        # Models added later are granted by their own migrations, each with its own historical models.
        for name, grant in LATER_GRANTS:
            state = MigrationLoader(connection).project_state(("reviews", name))
            grant(state.apps, connection.schema_editor())
        self.assertEqual(codenames(Group.objects.get(name="Editors").permissions), expected_codenames())
