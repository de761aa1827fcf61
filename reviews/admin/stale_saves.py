"""Refusing a save made from a form opened before someone else changed the record.

A change form carries, in a hidden field, the record as it was when the form was opened:
its fields (long texts by their hash) and a digest of each row its page edits inline (the
relations reviews.history.FOLLOW names: a film's titles, credits, tag links, citations).
On save, the record is locked and read again; if anything differs, nothing is written and
the form comes back with the editor's input, a message naming what changed and who changed
it, and the current state in the hidden field: saving again is then a deliberate choice.

No version column: the state is compared, so a change made anywhere (another admin page,
an import, a shell) counts, and there is nothing to keep in step on every write path.
"""

import hashlib
import json

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import localize
from django.utils.text import get_text_list
from reversion.models import Revision, Version

from reviews import history

from .widgets import UnlabelledHiddenInput

FIELD_NAME = "opened_state"
SHORT_VALUE = 200  # longer values travel as their hash: a review's text would double the form


def _short(value):
    text = json.dumps(value, sort_keys=True, default=str)
    if len(text) <= SHORT_VALUE:
        return value
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _fields(obj):
    [serialized] = serializers.serialize("python", [obj])
    return serialized["fields"]


def current_state(obj):
    """What the hidden field holds: the record's fields and a digest of each row edited with it."""
    rows = {}
    for row in history.with_followed([obj]):
        if row is obj:
            continue
        digest = hashlib.sha256(encode(_fields(row)).encode()).hexdigest()
        rows[f"{row._meta.label_lower}:{row.pk}"] = digest
    state = {
        "at": timezone.now().isoformat(),
        "fields": {name: _short(value) for name, value in _fields(obj).items() if name not in IGNORED_FIELDS},
        "rows": rows,
    }
    return json.loads(encode(state))  # as it comes back from the form: dates and numbers as JSON has them


# Stamps change with every save; the fields they stamp tell what changed.
IGNORED_FIELDS = {"updated_at", "updated_by"}


def encode(state):
    return json.dumps(state, sort_keys=True, default=str)


def read_opened(text):
    """The state a form came back with, and when it was opened; None if it is not one (damaged, forged)."""
    try:
        opened = json.loads(text)
        opened_at = parse_datetime(opened["at"])
    except (ValueError, TypeError, KeyError):
        return None
    if opened_at is None or not (isinstance(opened.get("fields"), dict) and isinstance(opened.get("rows"), dict)):
        return None
    return opened, opened_at


def describe_changes(model, opened, current):
    """What differs between two states, in words: changed fields, and rows changed, added, removed."""
    parts = []
    for name, value in current["fields"].items():
        if opened["fields"].get(name, value) != value:
            label = str(model._meta.get_field(name).verbose_name)
            shown = isinstance(value, str | int) and not str(value).startswith("sha256:")
            parts.append(f"{label}, now “{value}”" if shown and value != "" else label)
    changed_rows = {}
    opened_rows, current_rows = opened["rows"], current["rows"]
    for key in opened_rows.keys() | current_rows.keys():
        if opened_rows.get(key) == current_rows.get(key):
            continue
        label = key.split(":", 1)[0]
        what = "added" if key not in opened_rows else "removed" if key not in current_rows else "changed"
        changed_rows.setdefault(label, []).append(what)
    for label, whats in sorted(changed_rows.items()):
        noun = apps.get_model(label)._meta.verbose_name_plural
        counts = ", ".join(f"{whats.count(what)} {what}" for what in ("changed", "added", "removed") if what in whats)
        parts.append(f"{noun} ({counts})")
    return parts


def changed_by(obj, since):
    """Who saved the record, or a row edited with it, since `since`, and when last (from its history)."""
    condition = Q()
    for row in history.with_followed([obj]):
        condition |= Q(content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk))
    revisions = Revision.objects.filter(date_created__gt=since, version__in=Version.objects.filter(condition))
    revisions = revisions.exclude(comment=history.FIRST_STATE)  # a snapshot taken before a change, not one
    users, latest = set(), None
    for revision in revisions.distinct().select_related("user").order_by("date_created"):
        users.add(revision.user.get_username() if revision.user else "a change outside the admin")
        latest = revision.date_created
    return sorted(users), latest


class StaleSaveForm(forms.ModelForm):
    """Base of every archive change form: carries the opened state and refuses a stale save."""

    opened_state = forms.CharField(widget=UnlabelledHiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[FIELD_NAME] = encode(current_state(self.instance))

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or not self.data.get(FIELD_NAME):
            return cleaned_data
        read = read_opened(self.data[FIELD_NAME])
        if read is None:
            raise ValidationError("The form was damaged in transit: reload the page and make your change again.")
        opened, opened_at = read
        # Locked until this save commits: a second save of the same record waits, then sees this one.
        records = type(self.instance)._base_manager
        if connection.in_atomic_block:  # as in the admin's change view
            records = records.select_for_update()
        stored = records.get(pk=self.instance.pk)
        current = current_state(stored)
        if opened["fields"] == current["fields"] and opened["rows"] == current["rows"]:
            return cleaned_data
        # The next save of this form is deliberate: it is measured against what the editor now sees.
        self.data = self.data.copy()
        self.data[FIELD_NAME] = encode(current)
        users, latest = changed_by(stored, opened_at)
        who = f" by {get_text_list(users, 'and')}" if users else ""
        when = f" at {localize(timezone.localtime(latest))}" if latest else ""
        changes = describe_changes(type(self.instance), opened, current)
        raise ValidationError(
            "Not saved: this %(noun)s was changed%(who)s%(when)s after you opened it (%(changes)s). "
            "Nothing you entered is lost: it is still in the form below. Reload the page in another tab "
            "to see the new values; saving this form again will replace them with yours.",
            code="stale",
            params={
                "noun": self.instance._meta.verbose_name,
                "who": who,
                "when": when,
                "changes": get_text_list(changes, "and") or "a change",
            },
        )
