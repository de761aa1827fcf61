"""The editors' dashboard (an index for drafts by age) and former addresses (placeholder merges).

Depends on 0007 for now; other parts of issue 12 add 0008 and 0009 (the integrator chains them).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models


editors_group = importlib.import_module("reviews.migrations.0002_editors_group")


def grant_editors_former_addresses(apps, schema_editor):
    """Editors may see and remove former addresses, like every record of the archive (0002)."""
    using = schema_editor.connection.alias
    editors_group.ensure_permissions_exist(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="reviews",
        codename__in=[f"{action}_formeraddress" for action in editors_group.ACTIONS],
    )
    for group in Group.objects.using(using).filter(name=editors_group.GROUP_NAME):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0008_reference_data'),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='FormerAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('film_slug', models.SlugField(help_text="The film's slug in the former address.", max_length=320)),
                ('review_slug', models.SlugField(blank=True, help_text="The review's slug in it; empty for a film's page.", max_length=120)),
            ],
            options={
                'verbose_name_plural': 'former addresses',
                'ordering': ['film_slug', 'review_slug'],
            },
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(('status', 'draft')), fields=['created_at', 'id'], name='review_draft_age_idx'),
        ),
        migrations.AddField(
            model_name='formeraddress',
            name='film',
            field=models.ForeignKey(blank=True, help_text='Now at this film.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='reviews.film'),
        ),
        migrations.AddField(
            model_name='formeraddress',
            name='review',
            field=models.ForeignKey(blank=True, help_text='Now at this review.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='reviews.review'),
        ),
        migrations.AddConstraint(
            model_name='formeraddress',
            constraint=models.UniqueConstraint(fields=('film_slug', 'review_slug'), name='formeraddress_unique', violation_error_message='This address already leads somewhere.'),
        ),
        migrations.AddConstraint(
            model_name='formeraddress',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('film__isnull', False), ('review__isnull', True), ('review_slug', '')), models.Q(models.Q(('review_slug', ''), _negated=True), ('film__isnull', True), ('review__isnull', False)), _connector='OR'), name='formeraddress_film_or_review', violation_error_message="A film's former address leads to a film, a review's to a review."),
        ),
        migrations.RunPython(grant_editors_former_addresses, migrations.RunPython.noop),
    ]
