"""What every admin page of the archive shares: history, refused stale saves, stamping the editor."""

from itertools import pairwise

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import BadRequest
from django.http import Http404
from django.urls import reverse
from django.utils.formats import localize
from django.utils.timezone import localtime
from reversion.admin import VersionAdmin
from reversion.models import Version

from reviews import history
from reviews.models import Stamped
from reviews.search.query import clean

from .autocompletes import SafeAutocompletes
from .stale_saves import FIELD_NAME as OPENED_STATE
from .stale_saves import StaleSaveForm

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


class ArchiveModelAdmin(SafeAutocompletes, EditorStampMixin, VersionAdmin):
    """Base for every ModelAdmin of the archive.

    - History (django-reversion's VersionAdmin, reviews/history.py): every save is a version,
      with a history page to compare and revert, and deleted records to recover.
    - A save from a form opened before someone else's change is refused (stale_saves.py).
    - Autocompletes survive a tampered post (autocompletes.py).
    - Stamped models show who created and last changed them, read-only, in a collapsed
      "Record" fieldset at the end of the form.
    """

    form = StaleSaveForm

    def changelist_view(self, request, extra_context=None):
        # A filter's value goes into the query as given, and PostgreSQL refuses a NUL in text.
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise BadRequest("A filter's value holds a NUL character.")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # Django's own search (and autocomplete) sends the term as typed: PostgreSQL refuses a NUL.
        return super().get_search_results(request, queryset, clean(search_term))

    def save_model(self, request, obj, form, change):
        if change:
            # The database still holds the record as it was (and its inline rows): keep that
            # state first if no history has it (an imported or generated record).
            history.record_first_state(type(obj)._base_manager.get(pk=obj.pk))
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        """django-reversion's history, each version with what it changed since the one before."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            # Django's own answer for a missing record or a forbidden one (no history query with a junk id).
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        versions = list(
            Version.objects.get_for_object(obj).select_related("revision__user", "content_type").order_by("-pk")
        )
        opts = self.model._meta
        action_list = [
            {
                "revision": version.revision,
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=(quote(version.object_id), version.pk),
                ),
                "changes": history.changes(version, older),
            }
            for version, older in pairwise([*versions, None])  # a record made outside the admin may have none
        ]
        return admin.ModelAdmin.history_view(
            self, request, object_id, {**(extra_context or {}), "action_list": action_list}
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion looks the version up by the address's id as text; PostgreSQL refuses a NUL.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such record.")
        return super().revision_view(request, object_id, version_id, extra_context)

    def delete_model(self, request, obj):
        history.record([obj], comment=f"Deleted “{obj}”.", user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        deleted = list(queryset)
        history.record(deleted, comment=f"Deleted, one of {len(deleted)} records selected together.", user=request.user)
        super().delete_queryset(request, queryset)

    def _is_stamped(self):
        return issubclass(self.model, Stamped)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if self._is_stamped() and obj is not None:
            readonly += RECORD_FIELDS
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.fieldsets:
            # Django's own fieldset holds every form field (the opened state too) and appends
            # read-only fields itself.
            return fieldsets
        (name, options), *others = fieldsets
        # The hidden opened state (stale_saves.py) must be in a fieldset to be rendered.
        fieldsets = [(name, {**options, "fields": [*options["fields"], OPENED_STATE]}), *others]
        if self._is_stamped() and obj is not None:
            fieldsets.append(("Record", {"fields": RECORD_FIELDS, "classes": ["collapse"]}))
        return fieldsets

    @admin.display(description="Created")
    def created(self, obj):
        return _stamp_text(obj.created_at, obj.created_by)

    @admin.display(description="Last changed")
    def last_changed(self, obj):
        return _stamp_text(obj.updated_at, obj.updated_by)
