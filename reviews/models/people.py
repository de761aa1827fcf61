"""People, the other names they are known by, and their credits on films."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Left, Upper

from reviews import presentation

from .common import Citation, Stamped, citations_exist

imdb_name_id = RegexValidator(r"^nm\d{7,9}$", "An IMDb name id looks like nm0436915.")
wikidata_id = RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q55207.")


class PersonQuerySet(models.QuerySet):
    def for_sitemap(self):
        """A sitemap entry's row: id, slug, when it last changed (reviews/sitemaps.py)."""
        return self.order_by("pk").values_list("pk", "slug", "updated_at")

    def with_initial(self, letter):
        """People whose name starts with `letter`; the expression person_initial_idx holds, which serves
        both the filter and the order."""
        return self.alias(initial=Upper(Left("name", 1))).filter(initial=letter)

    def for_listing(self):
        """What the list of people shows: name, dates, on how many films they have a credit."""
        films = Credit.objects.filter(person=OuterRef("pk")).order_by().values("person")
        film_count = Subquery(films.annotate(n=Count("film", distinct=True)).values("n"), output_field=IntegerField())
        return self.only("name", "slug", "birth_date", "death_date").annotate(film_count=Coalesce(film_count, Value(0)))

    def get_for_page(self, slug):
        """The person at `slug` with their other names, their cited sources when they have any, and
        whether they have awards or jury service (honours() reads those). Raises Person.DoesNotExist."""
        from .festivals import AwardRecipient, JuryMember

        person = (
            self.annotate(
                has_awards=Exists(AwardRecipient.objects.filter(person=OuterRef("pk"))),
                has_juries=Exists(JuryMember.objects.filter(person=OuterRef("pk"))),
                has_citations=citations_exist(Person),
            )
            .prefetch_related("other_names")
            .get(slug=slug)
        )
        if person.has_citations:
            prefetch_related_objects([person], "citations")
        return person

    def for_download(self):
        """Every person with their own facts, for the bulk download (reviews/downloads.py): other names and
        citations, by id; read in chunks, the lists prefetched for each."""
        return (
            self.annotate(has_citations=citations_exist(Person))
            .prefetch_related("other_names", "citations")
            .order_by("pk")
        )

    def honours(self, person_id):
        """What person_detail.html shows of a person's awards and jury service: (award outcomes, with what
        _award_outcome.html shows; jury memberships, with their edition and section)."""
        from .festivals import AwardOutcome, JuryMember

        outcomes = AwardOutcome.objects.for_listing().filter(recipients=person_id)
        juries = JuryMember.objects.filter(person=person_id).select_related("edition__festival", "section")
        return (
            list(outcomes.order_by("edition__year", "award__position", "pk")),
            list(juries.order_by("edition__year", "pk")),
        )

    def initials(self):
        """The first letters of people's names, for the A–Z index.

        Plain SQL: a recursive query steps from one initial to the next along person_initial_idx,
        a few dozen index probes, where DISTINCT reads every name (40 ms at 300,000 people).
        """
        table = connection.ops.quote_name(Person._meta.db_table)
        # The expression of person_initial_idx as each engine's index holds it (Left() is SUBSTR on SQLite).
        initial = "upper(left(name, 1))" if connection.vendor == "postgresql" else "UPPER(SUBSTR(name, 1, 1))"
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE letter(initial) AS (
                    SELECT (SELECT min({initial}) FROM {table})
                    UNION ALL
                    SELECT (SELECT min({initial}) FROM {table} WHERE {initial} > letter.initial)
                    FROM letter WHERE letter.initial IS NOT NULL
                )
                SELECT initial FROM letter WHERE initial IS NOT NULL
                """
            )
            return [initial for (initial,) in cursor.fetchall()]


class Person(Stamped):
    name = models.CharField(max_length=200, help_text="Canonical name, as the archive lists it.")
    slug = models.SlugField(max_length=220, unique=True)
    birth_date = models.DateField(null=True, blank=True)
    birth_place = models.CharField(max_length=200, blank=True)
    death_date = models.DateField(null=True, blank=True)
    death_place = models.CharField(max_length=200, blank=True)
    biography = models.TextField(blank=True)
    imdb_id = models.CharField("IMDb id", max_length=12, blank=True, validators=[imdb_name_id])
    wikidata_id = models.CharField("Wikidata id", max_length=20, blank=True, validators=[wikidata_id])
    citations = GenericRelation(Citation)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["imdb_id"],
                condition=~Q(imdb_id=""),
                name="person_imdb_id_unique",
                violation_error_message="Another person already has this IMDb id.",
            ),
            models.CheckConstraint(
                condition=Q(death_date__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(death_date__gte=models.F("birth_date")),
                name="person_dies_after_birth",
                violation_error_message="The death date is before the birth date.",
            ),
        ]
        indexes = [
            # The people list, whole and by initial (reviews/views/people.py).
            models.Index(fields=["name", "id"], name="person_name_idx"),
            models.Index(Upper(Left("name", 1)), "name", "id", name="person_initial_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return presentation.person_url(self.slug)

    @property
    def imdb_url(self):
        return f"https://www.imdb.com/name/{self.imdb_id}/" if self.imdb_id else ""

    @property
    def wikidata_url(self):
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""

    def film_ids(self):
        """The ids of the films this person has a credit on."""
        return sorted(set(self.credits.values_list("film_id", flat=True)))


class PersonName(models.Model):
    """Another name a person is known by; every one of them must find the person."""

    class Kind(models.TextChoices):
        ORIGINAL_SCRIPT = "original_script", "Original script"
        TRANSLITERATION = "transliteration", "Transliteration"
        BIRTH_NAME = "birth_name", "Birth name"
        ALTERNATIVE = "alternative", "Alternative spelling"
        MISSPELLING = "misspelling", "Common misspelling"

    person = models.ForeignKey(Person, models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ALTERNATIVE)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47 tag: ru, ka, ru-Latn, ...")

    class Meta:
        ordering = ["person", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="personname_unique_per_person",
                violation_error_message="This person already has this name.",
            ),
        ]

    def __str__(self):
        return self.name


class CreditQuerySet(models.QuerySet):
    def in_billing_order(self):
        """Vocabulary order of roles, then billing order; unbilled credits last."""
        return self.alias(role_rank=Credit.role_rank()).order_by(
            "role_rank", models.F("billing_order").asc(nulls_last=True), "id"
        )

    def for_film_page(self):
        """A film's credits as its page lists them: in billing order, with each person's name and address."""
        return (
            self.in_billing_order()
            .select_related("person")
            .only("film", "role", "character_name", "credited_as", "note", "person__name", "person__slug")
        )

    def filmography(self):
        """Credits as filmography rows (dicts, for person_detail.html's `filmography_items` filter): roles in
        vocabulary order, then films in the order they came out.

        Rows, not instances: a busy actor has hundreds of credits, and two model instances per row
        (a Credit and its Film) were most of the page's time.
        """
        return (
            self.alias(role_rank=Credit.role_rank())
            .order_by("role_rank", "film__year", "film__title", "pk")
            .values(
                *("role", "film_id", "character_name", "credited_as", "note"),
                film_slug=models.F("film__slug"),
                film_title=models.F("film__title"),
                film_year=models.F("film__year"),
            )
        )


class Credit(models.Model):
    """A person's work on a film, in a role from a controlled vocabulary."""

    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        WRITER = "writer", "Writer"
        CINEMATOGRAPHER = "cinematographer", "Cinematographer"
        COMPOSER = "composer", "Composer"
        EDITOR = "editor", "Editor"
        PRODUCTION_DESIGNER = "production_designer", "Production designer"
        PRODUCER = "producer", "Producer"
        ACTOR = "actor", "Actor"

    film = models.ForeignKey("Film", models.PROTECT, related_name="credits")
    person = models.ForeignKey(Person, models.PROTECT, related_name="credits")
    role = models.CharField(max_length=20, choices=Role)
    character_name = models.CharField(max_length=200, blank=True, help_text="Actors only.")
    credited_as = models.CharField(
        max_length=200, blank=True, help_text="The name on screen, when it differs from the person's name."
    )
    billing_order = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 for top billing.")
    note = models.CharField(max_length=200, blank=True, help_text="e.g. “exteriors”, “uncredited”.")

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["film", "role", "billing_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character_name"],
                name="credit_unique",
                violation_error_message="This person already has this credit on this film.",
            ),
            models.CheckConstraint(
                condition=Q(role="actor") | Q(character_name=""),
                name="credit_character_only_for_actors",
                violation_error_message="Only actors play characters.",
            ),
        ]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.film}"

    @classmethod
    def role_rank(cls):
        return models.Case(
            *[models.When(role=role, then=models.Value(rank)) for rank, role in enumerate(cls.Role)],
            output_field=models.IntegerField(),
        )
