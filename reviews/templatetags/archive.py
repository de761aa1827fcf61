"""Formatting for the public pages: templates render, these filters format."""

from decimal import Decimal
from html import escape as escape_text
from typing import NamedTuple

from django import template
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from taggit.models import Tag

from reviews import queries, text
from reviews.models import AwardOutcome, Edition, Film, Person, Review
from reviews.views import links

register = template.Library()

SCRIPT_NAMES = {"Latn": "Latin script", "Cyrl": "Cyrillic script", "Geor": "Georgian script", "Hans": "simplified"}

# Which navigation entry a page belongs to, by URL name.
NAV_SECTIONS = {
    "film-list": "films",
    "film-detail": "films",
    "review-detail": "reviews",
    "review-list": "reviews",
    "person-list": "people",
    "person-detail": "people",
    "festival-list": "festivals",
    "festival-detail": "festivals",
    "edition-detail": "festivals",
    "tag-list": "tags",
    "tag-detail": "tags",
}


class Link(NamedTuple):
    """An address and the name it is shown by (a tag, a person, an edition), made ready by a view."""

    url: str
    name: str


class OutcomeLine(NamedTuple):
    """An award outcome as _award_outcome.html shows it, from rows rather than an AwardOutcome."""

    result: str
    award_name: str
    note: str
    recipients: list  # of Link
    film: object = None
    edition: object = None


# How each kind of record finds its page's address (views.links: no URLconf walk per link).
LINKS = {
    Link: lambda link: link.url,
    Film: lambda film: links.film_url(film.slug),
    Person: lambda person: links.person_url(person.slug),
    Review: lambda review: links.review_url(review.film.slug, review.slug),
    Edition: lambda edition: links.edition_url(edition.festival.slug, edition.year),
    Tag: lambda tag: links.tag_url(tag.slug),
    queries.TagUse: lambda tag: links.tag_url(tag.slug),
}


@register.filter
def link(record):
    """The address of a film, person, review, edition or tag page: what get_absolute_url gives, faster."""
    return LINKS[type(record)](record)


@register.filter
def paragraphs(body):
    """A stored review text as escaped `<p>` paragraphs (see reviews.text)."""
    return text.render_paragraphs(body)


@register.filter
def excerpt(body, words=40):
    """Plain text for listings; the template's autoescaping escapes it."""
    return text.plain_excerpt(body, words)


@register.filter
def review_excerpt(review, words=40):
    """The excerpt of a listed review (a card's), from the start of its body that queries.with_excerpt loaded."""
    start = review.body_start
    return text.plain_excerpt(start, words, is_cut=len(start) >= queries.EXCERPT_SOURCE_CHARS)


@register.filter
def review_title(review):
    """The headline, or a title made from the source and film: "IMDb user review of The Cranes Are Flying".

    Reads review.film and review.source: callers select_related both (the review page does).
    """
    return title_of_review(review.headline, review.source.name, review.film.title)


def title_of_review(headline, source_name, film_title):
    """The review_title filter's text from the fields themselves (for cards, which are rows)."""
    if headline:
        return headline
    if source_name.lower().endswith("review"):
        return f"{source_name} of {film_title}"
    return f"Review of {film_title}"


RESULT_LABELS = dict(AwardOutcome.Result.choices)


@register.filter
def result_label(result):
    """ "Won", "Special mention": an award outcome's result as shown."""
    return RESULT_LABELS.get(result, result)


@register.filter
def recipients(outcome):
    """The people an award outcome went to: Person instances (prefetched), or an OutcomeLine's Links."""
    return outcome.recipients if isinstance(outcome, OutcomeLine) else outcome.recipients.all()


def _plain_number(value):
    value = Decimal(value)
    return f"{value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize():f}"


@register.filter
def rating(review):
    """The rating on its own scale, "7/10" or "3.5/5"; empty when the review has none."""
    if review.rating is None:
        return ""
    return f"{_plain_number(review.rating)}/{review.rating_scale}"


@register.filter
def rating_out_of_100(review):
    """The normalised rating, "70/100"; empty when the review has none."""
    if review.rating_normalised is None:
        return ""
    return f"{round(review.rating_normalised)}/100"


@register.filter
def language_name(code):
    """English name of a BCP 47 tag: "ru-Latn" reads "Russian (Latin script)". Unknown tags stay as they are."""
    if not code:
        return ""
    subtags = code.split("-")
    try:
        name = get_language_info(code)["name"]
    except KeyError:
        try:
            name = get_language_info(subtags[0])["name"]
        except KeyError:
            return code
    scripts = [SCRIPT_NAMES.get(subtag, subtag) for subtag in subtags[1:] if len(subtag) == 4 and subtag.isalpha()]
    return f"{name} ({', '.join(scripts)})" if scripts else name


@register.filter
def runtime(minutes):
    return f"{minutes} min" if minutes else ""


@register.filter
def decade(year):
    """The decade a year belongs to, as the film list's ?decade= takes it: 1957 gives 1950."""
    return year // 10 * 10 if year else ""


@register.filter
def years_active(person):
    """ "1903–1973", "born 1950", or empty when no date is known."""
    born = person.birth_date.year if person.birth_date else None
    died = person.death_date.year if person.death_date else None
    if born and died:
        return f"{born}–{died}"
    if born:
        return f"born {born}"
    if died:
        return f"died {died}"
    return ""


@register.filter
def filmography_items(credits):
    """A filmography's rows (views.people.filmography_rows) as `<li>` items, every value escaped.

    Formatted here rather than by a loop in the template: a busy actor's four hundred rows,
    as template nodes, took 10 ms to render, and through format_html 5 ms (most of it in
    the lazy-string checks of Django's escape(), which is Python's html.escape plus them:
    these values are plain strings and numbers).
    """
    items = []
    for credit in credits:
        extra = ""
        if credit["character_name"]:
            extra += f' <span class="character">… {escape_text(credit["character_name"])}</span>'
        if credit["credited_as"]:
            extra += f' <span class="meta">(as {escape_text(credit["credited_as"])})</span>'
        if credit["note"]:
            extra += f' <span class="meta">({escape_text(credit["note"])})</span>'
        items.append(
            f'<li><span class="filmography__year">{credit["year"] or "—"}</span> '
            f'<span><a href="{escape_text(credit["url"])}">{escape_text(credit["title"])}</a>{extra}</span></li>'
        )
    return mark_safe("\n".join(items))  # every stored value above went through escape_text


@register.filter
def nav_section(url_name):
    return NAV_SECTIONS.get(url_name, "")


@register.simple_tag
def page_query(query, param, number):
    """The query string for another page, keeping every other parameter: `?decade=1950&page=3`.

    `param` is the page parameter's name, so one page can hold two paginated lists.
    """
    params = query.copy() if isinstance(query, QueryDict) else QueryDict(mutable=True)
    params[param] = number
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL for OpenGraph tags; the path alone when there is no request (error pages)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path
