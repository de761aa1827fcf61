"""Kept counts and the page cache's purge keys.

- Film.published_review_count and TagUse, kept by reviews.counting's triggers, counted once here;
- reviews scheduled for the future get their own status (a published review is public, whatever
  the time: reviews/models/visibility.py);
- PendingPurge, the log that reviews.cache.writes' triggers fill with the keys each write names.

The triggers are not Django objects: reviews.database writes them again after every migrate.
"""

import django.db.models.deletion
from django.db.models.functions import Now
import django.db.models.expressions
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


def schedule_future_reviews(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Review.objects.filter(status="published", published_at__gt=Now()).update(status="scheduled")


def publish_scheduled_reviews(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Review.objects.filter(status="scheduled").update(status="published")


def install_triggers(apps, schema_editor):
    from reviews import counting
    from reviews.cache import writes

    counting.install()
    counting.recount()
    writes.install()  # after the count: counting every film is no edit to purge


def uninstall_triggers(apps, schema_editor):
    from reviews import counting
    from reviews.cache import writes

    writes.uninstall()
    counting.uninstall()


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_page_indexes'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingPurge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200)),
            ],
            options={
                'verbose_name': 'pending purge',
            },
        ),
        migrations.CreateModel(
            name='TagUse',
            fields=[
                ('tag', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='use', serialize=False, to='taggit.tag')),
                ('film_count', models.PositiveIntegerField(db_default=0)),
                ('review_count', models.PositiveIntegerField(db_default=0, help_text='Published reviews only.')),
                ('use_count', models.GeneratedField(db_persist=True, expression=django.db.models.expressions.CombinedExpression(models.F('film_count'), '+', models.F('review_count')), output_field=models.IntegerField())),
            ],
            options={
                'ordering': ['-use_count'],
            },
        ),
        migrations.AddField(
            model_name='film',
            name='published_review_count',
            field=models.PositiveIntegerField(db_default=0, editable=False, help_text='Kept by the database on every write (reviews/counting.py).'),
        ),
        migrations.AlterField(
            model_name='review',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('published', 'Published')], default='draft', max_length=10),
        ),
        migrations.AddIndex(
            model_name='film',
            index=models.Index(models.OrderBy(models.F('published_review_count'), descending=True), models.F('title'), django.db.models.functions.comparison.Coalesce('year', 9999, output_field=models.IntegerField()), models.F('id'), name='film_most_reviewed_idx'),
        ),
        migrations.AlterConstraint(
            model_name='review',
            name='review_published_has_date',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('published_at__isnull', False), _connector='OR'), name='review_published_has_date', violation_error_message='A published or scheduled review needs a publication time.'),
        ),
        migrations.AddIndex(
            model_name='taguse',
            index=models.Index(models.OrderBy(models.F('use_count'), descending=True), name='taguse_most_used_idx'),
        ),
        migrations.AddIndex(
            model_name='taguse',
            index=models.Index(models.OrderBy(models.F('film_count'), descending=True), name='taguse_most_used_on_films_idx'),
        ),
        migrations.RunPython(schedule_future_reviews, publish_scheduled_reviews, elidable=False),
        migrations.RunPython(install_triggers, uninstall_triggers, elidable=False),
    ]
