"""Films and their typed, multilingual titles."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .common import Citation, Stamped

imdb_title_id = RegexValidator(r"^tt\d{7,9}$", "An IMDb title id looks like tt0050634.")
wikidata_id = RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q1137376.")


class TaggedFilm(TaggedItemBase):
    content_object = models.ForeignKey("Film", on_delete=models.CASCADE)

    class Meta:
        # A tag's films read from the index alone (tag pages, counts, combined tags).
        indexes = [models.Index(fields=["tag", "content_object"], name="taggedfilm_tag_film_idx")]


class Film(Stamped):
    title = models.CharField(max_length=300, help_text="The title the archive lists the film by.")
    slug = models.SlugField(
        max_length=320, unique=True, help_text="Permanent URL name, e.g. the-cranes-are-flying-1957."
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1870), MaxValueValidator(2100)],
        help_text="The year the film is known by (usually first release). Empty only for films an import "
        "created from a bare IMDb id, until an editor completes them.",
    )
    countries = models.ManyToManyField(
        "Country", blank=True, related_name="films", help_text="Countries of production."
    )
    runtime_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Sources disagree: add a citation below for the value you chose."
    )
    synopsis = models.TextField(blank=True)
    imdb_id = models.CharField("IMDb id", max_length=12, blank=True, validators=[imdb_title_id])
    wikidata_id = models.CharField("Wikidata id", max_length=20, blank=True, validators=[wikidata_id])
    is_featured = models.BooleanField(default=False, help_text="Show on the home page.")
    tags = TaggableManager(through=TaggedFilm, blank=True)
    citations = GenericRelation(Citation)

    class Meta:
        ordering = ["title", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["imdb_id"],
                condition=~Q(imdb_id=""),
                name="film_imdb_id_unique",
                violation_error_message="Another film already has this IMDb id.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="film_wikidata_id_unique",
                violation_error_message="Another film already has this Wikidata id.",
            ),
            models.CheckConstraint(condition=Q(year__gte=1870, year__lte=2100), name="film_year_plausible"),
        ]
        indexes = [
            models.Index(fields=["year"], name="film_year_idx"),
            # The film list's orders (reviews/views/orders.py); films without a year sort as 9999 or -1.
            models.Index("title", Coalesce("year", 9999, output_field=IntegerField()), "id", name="film_title_idx"),
            models.Index(Coalesce("year", 9999, output_field=IntegerField()), "title", "id", name="film_oldest_idx"),
            models.Index(
                Coalesce("year", -1, output_field=IntegerField()).desc(), "title", "id", name="film_newest_idx"
            ),
            # The home page's featured films: a handful among a hundred thousand.
            models.Index(fields=["title", "id"], condition=Q(is_featured=True), name="film_featured_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return reverse("reviews:film-detail", args=[self.slug])

    @property
    def imdb_url(self):
        return f"https://www.imdb.com/title/{self.imdb_id}/" if self.imdb_id else ""

    @property
    def wikidata_url(self):
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class FilmTitleQuerySet(models.QuerySet):
    def in_display_order(self):
        """Original first, then transliterations, translations and the rest."""
        kinds = list(FilmTitle.Kind)
        return self.alias(
            kind_rank=Case(*[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(kinds)])
        ).order_by("kind_rank", "language", "title")


class FilmTitle(models.Model):
    """One of a film's titles: original, transliterated, translated, ... (IMDb's "akas")."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original"
        TRANSLITERATED = "transliterated", "Transliterated"
        TRANSLATED = "translated", "Translated / distribution"
        ALTERNATIVE = "alternative", "Alternative"
        WORKING = "working", "Working title"

    film = models.ForeignKey(Film, models.CASCADE, related_name="titles")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.TRANSLATED)
    language = models.CharField(
        max_length=35, blank=True, help_text="BCP 47 tag: ru, ru-Latn (transliteration), fr, en."
    )
    country = models.ForeignKey(
        "Country", models.PROTECT, null=True, blank=True, related_name="+", help_text="Where this title is used."
    )
    note = models.CharField(max_length=200, blank=True)

    objects = FilmTitleQuerySet.as_manager()

    class Meta:
        ordering = ["film", "kind", "language", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "kind", "language"],
                name="filmtitle_unique_per_film",
                violation_error_message="This film already has this title.",
            ),
        ]

    def __str__(self):
        return self.title
