"""Films and their typed, multilingual titles."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    StringAgg,
    Subquery,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from reviews import presentation

from .common import Citation, Country, Stamped, citations_exist
from .tagging import tag_pairs, tags_of

imdb_title_id = RegexValidator(r"^tt\d{7,9}$", "An IMDb title id looks like tt0050634.")
wikidata_id = RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q1137376.")


class TaggedFilm(TaggedItemBase):
    content_object = models.ForeignKey("Film", on_delete=models.CASCADE)

    class Meta:
        # A tag's films read from the index alone (tag pages, counts, combined tags).
        indexes = [models.Index(fields=["tag", "content_object"], name="taggedfilm_tag_film_idx")]


@dataclass
class EditionHistory:
    """What happened to a film at one festival edition: the sections it was selected in, its awards."""

    edition: object  # an Edition, with its festival
    selections: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


def placeholder_q(prefix=""):
    """A placeholder film: made by an import from a bare IMDb id, its year still unknown until an
    editor completes it or merges it into the real film. `prefix` reaches the film through a
    relation, e.g. "film__"."""
    return Q(**{f"{prefix}year__isnull": True})


class FilmQuerySet(models.QuerySet):
    def for_sitemap(self):
        """A sitemap entry's row: id, slug, when it last changed (reviews/sitemaps.py)."""
        return self.order_by("pk").values_list("pk", "slug", "updated_at")

    def placeholders(self):
        """Films made by an import from a bare IMDb id and not completed yet (placeholder_q)."""
        return self.filter(placeholder_q())

    def for_card(self):
        """What _film_card.html shows of each film: title, year, countries, review count, tags (one query)."""
        return self.only("title", "slug", "year", "published_review_count").annotate(
            country_names=country_names(), tag_pairs=tag_pairs(TaggedFilm)
        )

    def get_for_page(self, slug):
        """The film at `slug` with what film_detail.html shows of it: its titles, countries, tags and
        credits; its festival history and cited sources when it has any (most films have neither);
        for its structured data, the average of its published reviews' ratings on the common 0–100
        scale and how many are rated (`rating_average`, `rating_count`). Raises Film.DoesNotExist."""
        from .festivals import AwardOutcome, Selection
        from .people import Credit
        from .reviews import Review

        rated = Review.objects.published().filter(film=OuterRef("pk"), rating__isnull=False).order_by().values("film")
        film = (
            self.annotate(
                tag_pairs=tag_pairs(TaggedFilm),
                rating_average=Subquery(rated.annotate(average=Avg("rating_normalised")).values("average")),
                rating_count=Coalesce(Subquery(rated.annotate(count=Count("pk")).values("count")), 0),
                has_festival_history=Exists(Selection.objects.filter(film=OuterRef("pk")))
                | Exists(AwardOutcome.objects.filter(film=OuterRef("pk"))),
                has_citations=citations_exist(Film),
            )
            .prefetch_related(
                Prefetch("titles", FilmTitle.objects.in_display_order()),
                Prefetch("countries", Country.objects.only("code", "name")),
                Prefetch("credits", Credit.objects.for_film_page()),
            )
            .get(slug=slug)
        )
        extra = ["citations"] if film.has_citations else []
        if film.has_festival_history:
            extra += [
                Prefetch("selections", Selection.objects.select_related("section__edition__festival")),
                Prefetch(
                    "award_outcomes",
                    AwardOutcome.objects.for_listing().order_by("edition__year", "award__position", "result", "pk"),
                ),
            ]
        prefetch_related_objects([film], *extra)
        return film

    def for_download(self):
        """Every film with its own facts, for the bulk download (reviews/downloads.py): what get_for_page()
        reads but its festival history, by id; read in chunks, the lists prefetched for each."""
        from .people import Credit

        return (
            self.annotate(tag_pairs=tag_pairs(TaggedFilm), has_citations=citations_exist(Film))
            .prefetch_related(
                Prefetch("titles", FilmTitle.objects.in_display_order()),
                Prefetch("countries", Country.objects.only("code", "name")),
                Prefetch("credits", Credit.objects.for_film_page()),
                "citations",
            )
            .order_by("pk")
        )

    def featured(self):
        """The films the editors show on the home page."""
        return self.filter(is_featured=True).order_by("title", "pk")

    def released_in(self, first_year, end_year):
        """Films of the years first_year to end_year (exclusive)."""
        return self.filter(year__gte=first_year, year__lt=end_year)

    def made_in(self, country):
        return self.filter(pk__in=Film.countries.through.objects.filter(country=country).values("film"))

    def tagged_with_all(self, tags):
        """Films carrying every one of `tags` (tags or their ids), each once: one subquery per tag."""
        films = self
        for tag in tags:
            films = films.filter(pk__in=TaggedFilm.objects.filter(tag=tag).values("content_object"))
        return films

    def published_review_total(self):
        """How many published reviews these films have in all: the sum of their kept counts."""
        return self.aggregate(n=Coalesce(Sum("published_review_count"), 0))["n"]

    def decades(self):
        """The decades that have films, oldest first.

        Plain SQL: a recursive query steps from one decade to the next along film_year_idx, a
        dozen index probes, where DISTINCT over the ORM reads every film (8 ms at 100,000).
        """
        table = connection.ops.quote_name(Film._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE decade(start) AS (
                    SELECT (SELECT min(year) FROM {table}) / 10 * 10
                    UNION ALL
                    SELECT (SELECT min(year) FROM {table} WHERE year >= start + 10) / 10 * 10
                    FROM decade WHERE start IS NOT NULL
                )
                SELECT start FROM decade WHERE start IS NOT NULL
                """
            )
            return [start for (start,) in cursor.fetchall()]


def country_names():
    """A subquery: the outer film's countries of production, by name, as one string ("France, Italy")."""
    countries = Film.countries.through.objects.filter(film=OuterRef("pk")).order_by().values("film")
    # Ordered where the database can order inside an aggregate (SQLite only from 3.44).
    ordered = {"order_by": "country__name"} if connection.features.supports_aggregate_order_by_clause else {}
    return Subquery(countries.annotate(names=StringAgg("country__name", Value(", "), **ordered)).values("names"))


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
    published_review_count = models.PositiveIntegerField(
        db_default=0, editable=False, help_text="Kept by the database on every write (reviews/counting.py)."
    )
    tags = TaggableManager(through=TaggedFilm, blank=True)
    citations = GenericRelation(Citation)

    objects = FilmQuerySet.as_manager()

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
            # The film list's "most reviewed" order.
            models.Index(
                F("published_review_count").desc(),
                "title",
                Coalesce("year", 9999, output_field=IntegerField()),
                "id",
                name="film_most_reviewed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self):
        return presentation.film_url(self.slug)

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The count is the database's (reviews/counting.py): an instance loaded before a review
            # came must not write its old count back. Everything else loaded is saved, as usual.
            skipped = {"published_review_count", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in skipped
            ]
        super().save(*args, **kwargs)

    def festival_history(self):
        """The film's selections and awards gathered by edition, oldest first: EditionHistory entries.

        Reads what get_for_page() loaded; a film without festival history has none to read.
        """
        if not self.has_festival_history:
            return []
        history = {}
        for selection in self.selections.all():
            edition = selection.section.edition
            history.setdefault(edition.pk, EditionHistory(edition)).selections.append(selection)
        for outcome in self.award_outcomes.all():
            history.setdefault(outcome.edition_id, EditionHistory(outcome.edition)).outcomes.append(outcome)
        return sorted(history.values(), key=lambda entry: (entry.edition.year, entry.edition.festival.name))

    @cached_property
    def tags_shown(self):
        """Links to the film's tag pages, from the tag_pairs annotation of for_card() and get_for_page()."""
        return tags_of(self.tag_pairs)

    @property
    def is_placeholder(self):
        """The same rule as placeholder_q(), for a film in hand."""
        return self.year is None

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
