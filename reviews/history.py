"""The edit history of every archive record: django-reversion, and what it leaves to us.

Every archive model is registered here, with what a version of it carries along (`FOLLOW`):
a film's version holds its titles, credits, tag links and citations, so that reverting the
film restores them with it. The admin (reviews/admin/base.py, a VersionAdmin) records a
revision for every save, inline and action, by whom, with the values after; the values
before are the previous version.

Two moments django-reversion does not record by itself, recorded here with `record()`:
- before a record's first recorded change, its state as it was (made by an import, the demo
  loader or generate_archive, which keep no history), so the first change has a "before";
- right before a delete, the record and what it carries, so a deleted record can be restored
  (django-reversion only keeps versions of rows that still exist when the revision is saved).

Why django-reversion rather than django-simple-history: docs/editors.md.
"""

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router
from django.utils import timezone
from reversion.models import Revision, Version
from taggit.models import Tag

from reviews import models as archive

# What a version of each model carries along (the relations its admin page edits inline).
FOLLOW = {
    archive.Film: ("titles", "credits", "taggedfilm_set", "citations"),
    archive.FilmTitle: (),
    archive.Credit: (),
    archive.TaggedFilm: (),
    archive.Person: ("other_names", "citations"),
    archive.PersonName: (),
    archive.Country: (),
    archive.Citation: (),
    archive.Festival: ("awards",),
    archive.Award: (),
    archive.Edition: ("sections", "jury", "award_outcomes", "citations"),
    archive.Section: ("selections",),
    archive.Selection: (),
    archive.JuryMember: (),
    archive.AwardOutcome: ("awardrecipient_set", "citations"),
    archive.AwardRecipient: (),
    archive.Source: (),
    archive.Review: ("taggedreview_set",),
    archive.FormerAddress: (),
    archive.TaggedReview: (),
    Tag: (),
}

FORMAT = "json"  # django-reversion's default, which its revert reads


def register_models():
    """Called once from the app's ready(), after the admin's: these registrations replace the
    ones VersionAdmin makes by itself from a page's inlines (which miss the tag links)."""
    import reversion

    for model, follow in FOLLOW.items():
        if reversion.is_registered(model):
            reversion.unregister(model)
        reversion.register(model, follow=follow, format=FORMAT)


def with_followed(objects):
    """`objects` and, recursively, what their versions carry (each once)."""
    seen = {}
    pending = list(objects)
    while pending:
        obj = pending.pop()
        key = (type(obj), obj.pk)
        if key in seen or obj.pk is None:
            continue
        seen[key] = obj
        for name in FOLLOW.get(type(obj), ()):
            pending.extend(getattr(obj, name).all())
    return list(seen.values())


def record(objects, *, comment, user=None):
    """Save a revision holding the current state of `objects` and what they carry, now.

    Unlike django-reversion's create_revision(), which saves at the end of its block and only
    rows still present then, this writes at once: it can run inside an admin view's own
    revision block, and right before a delete.
    """
    objects = with_followed(objects)
    if not objects:
        return None
    revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
    Version.objects.bulk_create(
        Version(
            revision=revision,
            object_id=str(obj.pk),
            content_type=ContentType.objects.get_for_model(obj),
            db=router.db_for_write(type(obj), instance=obj),
            format=FORMAT,
            serialized_data=serializers.serialize(FORMAT, [obj]),
            object_repr=str(obj)[:191],
        )
        for obj in objects
    )
    return revision


def has_history(obj):
    return Version.objects.get_for_object(obj).exists()


FIRST_STATE = "As it was before its first recorded change."


def record_first_state(obj):
    """Before the first recorded change of a record made without history, keep how it was."""
    if obj.pk is not None and not has_history(obj):
        record([obj], comment=FIRST_STATE)


# --- Reading the history: what a version changed ---------------------------------------------

LONG_VALUE = 120  # characters: longer values are shown by their beginning and length


def _shown(field, value):
    """A stored value as an editor reads it: a choice's label, a related record's name, a short text."""
    if value is None or value == "" or value == []:
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        manager = field.related_model._base_manager
        if field.many_to_many:
            return ", ".join(str(record) for record in manager.filter(pk__in=value)) or "—"
        record = manager.filter(pk=value).first()
        return str(record) if record is not None else f"#{value} (deleted)"
    text = str(value)
    if len(text) > LONG_VALUE:
        return f"“{text[:60]}…” ({len(text):,} characters)"
    return text


def _relation(model, accessor):
    """The relation behind `model.<accessor>`: a reverse foreign key (by its accessor name) or a GenericRelation."""
    for relation in model._meta.related_objects:
        if relation.get_accessor_name() == accessor:
            return relation
    return model._meta.get_field(accessor)


def _rows_of(version):
    """The versions of the rows that `version`'s record carried in the same revision."""
    model = version.content_type.model_class()
    links = {}  # row model → the field of the row pointing at the record
    for name in FOLLOW.get(model, ()):
        relation = _relation(model, name)
        field = getattr(relation, "object_id_field_name", None) or relation.field.attname
        links[relation.related_model] = field
    rows = {}
    for row in version.revision.version_set.select_related("content_type"):
        row_model = row.content_type.model_class()
        field = links.get(row_model)
        if field and str(row.field_dict.get(field)) == str(version.object_id):
            rows[(row_model, row.object_id)] = row
    return rows


def changes(newer, older):
    """What `newer` changed since `older` (None: the first version), as lines an editor reads."""
    model = newer.content_type.model_class()
    if older is None:
        return ["First recorded version."]
    lines = []
    before, after = older.field_dict, newer.field_dict
    for field in model._meta.get_fields():
        if not field.concrete or field.name in {"updated_at", "updated_by"} or field.auto_created:
            continue
        name = field.attname  # as django-reversion's field_dict names it (a many-to-many: its name)
        if name in after and before.get(name) != after.get(name):
            label = str(field.verbose_name)
            lines.append(
                f"{label[:1].upper()}{label[1:]}: {_shown(field, before.get(name))} → {_shown(field, after.get(name))}"
            )
    older_rows, newer_rows = _rows_of(older), _rows_of(newer)
    for key in sorted(older_rows.keys() | newer_rows.keys(), key=lambda key: (key[0]._meta.verbose_name, key[1])):
        row_model = key[0]._meta.verbose_name
        if key not in older_rows:
            lines.append(f"Added {row_model} “{newer_rows[key].object_repr}”")
        elif key not in newer_rows:
            lines.append(f"Removed {row_model} “{older_rows[key].object_repr}”")
        elif older_rows[key].field_dict != newer_rows[key].field_dict:
            lines.append(f"Changed {row_model} “{newer_rows[key].object_repr}”")
    return lines or ["No change to what is kept (saved as it was)."]
