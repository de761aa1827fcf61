"""Search: the index objects of reviews.search.schema, for the database's engine.

PostgreSQL: unaccent and pg_trgm, a stored tsvector on reviews kept by triggers, GIN
indexes (full text on reviews, trigrams on titles and names). SQLite: FTS5 tables kept
by triggers. None of it is a Django field, so the models' state does not change.

schema.install() is idempotent (IF NOT EXISTS, CREATE OR REPLACE): a later change to
the search objects comes with its own migration calling it again.
"""

from django.db import migrations


def install(apps, schema_editor):
    from reviews.search import schema

    schema.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from reviews.search import schema

    schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_editors_group"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
