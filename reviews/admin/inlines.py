"""Inlines shared by several admin pages, and what every inline of the archive has."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet

from reviews.models import Citation

from .autocompletes import SafeAutocompletes


class LabelledControls:
    """Names each control of a row after its column. Django's tabular inline labels a column
    only by its header, so screen readers announced the fields of every row without a name
    (axe: label, select-name)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            # A foreign key's select is inside the admin's wrapper (the add and change links).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", "Delete" if name == DELETION_FIELD_NAME else str(field.label))


class LabelledInlineFormSet(LabelledControls, BaseInlineFormSet):
    pass


class LabelledGenericInlineFormSet(LabelledControls, BaseGenericInlineFormSet):
    pass


class ArchiveTabularInline(SafeAutocompletes, admin.TabularInline):
    """Base of the archive's tabular inlines: one empty row ready to fill, every control named."""

    formset = LabelledInlineFormSet
    extra = 1


class CitationInline(GenericTabularInline):
    """Where a disputed fact (runtime, birth date, ...) is published."""

    model = Citation
    formset = LabelledGenericInlineFormSet
    fields = ["fact", "value", "source", "url", "note"]
    # Django's 10-row textarea made the row wider than the page; two rows, and it grows if dragged.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    extra = 1
