"""Changelist filters that Django's field-based ones can't express."""

from django.contrib import admin
from django.db.models import Count, F
from taggit.models import Tag

from reviews.models import Country, Film


class DecadeListFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"
    unknown = "unknown"

    def lookups(self, request, model_admin):
        decades = (
            Film.objects.exclude(year=None)
            .annotate(decade=F("year") / 10 * 10)
            .order_by("decade")
            .values_list("decade", flat=True)
            .distinct()
        )
        # Imports create films known only by an IMDb id (placeholders): editors need to find them.
        return [(str(decade), f"{decade}s") for decade in decades] + [(self.unknown, "Year unknown (placeholders)")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.unknown:
            return queryset.placeholders()
        try:
            decade = int(value)
        except ValueError:
            # A hand-edited query string: show nothing rather than fail.
            return queryset.none()
        return queryset.filter(year__gte=decade, year__lt=decade + 10)


class CountryListFilter(admin.RelatedFieldListFilter):
    """The countries that films were made in, not all the world's (one query)."""

    def field_choices(self, field, request, model_admin):
        return [(country.pk, country.name) for country in Country.objects.with_films()]


class PlaceholderFilmListFilter(admin.SimpleListFilter):
    """Reviews whose film is a placeholder made by an import: the dashboard's "all" link, and where
    they are attached to the right film in bulk."""

    title = "film"
    parameter_name = "placeholder"

    def lookups(self, request, model_admin):
        return [("yes", "Film is a placeholder")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.of_placeholder_films()
        return queryset


class TagListFilter(admin.SimpleListFilter):
    """The most used tags of one tagged model (not every tag of the archive).

    Subclasses name the through model's reverse accessor on Tag, e.g. "reviews_taggedfilm_items".
    """

    title = "tag"
    parameter_name = "tag"
    tagged_items = None
    shown = 40

    def lookups(self, request, model_admin):
        tags = (
            Tag.objects.filter(**{f"{self.tagged_items}__isnull": False})
            .annotate(uses=Count(self.tagged_items))
            .order_by("-uses", "name")
            .values_list("slug", "name")[: self.shown]
        )
        return list(tags)

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(tags__slug=self.value())


class FilmTagListFilter(TagListFilter):
    tagged_items = "reviews_taggedfilm_items"


class ReviewTagListFilter(TagListFilter):
    tagged_items = "reviews_taggedreview_items"
