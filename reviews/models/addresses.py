"""Public addresses that moved: where a merged-away film or a moved review used to be.

Public URLs are permanent links (reviews/urls.py). When a merge or a move takes a page away
from its address, the address is kept here with the record now in its place, and the page
views answer it with a permanent redirect. Ours rather than django.contrib.redirects: a
redirect follows its film or review (a later slug change, a later merge), and the sites
framework that contrib.redirects needs would send the admin's "View on site" links to its
configured domain.
"""

from django.db import models
from django.db.models import Q

from reviews import presentation


class FormerAddressQuerySet(models.QuerySet):
    def film_now_at(self, film_slug):
        """The film that the film page `film_slug` moved to, or None (one query)."""
        former = self.filter(film_slug=film_slug, review_slug="").select_related("film").only("film__slug").first()
        return former and former.film

    def record_film_merge(self, merged, film):
        """Send the page of the film `merged` (about to go) to `film`, and the addresses that led to it."""
        self.filter(film=merged).update(film=film)
        self.record_film_move(merged.slug, film)

    def record_film_move(self, film_slug, film):
        """Send the film page at `film_slug` to `film` (merged into it, or its slug changed). Its
        reviews' pages under that address follow: the review page looks the film up here."""
        self.update_or_create(film_slug=film_slug, review_slug="", defaults={"film": film, "review": None})

    def record_review(self, film_slug, review_slug, review):
        """Send the review page at film_slug/review_slug to `review`, wherever it is now."""
        self.update_or_create(film_slug=film_slug, review_slug=review_slug, defaults={"film": None, "review": review})


class FormerAddress(models.Model):
    """A film's or a review's former page address and the record now at its place (a 301)."""

    film_slug = models.SlugField(max_length=320, help_text="The film's slug in the former address.")
    review_slug = models.SlugField(
        max_length=120, blank=True, help_text="The review's slug in it; empty for a film's page."
    )
    film = models.ForeignKey(
        "Film", models.CASCADE, null=True, blank=True, related_name="former_addresses", help_text="Now at this film."
    )
    review = models.ForeignKey(
        "Review",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="former_addresses",
        help_text="Now at this review.",
    )

    objects = FormerAddressQuerySet.as_manager()

    class Meta:
        ordering = ["film_slug", "review_slug"]
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["film_slug", "review_slug"],
                name="formeraddress_unique",
                violation_error_message="This address already leads somewhere.",
            ),
            models.CheckConstraint(
                condition=Q(review_slug="", film__isnull=False, review__isnull=True)
                | (~Q(review_slug="") & Q(film__isnull=True, review__isnull=False)),
                name="formeraddress_film_or_review",
                violation_error_message="A film's former address leads to a film, a review's to a review.",
            ),
        ]

    def __str__(self):
        if self.review_slug:
            return presentation.review_url(self.film_slug, self.review_slug)
        return presentation.film_url(self.film_slug)

    def get_absolute_url(self):
        # Where the address leads now; reads self.film or self.review (and its film).
        return (self.film or self.review).get_absolute_url()
