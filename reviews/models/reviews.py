"""Reviews, the heart of the archive, with their provenance and editorial status."""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Left, Now
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from reviews import presentation

from .common import Stamped, WebURLField, web_url_constraint
from .films import placeholder_q
from .tagging import tag_pairs, tags_of
from .visibility import DRAFT, PUBLISHED, SCHEDULED, published_q

# Characters of a review's text that listings read, enough for an excerpt of 40 words.
EXCERPT_SOURCE_CHARS = 400


class TaggedReview(TaggedItemBase):
    content_object = models.ForeignKey("Review", on_delete=models.CASCADE)

    class Meta:
        # A tag's reviews read from the index alone (tag pages, counts, combined tags).
        indexes = [models.Index(fields=["tag", "content_object"], name="taggedreview_tag_review_idx")]


def validate_body_size(body):
    """A review's text is at most settings.REVIEW_MAX_BYTES of UTF-8 (the importer checks files so)."""
    size = len(body.encode())
    if size > settings.REVIEW_MAX_BYTES:
        raise ValidationError(
            "This text is %(size)s bytes long; a review may hold at most %(limit)s.",
            code="too_long",
            params={"size": f"{size:,}", "limit": f"{settings.REVIEW_MAX_BYTES:,}"},
        )


class RatingScale(models.IntegerChoices):
    # The value is the top of the scale: the normalised rating is rating / scale.
    STARS_5 = 5, "0.5–5 stars (Letterboxd)"
    POINTS_10 = 10, "1–10 (IMDb)"
    PERCENT_100 = 100, "0–100"

    @property
    def lowest(self):
        """The lowest rating the scale gives (the constraint review_rating_within_scale)."""
        return LOWEST_RATINGS[self]


LOWEST_RATINGS = {RatingScale.STARS_5: Decimal("0.5"), RatingScale.POINTS_10: 1, RatingScale.PERCENT_100: 0}


# The archive's own editors, a source made by a migration (0008): the default for new reviews.
BUILT_IN_SOURCE_SLUG = "film-archive-editors"


class SourceQuerySet(models.QuerySet):
    def built_in(self):
        """The source of the archive's own writing (one query); None only if removed outside the admin."""
        return self.filter(slug=BUILT_IN_SOURCE_SLUG).first()


class Source(Stamped):
    """Where reviews come from: a publication, a site, a data set, or the archive's own editors."""

    name = models.CharField(max_length=200, unique=True, help_text="e.g. IMDb user review")
    slug = models.SlugField(max_length=120, unique=True)
    url = WebURLField(blank=True)
    description = models.TextField(blank=True)
    rating_scale = models.PositiveSmallIntegerField(
        choices=RatingScale,
        default=RatingScale.POINTS_10,
        help_text="The scale its ratings are given on: a new review of this source takes it.",
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [web_url_constraint("url", "source")]

    def __str__(self):
        return self.name

    @property
    def is_built_in(self):
        return self.slug == BUILT_IN_SOURCE_SLUG


class ReviewQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see (reviews/models/visibility.py)."""
        return self.filter(published_q())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_sitemap(self):
        """A sitemap entry's row: id, its film's id and slug, slug, when it was last changed and
        published (reviews/sitemaps.py)."""
        return self.order_by("pk").values_list("pk", "film_id", "film__slug", "slug", "updated_at", "published_at")

    def for_card(self):
        """What _review_card.html shows: headline, film, author, source, date, rating, the start of the
        text for the excerpt (`body_start`), tags (one query). The body itself stays behind."""
        return (
            self.select_related("film", "source")
            .only(
                *("headline", "slug", "author", "language", "written_date", "rating", "rating_scale"),
                *("film__slug", "film__title", "film__year", "source__name", "published_at"),
            )
            .annotate(body_start=Left("body", EXCERPT_SOURCE_CHARS), tag_pairs=tag_pairs(TaggedReview))
        )

    def for_structured_data(self):
        """What the film page's structured data says of each review it lists, beyond its card: address,
        title, author, publication time, rating, source (reviews/linked_data.py; one query, the page's)."""
        return self.select_related("film", "source").only(
            *("headline", "slug", "author", "published_at", "rating", "rating_scale"),
            *("film__slug", "film__title", "source__name", "source__url"),
        )

    def for_detail(self):
        """What review_detail.html shows: the review, its film and source, its tags."""
        return self.select_related("film", "source").annotate(tag_pairs=tag_pairs(TaggedReview))

    def for_download(self):
        """What the bulk download writes of each review (reviews/downloads.py): the review whole with its
        film's title and address, its source, its tags, by id. Callers choose the published ones."""
        return (
            self.select_related("film", "source")
            .only(
                *("headline", "slug", "body", "author", "source_identifier", "source_url", "language"),
                *("written_date", "archived_at", "published_at", "rating", "rating_scale", "status"),
                *("film__slug", "film__title", "film__year", "source__name", "source__url"),
            )
            .annotate(tag_pairs=tag_pairs(TaggedReview))
            .order_by("pk")
        )

    def for_other_reviews(self):
        """The short list of a film's other reviews on a review page: headline, author, rating."""
        return self.select_related("source").only(
            "headline", "slug", "author", "rating", "rating_scale", "film", "source__name"
        )

    def tagged_with_all(self, tags):
        """Reviews carrying every one of `tags` (tags or their ids), each once: one subquery per tag."""
        reviews = self
        for tag in tags:
            reviews = reviews.filter(pk__in=TaggedReview.objects.filter(tag=tag).values("content_object"))
        return reviews

    def of_films(self, film_ids):
        """Reviews of any of these films (ids, not a subquery: the planner then reads each film's
        reviews by index)."""
        return self.filter(film_id__in=film_ids)

    def drafts_oldest_first(self):
        """Drafts, the longest waiting first (the editors' dashboard; review_draft_age_idx)."""
        return self.filter(status=DRAFT).order_by("created_at", "pk")

    def scheduled_soonest_first(self):
        """Scheduled reviews by publication time (the editors' dashboard)."""
        return self.filter(status=SCHEDULED).order_by("published_at", "pk")

    def of_placeholder_films(self):
        """Reviews whose film is a placeholder made by an import (films.placeholder_q)."""
        return self.filter(placeholder_q("film__"))

    def for_dashboard(self):
        """What the editors' dashboard shows of each review (admin/index.html): its headline or
        opening words, its film, its dates; the body stays behind (one query)."""
        return (
            self.select_related("film")
            .only("headline", "status", "published_at", "created_at", "film__title", "film__year")
            .annotate(body_start=Left("body", EXCERPT_SOURCE_CHARS))
        )

    def due(self):
        """Scheduled reviews whose publication time has come."""
        return self.filter(status=SCHEDULED, published_at__lte=Now())

    def publish_due(self):
        """Publish the scheduled reviews whose time has come; returns how many.

        An update like any editor's: the database's counts and the page cache follow it.
        """
        return self.due().update(status=PUBLISHED)

    def next_publication_time(self):
        """When the next scheduled review becomes public, or None."""
        return self.filter(status=SCHEDULED).order_by("published_at").values_list("published_at", flat=True).first()


class Review(Stamped):
    class Status(models.TextChoices):
        DRAFT = DRAFT, "Draft"
        SCHEDULED = SCHEDULED, "Scheduled"
        PUBLISHED = PUBLISHED, "Published"

    RatingScale = RatingScale  # shared with Source

    film = models.ForeignKey("Film", models.PROTECT, related_name="reviews")
    headline = models.CharField(max_length=300, blank=True, help_text="Leave empty when the source gives none.")
    slug = models.SlugField(max_length=120, help_text="Permanent URL name, unique within the film.")
    body = models.TextField(
        # The admin shows help texts as HTML: the tag is written escaped, to be read as written.
        help_text="The text exactly as received. Only &lt;br /&gt; is read as markup (a line break).",
        validators=[validate_body_size],
    )
    body_sha256 = models.CharField(max_length=64, editable=False, db_index=False)

    author = models.CharField(max_length=200, blank=True, help_text="Name or user name as published.")
    source = models.ForeignKey(Source, models.PROTECT, related_name="reviews")
    source_identifier = models.CharField(
        max_length=200, blank=True, help_text="The source's own id, e.g. the data set file name."
    )
    source_url = WebURLField(max_length=500, blank=True)
    language = models.CharField(max_length=35, default="en", help_text="BCP 47 tag of the text.")
    written_date = models.DateField(null=True, blank=True, help_text="When the author wrote it, if known.")
    archived_at = models.DateTimeField(default=timezone.now, help_text="When the archive received it.")

    rating = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    rating_scale = models.PositiveSmallIntegerField(choices=RatingScale, default=RatingScale.POINTS_10)
    rating_normalised = models.GeneratedField(
        expression=Cast(F("rating"), models.FloatField()) * 100 / F("rating_scale"),
        output_field=models.FloatField(),
        db_persist=True,
        help_text="The rating on a 0–100 scale, whatever scale it was given on.",
    )

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    tags = TaggableManager(through=TaggedReview, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "slug"],
                name="review_slug_unique_per_film",
                violation_error_message="This film already has a review with this slug.",
            ),
            models.UniqueConstraint(
                fields=["source", "body_sha256"],
                name="review_text_unique_per_source",
                violation_error_message="This source already has a review with exactly this text.",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating_scale=5, rating__gte=0.5, rating__lte=5)
                | Q(rating_scale=10, rating__gte=1, rating__lte=10)
                | Q(rating_scale=100, rating__gte=0, rating__lte=100),
                name="review_rating_within_scale",
                violation_error_message="The rating is outside its scale.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="review_published_has_date",
                violation_error_message="A published or scheduled review needs a publication time.",
            ),
            web_url_constraint("source_url", "review"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="review_status_published_idx"),
            models.Index(fields=["film", "status", "-published_at"], name="review_film_published_idx"),
            # Lists of reviews, newest first, chosen from the index alone: the order's every column,
            # and the film for lists of several films' reviews (a person's).
            models.Index(fields=["status", "-published_at", "-id", "film"], name="review_listing_idx"),
            # The editors' dashboard: drafts, the longest waiting first.
            models.Index(fields=["created_at", "id"], condition=Q(status=DRAFT), name="review_draft_age_idx"),
        ]

    def __str__(self):
        """What the review is, for lists, history and messages: "Review of The Cranes Are Flying (1957) by
        Jane Doe: “A poem in pictures”". Reads the film and the source: select_related() them."""
        by = f"by {self.author}" if self.author else f"({self.source}, author not given)"
        name = f"Review of {self.film} {by}"
        return f"{name}: “{Truncator(self.headline).chars(80)}”" if self.headline else name

    def get_absolute_url(self):
        # Reads self.film: callers listing reviews must select_related("film").
        return presentation.review_url(self.film.slug, self.slug)

    def save(self, *args, **kwargs):
        self.body_sha256 = self.hash_body(self.body)
        if self.status != self.Status.DRAFT:
            # Published or scheduled by its time: a future time schedules, a past one publishes.
            self.published_at = self.published_at or timezone.now()
            self.status = self.Status.SCHEDULED if self.published_at > timezone.now() else self.Status.PUBLISHED
        super().save(*args, **kwargs)

    @staticmethod
    def hash_body(body):
        return hashlib.sha256(body.encode()).hexdigest()

    def publish(self, when=None):
        """Publish at `when` (or the publication time already set, or now); save() schedules a future time."""
        self.published_at = self.published_at or when or timezone.now()
        self.status = self.Status.SCHEDULED if self.published_at > timezone.now() else self.Status.PUBLISHED

    @cached_property
    def tags_shown(self):
        """Links to the review's tag pages, from the tag_pairs annotation of for_card() and for_detail()."""
        return tags_of(self.tag_pairs)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED
