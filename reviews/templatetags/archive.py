"""Formatting for the public pages: templates render, these filters format."""

from decimal import Decimal
from html import escape as escape_text

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from taggit.models import Tag

from reviews import presentation, text
from reviews.models import AwardOutcome, Credit, FilmTitle
from reviews.models.common import is_web_url
from reviews.models.reviews import EXCERPT_SOURCE_CHARS

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


@register.filter
def link(record):
    """The address of a record's page: get_absolute_url(), or a tag's page (taggit's Tag has none)."""
    if isinstance(record, Tag):
        return presentation.tag_url(record.slug)
    return record.get_absolute_url()


@register.simple_tag
def external_link(url, text):
    """`text` linked to a stored address of another site, if it is an http(s) one; else `text` alone.

    The models refuse other schemes; this holds for whatever reached the database anyway.
    """
    if url and is_web_url(url):
        return format_html('<a rel="external" href="{}">{}</a>', url, text)
    return text


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
    """The excerpt of a listed review, from the start of its text that ReviewQuerySet.for_card() read."""
    start = review.body_start
    return text.plain_excerpt(start, words, is_cut=len(start) >= EXCERPT_SOURCE_CHARS)


@register.filter
def review_title(review):
    """The headline, or a title made from the source and film: "IMDb user review of The Cranes Are Flying".

    Reads review.film and review.source: callers select_related both.
    """
    if review.headline:
        return review.headline
    source_name = review.source.name
    if source_name.lower().endswith("review"):
        return f"{source_name} of {review.film.title}"
    return f"Review of {review.film.title}"


RESULT_LABELS = dict(AwardOutcome.Result.choices)


@register.filter
def result_label(result):
    """ "Won", "Special mention": an award outcome's result as shown."""
    return RESULT_LABELS.get(result, result)


@register.filter
def credit_heading(group):
    """The heading of a film's credits in one role ({% regroup %}'s group): "Director", "Writers", "Cast"."""
    if group.grouper == Credit.Role.ACTOR:
        return "Cast"
    label = Credit.Role(group.grouper).label
    return f"{label}s" if len(group.list) > 1 else label


TITLE_KINDS = dict(FilmTitle.Kind.choices)


@register.filter
def title_meta(title):
    """What a film's other title is: "Transliterated · Russian (Latin script) · note"."""
    parts = (TITLE_KINDS[title.kind], language_name(title.language), title.note)
    return " · ".join(part for part in parts if part)


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
    """A filmography's rows (CreditQuerySet.filmography()) as `<li>` items, every value escaped.

    Formatted here rather than by a loop in the template: a busy actor's four hundred rows,
    as template nodes, took 10 ms to render, and through format_html 5 ms (most of it in
    the lazy-string checks of Django's escape(), which is Python's html.escape plus them:
    these values are plain strings and numbers).
    """
    items = []
    for credit in credits:
        url = presentation.film_url(credit["film_slug"])
        extra = ""
        if credit["character_name"]:
            extra += f' <span class="character">… {escape_text(credit["character_name"])}</span>'
        if credit["credited_as"]:
            extra += f' <span class="meta">(as {escape_text(credit["credited_as"])})</span>'
        if credit["note"]:
            extra += f' <span class="meta">({escape_text(credit["note"])})</span>'
        items.append(
            f'<li><span class="filmography__year">{credit["film_year"] or "—"}</span> '
            f'<span><a href="{escape_text(url)}">{escape_text(credit["film_title"])}</a>{extra}</span></li>'
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
