"""Festivals, editions with their sections, juries and award outcomes."""

from django.contrib import admin

from reviews.models import (
    Award,
    AwardOutcome,
    AwardRecipient,
    Edition,
    Festival,
    JuryMember,
    Section,
    Selection,
)

from .base import ArchiveModelAdmin
from .inlines import ArchiveTabularInline, CitationInline


class AwardInline(ArchiveTabularInline):
    model = Award
    fields = ["name", "slug", "position", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Festival)
class FestivalAdmin(ArchiveModelAdmin):
    list_display = ["name", "short_name", "city", "country", "founded_year"]
    list_select_related = ["country"]
    list_filter = ["country"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [AwardInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "city", "country", "founded_year"]}),
        ("About", {"fields": ["description", "website"]}),
    ]


class SectionInline(ArchiveTabularInline):
    model = Section
    fields = ["name", "is_competitive", "position"]
    show_change_link = True  # its selection of films is edited on the section's own page

    def get_queryset(self, request):
        # Each row is labelled with __str__, which names the edition and its festival.
        return super().get_queryset(request).select_related("edition__festival")


class EditionChildInline(ArchiveTabularInline):
    """An inline whose choices must stay within the edition being edited."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        self.limit_choices(formset.form.base_fields, obj)
        return formset

    def limit_choices(self, fields, edition):
        raise NotImplementedError


class JuryMemberInline(EditionChildInline):
    model = JuryMember
    fields = ["person", "role", "section"]
    autocomplete_fields = ["person"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "edition__festival")

    def limit_choices(self, fields, edition):
        if "section" in fields:
            fields["section"].queryset = Section.objects.filter(edition=edition) if edition else Section.objects.none()


class AwardOutcomeInline(EditionChildInline):
    model = AwardOutcome
    fields = ["award", "name_as_awarded", "film", "result", "note"]
    autocomplete_fields = ["film"]
    show_change_link = True  # people who received it are added on the outcome's own page

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award", "film", "edition__festival")

    def limit_choices(self, fields, edition):
        if "award" in fields and edition is not None:
            fields["award"].queryset = Award.objects.filter(festival_id=edition.festival_id)


@admin.register(Edition)
class EditionAdmin(ArchiveModelAdmin):
    list_display = ["__str__", "festival", "year", "number", "start_date", "end_date"]
    list_select_related = ["festival"]
    list_filter = ["festival"]
    search_fields = ["festival__name", "festival__short_name", "=year"]
    autocomplete_fields = ["festival"]
    inlines = [SectionInline, JuryMemberInline, AwardOutcomeInline, CitationInline]
    fieldsets = [(None, {"fields": ["festival", "number", "year", "start_date", "end_date", "notes"]})]


class SelectionInline(ArchiveTabularInline):
    model = Selection
    fields = ["film", "position", "note"]
    autocomplete_fields = ["film"]

    def get_queryset(self, request):
        # In programme order, as the edition page lists them.
        return super().get_queryset(request).select_related("film").order_by("position", "pk")


@admin.register(Section)
class SectionAdmin(ArchiveModelAdmin):
    list_display = ["name", "edition", "is_competitive", "position"]
    list_select_related = ["edition__festival"]
    list_filter = ["edition__festival", "is_competitive"]
    search_fields = ["name", "edition__festival__name", "=edition__year"]
    autocomplete_fields = ["edition"]
    inlines = [SelectionInline]

    def get_queryset(self, request):
        # __str__ names the edition, whose title names the festival.
        return super().get_queryset(request).select_related("edition__festival")


@admin.register(Award)
class AwardAdmin(ArchiveModelAdmin):
    list_display = ["name", "festival", "position"]
    list_select_related = ["festival"]
    list_filter = ["festival"]
    search_fields = ["name", "festival__name", "festival__short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["festival"]


class AwardRecipientInline(ArchiveTabularInline):
    model = AwardRecipient
    fields = ["person"]
    autocomplete_fields = ["person"]
    verbose_name = "recipient"


@admin.register(AwardOutcome)
class AwardOutcomeAdmin(ArchiveModelAdmin):
    list_display = ["award_name", "edition", "film", "result", "recipient_list"]
    list_select_related = ["award", "edition__festival", "film"]
    list_filter = ["result", "award__festival"]
    search_fields = ["award__name", "name_as_awarded", "film__title", "edition__festival__name", "=edition__year"]
    autocomplete_fields = ["edition", "award", "film"]
    inlines = [AwardRecipientInline, CitationInline]
    fieldsets = [(None, {"fields": ["edition", "award", "name_as_awarded", "film", "result", "note"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award", "edition__festival").prefetch_related("recipients")

    @admin.display(description="Award", ordering="award__name")
    def award_name(self, obj):
        return obj.award_name

    @admin.display(description="Recipients")
    def recipient_list(self, obj):
        return ", ".join(person.name for person in obj.recipients.all())
