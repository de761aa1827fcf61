"""Pieces shared by every part of the domain: editorial stamps, countries, fact sources."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from reviews import presentation


def count_of(model, field, **filters):
    """A per-row count as a correlated subquery.

    Unlike Count() over a join it stays right when the changelist's search or filters
    join other multi-valued relations (titles, tags), and it never multiplies rows.
    """
    counted = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# Addresses of other sites that the archive stores and links to: the web's only. A
# `javascript:` or `data:` address, if one ever reached a page, would be a live link.
WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(schemes=WEB_SCHEMES, message="Enter a web address beginning with http:// or https://.")


def is_web_url(value):
    """Whether `value` is an http(s) address that a page may link to."""
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


class WebURLField(models.URLField):
    """An address of a page elsewhere on the web: http or https, nothing else.

    The form field and full_clean() refuse other schemes; `web_url_constraint()` makes the
    database refuse them too, whatever writes (a shell, a fixture, a restore).
    """

    default_validators = [validate_web_url]


def web_url_constraint(field, model_name):
    """The database's check that `field` is empty or an http(s) address."""
    return models.CheckConstraint(
        condition=Q(**{field: ""})
        | Q(**{f"{field}__istartswith": "http://"})
        | Q(**{f"{field}__istartswith": "https://"}),
        name=f"{model_name}_{field}_is_web",
        violation_error_message="Enter a web address beginning with http:// or https://.",
    )


def content_type_of(model):
    """The content type of `model`, for citations' generic key (Django keeps it after the first lookup)."""
    return ContentType.objects.get_for_model(model)


def citations_exist(model):
    """An annotation: whether the outer record of `model` has cited sources (pages prefetch them only then)."""
    return Exists(Citation.objects.filter(object_id=OuterRef("pk"), content_type=content_type_of(model)))


class Stamped(models.Model):
    """Who created and last changed a record, and when. The admin fills the editors in."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set by save(), as auto_now would, but not forced on bulk inserts: a restore keeps the times it restores.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)


class CountryQuerySet(models.QuerySet):
    def with_films(self):
        """Countries that at least one film was made in, for the film list's filter."""
        from .films import Film

        return self.filter(Exists(Film.countries.through.objects.filter(country=OuterRef("pk")))).only("code", "name")


class Country(models.Model):
    """A country of production, including historical states such as the USSR."""

    code = models.CharField(
        max_length=4,
        unique=True,
        help_text="ISO 3166-1 alpha-2 (FR), or ISO 3166-3 for former states (SUHH for the USSR).",
    )
    name = models.CharField(max_length=100, unique=True)
    other_names = models.TextField(
        blank=True,
        help_text="Other names to find it by, one a line: official and ISO names, the alpha-3 code, "
        "names in its own languages, abbreviations (USSR, СССР).",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="For historical states.")
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="For historical states.")

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return presentation.films_of_country_url(self.code)

    @property
    def is_historical(self):
        return self.end_year is not None


class Citation(models.Model):
    """The published source of one fact, so editors can show where a disputed value comes from."""

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    fact = models.CharField(max_length=100, help_text="Which fact this backs, e.g. “runtime”.")
    value = models.CharField(max_length=200, blank=True, help_text="The value the source gives, e.g. “97 min”.")
    source = models.CharField(max_length=300, help_text="Where it is published: book, page, database.")
    url = WebURLField(max_length=500, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["fact", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_subject_idx")]
        constraints = [web_url_constraint("url", "citation")]

    def __str__(self):
        return f"{self.fact}: {self.value} ({self.source})" if self.value else f"{self.fact} ({self.source})"
