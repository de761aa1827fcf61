"""Films, their titles, countries, people and credits."""

from django.contrib import admin
from django.db.models import Case, Prefetch, Q, When

from reviews.models import Country, Credit, Film, FilmTitle, FormerAddress, Person, PersonName, Review
from reviews.models.common import count_of
from reviews.search.admin import SearchAdminMixin
from reviews.search.query import clean

from . import merging
from .base import ArchiveModelAdmin
from .filters import CountryListFilter, DecadeListFilter, FilmTagListFilter
from .inlines import ArchiveTabularInline, CitationInline
from .tags import TagChoiceMixin, TaggedForm


@admin.register(Country)
class CountryAdmin(ArchiveModelAdmin):
    list_display = ["name", "code", "start_year", "end_year", "film_count"]
    # The film form's country box searches these too: "USSR", "GDR", "Deutschland", "Burma".
    search_fields = ["name", "code", "other_names"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=count_of(Film.countries.through, "country"))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = clean(search_term).strip()  # as the search itself reads it (PostgreSQL refuses a NUL)
        if term:
            # Named by what was typed first: "Soviet" offers the Soviet Union before the former
            # republics whose other names say "Soviet". (A list's own ordering still applies there.)
            begins = Case(When(Q(name__istartswith=term) | Q(code__iexact=term), then=0), default=1)
            queryset = queryset.alias(named_so=begins).order_by("named_so", "name")
        return queryset, may_have_duplicates

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, obj):
        return obj.film_count


class FilmTitleInline(ArchiveTabularInline):
    model = FilmTitle
    fields = ["title", "kind", "language", "country", "note"]
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        # As the film page lists them: original first, then transliterations, translations, ...
        return super().get_queryset(request).in_display_order()


class CreditInline(ArchiveTabularInline):
    model = Credit
    # What every credit has, in billing order. The rarer "credited as" and note are on the
    # credit's own page (each row's Change link): with them the row was too wide for a tablet.
    fields = ["person", "role", "character_name", "billing_order"]
    autocomplete_fields = ["person"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "film").in_billing_order()


@admin.register(Film)
class FilmAdmin(SearchAdminMixin, TagChoiceMixin, ArchiveModelAdmin):
    form = TaggedForm
    list_display = ["title", "year", "country_list", "review_count", "is_featured"]
    list_filter = [DecadeListFilter, ("countries", CountryListFilter), "is_featured", FilmTagListFilter]
    # Matching is the public search's (reviews.search); search_fields only turns the box on.
    search_fields = ["title"]
    search_kind = "films"
    exact_search_fields = ["imdb_id", "wikidata_id"]
    search_help_text = (
        "Any of the film's titles, in any script, accents and small misspellings forgiven; "
        "or its IMDb (tt…) or Wikidata (Q…) id."
    )
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["countries"]
    inlines = [FilmTitleInline, CreditInline, CitationInline]
    actions = ["merge_placeholders"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "year", "countries", "runtime_minutes", "is_featured"]}),
        ("About", {"fields": ["synopsis", "tags", "new_tags", "create_new_tags"]}),
        ("Identifiers", {"fields": ["imdb_id", "wikidata_id"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            # A public address is permanent: the former one leads here, its reviews' pages too.
            FormerAddress.objects.record_film_move(form.initial["slug"], obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(review_count=count_of(Review, "film"))
            .prefetch_related(Prefetch("countries", queryset=Country.objects.only("name")))
        )

    @admin.display(description="Countries")
    def country_list(self, obj):
        return ", ".join(country.name for country in obj.countries.all())

    @admin.display(description="Reviews", ordering="review_count")
    def review_count(self, obj):
        return obj.review_count

    @admin.action(
        description="Merge this placeholder into another film…",
        description_plural="Merge selected placeholders into another film…",
        permissions=["change", "delete"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def merge_placeholders(self, request, queryset):
        """Merge placeholder films made by imports into the real film the editor chooses on the
        action's own page (merging.py); refuses films that are not placeholders."""
        return merging.merge_placeholders(self, request, queryset)


@admin.register(FormerAddress)
class FormerAddressAdmin(ArchiveModelAdmin):
    """Addresses that lead on to a film or review since a merge or a move (a 301). Made by those
    actions; an editor may only look, and remove one."""

    list_display = ["__str__", "leads_to"]
    list_select_related = ["film", "review__film"]
    search_fields = ["film_slug", "review_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Leads to")
    def leads_to(self, obj):
        return obj.get_absolute_url()


class PersonNameInline(ArchiveTabularInline):
    model = PersonName
    fields = ["name", "kind", "language"]


@admin.register(Person)
class PersonAdmin(SearchAdminMixin, ArchiveModelAdmin):
    list_display = ["name", "birth_date", "death_date", "credit_count"]
    list_filter = ["credits__role"]
    search_fields = ["name"]
    search_kind = "people"
    exact_search_fields = ["imdb_id", "wikidata_id"]
    search_help_text = (
        "Any of the person's names (original script, transliterations, misspellings; small misspellings "
        "forgiven) or ids."
    )
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonNameInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["name", "slug"]}),
        ("Life", {"fields": ["birth_date", "birth_place", "death_date", "death_place", "biography"]}),
        ("Identifiers", {"fields": ["imdb_id", "wikidata_id"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=count_of(Credit, "person"))

    @admin.display(description="Credits", ordering="credit_count")
    def credit_count(self, obj):
        return obj.credit_count


@admin.register(Credit)
class CreditAdmin(ArchiveModelAdmin):
    list_display = ["person", "role", "film", "character_name", "billing_order"]
    list_filter = ["role"]
    list_select_related = ["person", "film"]
    search_fields = ["person__name", "person__other_names__name", "film__title", "character_name", "credited_as"]
    autocomplete_fields = ["film", "person"]
