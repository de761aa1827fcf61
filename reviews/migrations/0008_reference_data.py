"""Reference data: every country (ISO 3166-1 and the former countries of ISO 3166-3) with the
other names they are searched by, each source's rating scale, and the built-in source of the
archive's own writing.

The countries come from 0008_countries.json, frozen with this migration (scripts/
make_country_list.py wrote it): a later change to the list is a new migration with a file of
its own. Loading is safe on any database, run any number of times: a country is matched by
its code; one that exists keeps its name (an editor may have chosen it) and its years, and
gains the list's names as other names; a country whose name is held by a record with a code
outside the list (a home-made code) is that record, which takes the ISO code; a name held by
another listed country gets the code after it.
"""

import json
from pathlib import Path

from django.db import migrations, models
from django.db.models import Count

COUNTRIES_FILE = Path(__file__).with_name("0008_countries.json")

BUILT_IN_SOURCE = {
    "slug": "film-archive-editors",
    "name": "Film Archive editors",
    "description": "Reviews written by the archive's own editors.",
    "rating_scale": 5,
}


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _with_names(other_names, names, own_name):
    """`other_names` (text, one a line) with `names` added, each once, never the record's own name."""
    lines = _lines(other_names)
    seen = {line.casefold() for line in lines} | {own_name.casefold()}
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            lines.append(name)
    return "\n".join(lines)


def load_countries(apps, schema_editor):
    Country = apps.get_model("reviews", "Country")
    countries = Country.objects.using(schema_editor.connection.alias)
    listed = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    listed_codes = {row["code"] for row in listed}
    by_code = {country.code: country for country in countries.all()}
    by_name = {country.name: country for country in by_code.values()}
    new = []
    for row in listed:
        country = by_code.get(row["code"])
        held = by_name.get(row["name"])
        if country is None and held is not None and held.code not in listed_codes:
            country, country.code = held, row["code"]
            by_code[country.code] = country
        if country is None:
            name = row["name"] if held is None else f"{row['name']} ({row['code']})"
            country = Country(
                code=row["code"],
                name=name,
                other_names=_with_names("", [row["name"], *row["other_names"]], name),
                start_year=row["start_year"],
                end_year=row["end_year"],
            )
            new.append(country)
            by_code[country.code] = by_name[name] = country
            continue
        before = (country.code, country.other_names, country.start_year, country.end_year)
        country.other_names = _with_names(country.other_names, [row["name"], *row["other_names"]], country.name)
        country.start_year = country.start_year if country.start_year is not None else row["start_year"]
        country.end_year = country.end_year if country.end_year is not None else row["end_year"]
        if (country.code, country.other_names, country.start_year, country.end_year) != before:
            country.save()
    countries.bulk_create(new)


def set_source_scales(apps, schema_editor):
    """Each source's scale is the one most of its reviews were given on (10 when it has none)."""
    Review = apps.get_model("reviews", "Review")
    Source = apps.get_model("reviews", "Source")
    using = schema_editor.connection.alias
    usual = {}
    for row in (
        Review.objects.using(using)
        .values("source", "rating_scale")
        .annotate(reviews=Count("pk"))
        .order_by("source", "-reviews", "rating_scale")
    ):
        usual.setdefault(row["source"], row["rating_scale"])
    for scale in set(usual.values()):
        sources = [source for source, its_scale in usual.items() if its_scale == scale]
        Source.objects.using(using).filter(pk__in=sources).update(rating_scale=scale)


def create_built_in_source(apps, schema_editor):
    """The archive's own editors: found by slug (the demo made it), else by name, else made."""
    Source = apps.get_model("reviews", "Source")
    sources = Source.objects.using(schema_editor.connection.alias)
    source = (
        sources.filter(slug=BUILT_IN_SOURCE["slug"]).first() or sources.filter(name=BUILT_IN_SOURCE["name"]).first()
    )
    if source is None:
        sources.create(**BUILT_IN_SOURCE)
        return
    updates = {"slug": BUILT_IN_SOURCE["slug"]}
    if not source.reviews.exists():
        updates["rating_scale"] = BUILT_IN_SOURCE["rating_scale"]
    sources.filter(pk=source.pk).update(**updates)


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0007_review_help_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='country',
            name='other_names',
            field=models.TextField(blank=True, help_text='Other names to find it by, one a line: official and ISO names, the alpha-3 code, names in its own languages, abbreviations (USSR, СССР).'),
        ),
        migrations.AddField(
            model_name='source',
            name='rating_scale',
            field=models.PositiveSmallIntegerField(choices=[(5, '0.5–5 stars (Letterboxd)'), (10, '1–10 (IMDb)'), (100, '0–100')], default=10, help_text='The scale its ratings are given on: a new review of this source takes it.'),
        ),
        migrations.RunPython(load_countries, migrations.RunPython.noop),
        migrations.RunPython(set_source_scales, migrations.RunPython.noop),
        migrations.RunPython(create_built_in_source, migrations.RunPython.noop),
    ]
