"""The "Editors" group: everything in the archive, nothing of user management.

Permissions are normally created by a post_migrate signal, i.e. after every migration
has run, so on a fresh database they do not exist yet when this migration runs:
create_permissions() is called here for the apps whose permissions the group needs.

A model added to the archive later needs its own data migration granting its four
permissions to this group (test_editors_group checks that none is forgotten).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
ACTIONS = ("add", "change", "delete", "view")
# Apps whose every model editors curate. Nothing from auth, contenttypes, sessions or admin.
EDITED_APPS = ("reviews",)
# Single models of other apps that editors curate.
EDITED_MODELS = (("taggit", "tag"),)
# Models of those apps that the database alone writes (kept counts, the page cache's log).
UNEDITED_MODELS = ("taguse", "pendingpurge")


def editor_permissions(apps, using):
    """The exact permissions of the group, looked up (so a missing one fails loudly)."""
    Permission = apps.get_model("auth", "Permission")
    models = [
        (app_label, model._meta.model_name)
        for app_label in EDITED_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model._meta.model_name not in UNEDITED_MODELS
    ]
    models += EDITED_MODELS
    permissions = []
    for app_label, model_name in models:
        for action in ACTIONS:
            permissions.append(
                Permission.objects.using(using).get(content_type__app_label=app_label, codename=f"{action}_{model_name}")
            )
    return permissions


def ensure_permissions_exist(apps, using):
    for app_label in {*EDITED_APPS, *(label for label, _ in EDITED_MODELS)}:
        app_config = apps.get_app_config(app_label)
        # create_permissions() skips app configs without a models module, as historical
        # (migration state) ones are: borrow the flag for the call.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = models_module


def create_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions_exist(apps, using)
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=GROUP_NAME)
    # set(), not add(): a hand-made group of the same name loses anything beyond editing.
    group.permissions.set(editor_permissions(apps, using))


def remove_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Group.objects.using(using).filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(create_editors_group, remove_editors_group),
    ]
