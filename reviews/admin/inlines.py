"""Inlines shared by several admin pages."""

from django.contrib.contenttypes.admin import GenericTabularInline

from reviews.models import Citation


class CitationInline(GenericTabularInline):
    """Where a disputed fact (runtime, birth date, ...) is published."""

    model = Citation
    fields = ["fact", "value", "source", "url", "note"]
    extra = 0
