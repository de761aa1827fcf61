"""What every admin page of the archive shares: stamping the editor, the record fieldset, counts."""

from django.contrib import admin
from django.utils.formats import localize
from django.utils.timezone import localtime

from reviews.models import Stamped

RECORD_FIELDS = ("created", "last_changed")


def stamp_editor(obj, user):
    """Record who created (first save only) and who last changed a Stamped record."""
    if not isinstance(obj, Stamped):
        return
    if obj._state.adding:
        obj.created_by = user
    obj.updated_by = user


def _stamp_text(when, user):
    if when is None:
        return "—"
    text = localize(localtime(when))
    # Only the user name: a link to the user's page would be a 403 for editors.
    return f"{text} by {user.get_username()}" if user else text


class EditorStampMixin:
    """Fills created_by/updated_by from request.user on the page's object and on its inlines."""

    def save_model(self, request, obj, form, change):
        stamp_editor(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if not issubclass(formset.model, Stamped):
            super().save_formset(request, form, formset, change)
            return
        # Django's documented pattern for touching inline objects before they are saved.
        for obj in formset.save(commit=False):
            stamp_editor(obj, request.user)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class ArchiveModelAdmin(EditorStampMixin, admin.ModelAdmin):
    """Base for every ModelAdmin of the archive.

    Stamped models show who created and last changed them, read-only, in a collapsed
    "Record" fieldset at the end of the form.
    """

    def _is_stamped(self):
        return issubclass(self.model, Stamped)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self._is_stamped() and obj is not None:
            readonly += RECORD_FIELDS
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not (self._is_stamped() and obj is not None and self.fieldsets):
            # Without declared fieldsets Django appends read-only fields itself.
            return fieldsets
        return [*fieldsets, ("Record", {"fields": RECORD_FIELDS, "classes": ["collapse"]})]

    @admin.display(description="Created")
    def created(self, obj):
        return _stamp_text(obj.created_at, obj.created_by)

    @admin.display(description="Last changed")
    def last_changed(self, obj):
        return _stamp_text(obj.updated_at, obj.updated_by)
