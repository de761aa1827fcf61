"""Stored addresses of other sites are http(s) only, checked by the database too; review texts have a size limit;
`updated_at` is set by Stamped.save() rather than auto_now, so that a restore keeps the times it restores.

An address with another scheme (ftp:, javascript:, data:) that reached the database before
is emptied first: the constraint could not be added over it, and no page may link to it.
"""

from django.conf import settings
from django.db import migrations, models

import django.utils.timezone

import reviews.models.common
import reviews.models.reviews

WEB_ADDRESSES = [("Citation", "url"), ("Festival", "website"), ("Review", "source_url"), ("Source", "url")]


def empty_other_schemes(apps, schema_editor):
    for model_name, field in WEB_ADDRESSES:
        web = models.Q(**{field: ""}) | models.Q(**{f"{field}__istartswith": "http://"})
        web |= models.Q(**{f"{field}__istartswith": "https://"})
        apps.get_model("reviews", model_name).objects.exclude(web).update(**{field: ""})


def drop_triggers_on_sqlite(apps, schema_editor):
    """SQLite rebuilds the reviews table below, and a trigger of another table naming it would
    break the rebuild's rename. reviews.database.restore_after_migrate writes them all again."""
    if schema_editor.connection.vendor == "sqlite":
        from reviews import counting
        from reviews.cache import writes

        counting.uninstall()
        writes.uninstall()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0005_counts_and_purge_keys"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_triggers_on_sqlite, migrations.RunPython.noop),
        migrations.RunPython(empty_other_schemes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="award",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="awardoutcome",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="edition",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="festival",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="film",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="person",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="review",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="source",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AlterField(
            model_name="review",
            name="body",
            field=models.TextField(
                help_text="The text exactly as received. Only <br /> is read as markup.",
                validators=[reviews.models.reviews.validate_body_size],
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="url",
            field=reviews.models.common.WebURLField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name="festival",
            name="website",
            field=reviews.models.common.WebURLField(blank=True),
        ),
        migrations.AlterField(
            model_name="review",
            name="source_url",
            field=reviews.models.common.WebURLField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name="source",
            name="url",
            field=reviews.models.common.WebURLField(blank=True),
        ),
        migrations.AddConstraint(
            model_name="citation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("url", ""), ("url__istartswith", "http://"), ("url__istartswith", "https://"), _connector="OR"
                ),
                name="citation_url_is_web",
                violation_error_message="Enter a web address beginning with http:// or https://.",
            ),
        ),
        migrations.AddConstraint(
            model_name="festival",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("website", ""),
                    ("website__istartswith", "http://"),
                    ("website__istartswith", "https://"),
                    _connector="OR",
                ),
                name="festival_website_is_web",
                violation_error_message="Enter a web address beginning with http:// or https://.",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("source_url", ""),
                    ("source_url__istartswith", "http://"),
                    ("source_url__istartswith", "https://"),
                    _connector="OR",
                ),
                name="review_source_url_is_web",
                violation_error_message="Enter a web address beginning with http:// or https://.",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("url", ""), ("url__istartswith", "http://"), ("url__istartswith", "https://"), _connector="OR"
                ),
                name="source_url_is_web",
                violation_error_message="Enter a web address beginning with http:// or https://.",
            ),
        ),
    ]
