"""Festivals, their yearly editions with sections, selections and juries, and awards."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects

from reviews import presentation

from .common import Citation, Stamped, WebURLField, citations_exist, web_url_constraint


def ordinal(number):
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class FestivalQuerySet(models.QuerySet):
    def for_sitemap(self):
        """A sitemap entry's row: id, slug, when it last changed (reviews/sitemaps.py)."""
        return self.order_by("pk").values_list("pk", "slug", "updated_at")

    def for_listing(self):
        """What lists of festivals show: name, place, how many editions, the first and latest years."""
        return (
            self.select_related("country")
            .annotate(
                edition_count=Count("editions"), first_year=Min("editions__year"), latest_year=Max("editions__year")
            )
            .order_by("name", "pk")
        )

    def for_detail(self):
        """What festival_detail.html shows of a festival beyond its editions: its country and awards."""
        # The awards in their own order: Award's would sort by festival, joining it.
        return self.select_related("country").prefetch_related(
            Prefetch("awards", Award.objects.order_by("position", "name"))
        )

    def for_download(self):
        """Every festival with what for_detail() reads, by id, for the bulk download (reviews/downloads.py)."""
        return self.for_detail().order_by("pk")

    def with_editions(self):
        """What the festival page's list of editions shows: each edition, newest first, with its top winners."""
        return self.prefetch_related(
            Prefetch(
                "editions",
                Edition.objects.order_by("-year").prefetch_related(
                    Prefetch(
                        "award_outcomes",
                        AwardOutcome.objects.for_listing().top_wins().order_by("pk"),
                        to_attr="top_wins",
                    )
                ),
                to_attr="editions_newest_first",
            )
        )


class Festival(Stamped):
    name = models.CharField(max_length=200, unique=True, help_text="e.g. Cannes Film Festival")
    short_name = models.CharField(max_length=100, blank=True, help_text="e.g. Cannes")
    slug = models.SlugField(max_length=120, unique=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey("Country", models.PROTECT, null=True, blank=True, related_name="festivals")
    founded_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    website = WebURLField(blank=True)

    objects = FestivalQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [web_url_constraint("website", "festival")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return presentation.festival_url(self.slug)


class EditionQuerySet(models.QuerySet):
    def for_sitemap(self):
        """A sitemap entry's row: id, its festival's id and slug, year, when it last changed
        (reviews/sitemaps.py)."""
        return self.order_by("pk").values_list("pk", "festival_id", "festival__slug", "year", "updated_at")

    def with_programme(self):
        """What edition_detail.html lists of each edition, each list one query: its sections with the films
        selected (`ordered_sections`, each with `selected`), its jury (`jury_members`), its award outcomes
        with their recipients (`outcomes`)."""
        # Explicit orders: the models' own would sort by edition, joining its festival.
        return self.prefetch_related(
            Prefetch(
                "sections",
                Section.objects.order_by("position", "name").prefetch_related(
                    Prefetch(
                        "selections",
                        Selection.objects.select_related("film")
                        .only("section", "note", "film__title", "film__slug", "film__year")
                        .order_by("position", "pk"),
                        to_attr="selected",
                    )
                ),
                to_attr="ordered_sections",
            ),
            Prefetch(
                "jury",
                JuryMember.objects.select_related("person", "section")
                .only("edition", "role", "section", "person__name", "person__slug", "section__name")
                .order_by("-role", "pk"),
                to_attr="jury_members",
            ),
            Prefetch(
                "award_outcomes",
                AwardOutcome.objects.for_listing().order_by("award__position", "award__name", "result", "pk"),
                to_attr="outcomes",
            ),
        )

    def get_for_page(self, festival_slug, year):
        """The edition with what edition_detail.html shows of it: its festival and the years of the
        editions before and after it; its programme (with_programme()); its cited sources when it has
        any. Raises Edition.DoesNotExist."""
        siblings = Edition.objects.filter(festival=OuterRef("festival")).order_by()
        edition = (
            self.select_related("festival__country")
            .annotate(
                previous_year=Subquery(siblings.filter(year__lt=OuterRef("year")).order_by("-year").values("year")[:1]),
                next_year=Subquery(siblings.filter(year__gt=OuterRef("year")).order_by("year").values("year")[:1]),
                has_citations=citations_exist(Edition),
            )
            .with_programme()
            .get(festival__slug=festival_slug, year=year)
        )
        if edition.has_citations:
            prefetch_related_objects([edition], "citations")
        return edition

    def for_download(self):
        """Every edition whole, for the bulk download (reviews/downloads.py): its festival, its programme
        and citations, by id; read in chunks, the lists prefetched for each."""
        return (
            self.select_related("festival")
            .annotate(has_citations=citations_exist(Edition))
            .with_programme()
            .prefetch_related("citations")
            .order_by("pk")
        )


class Edition(Stamped):
    festival = models.ForeignKey(Festival, models.PROTECT, related_name="editions")
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="11 for the 11th edition.")
    year = models.PositiveSmallIntegerField()
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    citations = GenericRelation(Citation)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["festival", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "year"],
                name="edition_one_per_year",
                violation_error_message="This festival already has an edition that year.",
            ),
            models.UniqueConstraint(
                fields=["festival", "number"],
                name="edition_number_unique",
                violation_error_message="This festival already has an edition with this number.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="edition_ends_after_start",
                violation_error_message="The edition ends before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Reads self.festival: listings of editions must select_related("festival").
        return presentation.edition_url(self.festival.slug, self.year)

    @property
    def title(self):
        if self.number:
            return f"{ordinal(self.number)} {self.festival.name} ({self.year})"
        return f"{self.festival.name} {self.year}"


class Section(models.Model):
    """A programme of an edition: the competition, Un Certain Regard, out of competition, ..."""

    edition = models.ForeignKey(Edition, models.PROTECT, related_name="sections")
    name = models.CharField(max_length=200)
    is_competitive = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the edition page.")

    class Meta:
        ordering = ["edition", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="section_unique_per_edition"),
        ]

    def __str__(self):
        return f"{self.name} – {self.edition}"


class Selection(models.Model):
    """A film selected in a section of an edition."""

    section = models.ForeignKey(Section, models.PROTECT, related_name="selections")
    film = models.ForeignKey("Film", models.PROTECT, related_name="selections")
    note = models.CharField(max_length=200, blank=True, help_text="e.g. “opening film”.")
    position = models.PositiveSmallIntegerField(
        default=0,
        db_default=0,  # bulk writers that leave it out (generate_archive) list in entry order
        help_text="Order in the section's programme; equal numbers keep the order they were entered in.",
    )

    class Meta:
        ordering = ["section", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "film"],
                name="selection_unique",
                violation_error_message="This film is already in this section.",
            ),
        ]

    def __str__(self):
        return f"{self.film} in {self.section}"


class JuryMember(models.Model):
    class Role(models.TextChoices):
        PRESIDENT = "president", "President"
        MEMBER = "member", "Member"

    edition = models.ForeignKey(Edition, models.PROTECT, related_name="jury")
    person = models.ForeignKey("Person", models.PROTECT, related_name="juries")
    role = models.CharField(max_length=20, choices=Role, default=Role.MEMBER)
    section = models.ForeignKey(
        Section,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="jury",
        help_text="Leave empty for the main (feature film) jury.",
    )

    class Meta:
        # "president" sorts after "member": descending puts the president first.
        ordering = ["edition", "-role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "person", "section"], name="jurymember_unique"),
        ]
        verbose_name = "jury member"

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}), {self.edition}"


class Award(Stamped):
    """A prize as a stable identity across editions; its name may change by edition."""

    festival = models.ForeignKey(Festival, models.PROTECT, related_name="awards")
    name = models.CharField(max_length=200, help_text="Current or best-known name, e.g. Palme d'Or.")
    slug = models.SlugField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Rank on edition pages; 0 is the top prize.")

    class Meta:
        ordering = ["festival", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "slug"], name="award_slug_unique_per_festival"),
        ]

    def __str__(self):
        return self.name


class AwardOutcomeQuerySet(models.QuerySet):
    def for_listing(self):
        """What _award_outcome.html touches: the edition and festival, award, film, and the people it went
        to, as the list `recipient_list` (a list: a template reading `recipients.all` on every outcome
        of a festival's page copied a QuerySet each time)."""
        from .people import Person

        return (
            self.select_related("edition__festival", "award", "film")
            .only(
                *("edition", "award", "film", "result", "name_as_awarded", "note"),
                *("edition__year", "edition__number", "edition__festival__name", "edition__festival__slug"),
                *("award__name", "award__position", "film__title", "film__slug", "film__year"),
            )
            .prefetch_related(Prefetch("recipients", Person.objects.only("name", "slug"), to_attr="recipient_list"))
        )

    def top_wins(self):
        """Outcomes that won their festival's top-ranked award."""
        top_position = Award.objects.filter(festival=OuterRef("edition__festival")).order_by("position")
        return self.filter(
            result=AwardOutcome.Result.WON, award__position=Subquery(top_position.values("position")[:1])
        )


class AwardOutcome(Stamped):
    """What an edition's award went to: a film, people, or both."""

    class Result(models.TextChoices):
        WON = "won", "Won"
        SPECIAL_MENTION = "special_mention", "Special mention"
        NOMINATED = "nominated", "Nominated"

    edition = models.ForeignKey(Edition, models.PROTECT, related_name="award_outcomes")
    award = models.ForeignKey(Award, models.PROTECT, related_name="outcomes")
    film = models.ForeignKey("Film", models.PROTECT, null=True, blank=True, related_name="award_outcomes")
    recipients = models.ManyToManyField("Person", through="AwardRecipient", blank=True, related_name="award_outcomes")
    result = models.CharField(max_length=20, choices=Result, default=Result.WON)
    name_as_awarded = models.CharField(
        max_length=200, blank=True, help_text="The prize's name that year, when it differs (e.g. Grand Prix)."
    )
    note = models.CharField(max_length=300, blank=True, help_text="e.g. “ex aequo”, “for her performance”.")
    citations = GenericRelation(Citation)

    objects = AwardOutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "award__position", "result", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "award", "film", "result"],
                name="awardoutcome_unique",
                violation_error_message="This outcome is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.award_name}, {self.edition}: {self.get_result_display()}"

    @property
    def award_name(self):
        return self.name_as_awarded or self.award.name


class AwardRecipient(models.Model):
    outcome = models.ForeignKey(AwardOutcome, models.CASCADE)
    person = models.ForeignKey("Person", models.PROTECT, related_name="+")

    class Meta:
        ordering = ["outcome", "id"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "person"], name="awardrecipient_unique"),
        ]

    def __str__(self):
        return str(self.person)
