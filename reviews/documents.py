"""The archive's records as JSON documents: one shape for each kind of record, declared once here
for the JSON addresses (reviews/views/data.py) and the bulk download (reviews/downloads.py).

The archive's own plain vocabulary (docs/data.md), not schema.org's: what the pages show, named
as the models name it. Every record, and every record a document names, carries `url` (the
absolute address of its page) and `json` (of its document), so documents link to each other as
the pages do. Dates are ISO 8601 (`1957-10-12`), times too, in UTC with their offset. Empty
text is an empty string; an unknown number or date is null. Keys come in the order written
here, the same in every document.

The methods read what the named queries load: a film's parts from `Film.objects.get_for_page()`
or `for_download()`, a review's from `for_card()`, `for_detail()` or `for_download()`, and so
on. Nothing here queries; nothing decides what is public (callers pass published reviews only).
"""

from reviews import presentation, text
from reviews.templatetags.archive import review_excerpt, review_title


def _date(value):
    return value.isoformat() if value is not None else None


def _number(value):
    """A Decimal as a JSON number: 8, not 8.0; 3.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def _rating(review):
    """The rating on its own scale, whose top is `scale`, and on the common 0–100 scale; or None."""
    if review.rating is None:
        return None
    return {
        "value": _number(review.rating),
        "scale": review.rating_scale,
        "out_of_100": _number(review.rating * 100 / review.rating_scale),
    }


def _cited(record):
    """A record's citations: loaded only for records that have some (`has_citations`)."""
    return record.citations.all() if record.has_citations else ()


class Documents:
    """Documents whose addresses `absolute(path)` makes absolute: the request's
    `build_absolute_uri` in a view, the site's address in the bulk download."""

    def __init__(self, absolute):
        self.absolute = absolute

    def _addresses(self, page, document):
        return {"url": self.absolute(page), "json": self.absolute(document)}

    # --- records named by other documents -------------------------------------------------

    def film_ref(self, slug, title, year):
        return {
            "title": title,
            "year": year,
            **self._addresses(presentation.film_url(slug), presentation.film_json_url(slug)),
        }

    def person_ref(self, person):
        slug = person.slug
        return {
            "name": person.name,
            **self._addresses(presentation.person_url(slug), presentation.person_json_url(slug)),
        }

    def festival_ref(self, festival):
        slug = festival.slug
        return {
            "name": festival.name,
            **self._addresses(presentation.festival_url(slug), presentation.festival_json_url(slug)),
        }

    def edition_ref(self, edition):
        """Reads edition.festival's name and slug."""
        slug, year = edition.festival.slug, edition.year
        return {
            "title": edition.title,
            "year": year,
            **self._addresses(presentation.edition_url(slug, year), presentation.edition_json_url(slug, year)),
        }

    def review_ref(self, review):
        """The title, address and author of a review: reads its film's slug and title and its source's name."""
        film_slug, slug = review.film.slug, review.slug
        return {
            "title": review_title(review),
            **self._addresses(presentation.review_url(film_slug, slug), presentation.review_json_url(film_slug, slug)),
            "author": review.author,
        }

    def tags(self, links):
        """Tags as a record's `tags_shown` gives them; a tag's page has no document of its own."""
        return [{"name": link.name, "url": self.absolute(link.url)} for link in links]

    def citations(self, record):
        return [
            {
                "fact": citation.fact,
                "value": citation.value,
                "source": citation.source,
                "url": citation.url,
                "note": citation.note,
            }
            for citation in _cited(record)
        ]

    def award_outcome(self, outcome, *, edition=True):
        """What _award_outcome.html shows (AwardOutcome.objects.for_listing()); `edition` False in a
        document of the edition itself."""
        document = {
            "award": outcome.award_name,
            "result": outcome.result,
            "film": self.film_ref(outcome.film.slug, outcome.film.title, outcome.film.year) if outcome.film else None,
            "recipients": [self.person_ref(person) for person in outcome.recipient_list],
            "note": outcome.note,
        }
        if edition:
            document = {"edition": self.edition_ref(outcome.edition), **document}
        return document

    # --- films ---------------------------------------------------------------------------------

    def film(self, film):
        """A film's own facts: its titles, countries, tags, credits with their people, citations."""
        return {
            "type": "film",
            **self._addresses(presentation.film_url(film.slug), presentation.film_json_url(film.slug)),
            "title": film.title,
            "year": film.year,
            "titles": [
                {"title": title.title, "kind": title.kind, "language": title.language, "note": title.note}
                for title in film.titles.all()
            ],
            "countries": [{"code": country.code, "name": country.name} for country in film.countries.all()],
            "runtime_minutes": film.runtime_minutes,
            "synopsis": film.synopsis,
            "imdb_id": film.imdb_id,
            "wikidata_id": film.wikidata_id,
            "tags": self.tags(film.tags_shown),
            "credits": [
                {
                    "role": credit.role,
                    "person": self.person_ref(credit.person),
                    "character_name": credit.character_name,
                    "credited_as": credit.credited_as,
                    "note": credit.note,
                }
                for credit in film.credits.all()
            ],
            "citations": self.citations(film),
        }

    def festival_history(self, history):
        """A film's selections and awards by edition (Film.festival_history())."""
        return [
            {
                "edition": self.edition_ref(entry.edition),
                "selections": [
                    {"section": selection.section.name, "note": selection.note} for selection in entry.selections
                ],
                "awards": [self.award_outcome(outcome, edition=False) for outcome in entry.outcomes],
            }
            for entry in history
        ]

    # --- reviews -------------------------------------------------------------------------------

    def review_summary(self, review):
        """What a review card shows (Review.objects.for_card()): no text but its excerpt."""
        return {
            **self.review_ref(review),
            "headline": review.headline,
            "film": self.film_ref(review.film.slug, review.film.title, review.film.year),
            "author": review.author,
            "source": review.source.name,
            "language": review.language,
            "written_date": _date(review.written_date),
            "published_at": _date(review.published_at),
            "rating": _rating(review),
            "excerpt": review_excerpt(review),
            "tags": self.tags(review.tags_shown),
        }

    def review(self, review):
        """A published review whole (Review.objects.for_detail() or for_download()): its text as plain text,
        paragraphs separated by a blank line (the stored text's `<br />`, the only markup it may hold,
        became paragraph breaks: nothing in `text` is markup)."""
        film_slug, slug = review.film.slug, review.slug
        return {
            "type": "review",
            **self._addresses(presentation.review_url(film_slug, slug), presentation.review_json_url(film_slug, slug)),
            "title": review_title(review),
            "headline": review.headline,
            "film": self.film_ref(film_slug, review.film.title, review.film.year),
            "author": review.author,
            "source": {"name": review.source.name, "url": review.source.url},
            "source_identifier": review.source_identifier,
            "source_url": review.source_url,
            "language": review.language,
            "written_date": _date(review.written_date),
            "archived_at": _date(review.archived_at),
            "published_at": _date(review.published_at),
            "rating": _rating(review),
            "text": "\n\n".join(text.split_paragraphs(review.body)),
            "tags": self.tags(review.tags_shown),
        }

    def other_review(self, review):
        """A review in the short list of a review page's others (ReviewQuerySet.for_other_reviews())."""
        return {**self.review_ref(review), "author": review.author, "rating": _rating(review)}

    def reviews_page(self, page, reviews):
        """A page of a list of reviews, as the page shows it (views/paging.py's Page): `reviews` are the
        page's reviews read for their cards, in its order. The other pages by their addresses."""

        def address(query):
            return self.absolute(query) if query else None

        return {
            "count": page.count,
            "page": page.number,
            "previous": address(page.previous_query),
            "next": address(page.next_query),
            "items": [self.review_summary(review) for review in reviews],
        }

    # --- people --------------------------------------------------------------------------------

    def person(self, person):
        """A person's own facts: other names, life, ids elsewhere, citations."""
        return {
            "type": "person",
            **self._addresses(presentation.person_url(person.slug), presentation.person_json_url(person.slug)),
            "name": person.name,
            "other_names": [
                {"name": name.name, "kind": name.kind, "language": name.language} for name in person.other_names.all()
            ],
            "birth_date": _date(person.birth_date),
            "birth_place": person.birth_place,
            "death_date": _date(person.death_date),
            "death_place": person.death_place,
            "biography": person.biography,
            "imdb_id": person.imdb_id,
            "wikidata_id": person.wikidata_id,
            "citations": self.citations(person),
        }

    def filmography(self, rows):
        """A person's credits (CreditQuerySet.filmography() rows), roles in vocabulary order, then films
        in the order they came out."""
        return [
            {
                "role": row["role"],
                "film": self.film_ref(row["film_slug"], row["film_title"], row["film_year"]),
                "character_name": row["character_name"],
                "credited_as": row["credited_as"],
                "note": row["note"],
            }
            for row in rows
        ]

    def jury_service(self, members):
        """A person's jury memberships (PersonQuerySet.honours())."""
        return [
            {
                "edition": self.edition_ref(member.edition),
                "role": member.role,
                "section": member.section.name if member.section else None,
            }
            for member in members
        ]

    # --- festivals and editions ----------------------------------------------------------------

    def festival(self, festival):
        """A festival's own facts and its awards (Festival.objects.for_detail())."""
        return {
            "type": "festival",
            **self._addresses(presentation.festival_url(festival.slug), presentation.festival_json_url(festival.slug)),
            "name": festival.name,
            "short_name": festival.short_name,
            "city": festival.city,
            "country": {"code": festival.country.code, "name": festival.country.name} if festival.country else None,
            "founded_year": festival.founded_year,
            "website": festival.website,
            "description": festival.description,
            "awards": [{"name": award.name, "description": award.description} for award in festival.awards.all()],
        }

    def festival_editions(self, editions):
        """A festival's editions, newest first, with their top winners (FestivalQuerySet.with_editions())."""
        return [
            {
                **self.edition_ref(edition),
                "number": edition.number,
                "start_date": _date(edition.start_date),
                "end_date": _date(edition.end_date),
                "top_winners": [self.award_outcome(outcome, edition=False) for outcome in edition.top_wins],
            }
            for edition in editions
        ]

    def edition(self, edition):
        """An edition whole (EditionQuerySet.with_programme()): its sections and the films selected, its
        jury, its awards, citations."""
        festival = edition.festival
        return {
            "type": "edition",
            **self._addresses(
                presentation.edition_url(festival.slug, edition.year),
                presentation.edition_json_url(festival.slug, edition.year),
            ),
            "title": edition.title,
            "festival": self.festival_ref(festival),
            "number": edition.number,
            "year": edition.year,
            "start_date": _date(edition.start_date),
            "end_date": _date(edition.end_date),
            "notes": edition.notes,
            "awards": [self.award_outcome(outcome, edition=False) for outcome in edition.outcomes],
            "sections": [
                {
                    "name": section.name,
                    "is_competitive": section.is_competitive,
                    "films": [
                        {
                            "film": self.film_ref(selection.film.slug, selection.film.title, selection.film.year),
                            "note": selection.note,
                        }
                        for selection in section.selected
                    ],
                }
                for section in edition.ordered_sections
            ],
            # Presidents first (the page groups them by jury; `section` is None for the main jury).
            "jury": [
                {
                    "person": self.person_ref(member.person),
                    "role": member.role,
                    "section": member.section.name if member.section else None,
                }
                for member in edition.jury_members
            ],
            "citations": self.citations(edition),
        }

    def edition_neighbour(self, festival, year):
        """The festival's edition before or after this one, by its year; or None."""
        if year is None:
            return None
        return {
            "year": year,
            **self._addresses(
                presentation.edition_url(festival.slug, year), presentation.edition_json_url(festival.slug, year)
            ),
        }

    # --- tags ----------------------------------------------------------------------------------

    def tag(self, use):
        """A tag in use (TagUse) with how many films and published reviews carry it."""
        return {
            "type": "tag",
            "url": self.absolute(presentation.tag_url(use.tag.slug)),
            "name": use.tag.name,
            "slug": use.tag.slug,
            "film_count": use.film_count,
            "review_count": use.review_count,
        }
