"""Formatting for the public pages: templates render, these filters format."""

from decimal import Decimal
from html import escape as escape_text
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.utils.dateformat import format as format_date
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from taggit.models import Tag

from reviews import linked_data, presentation, text
from reviews.models import AwardOutcome, Credit, FilmTitle
from reviews.models.common import is_web_url
from reviews.models.reviews import EXCERPT_SOURCE_CHARS
from reviews.views.params import is_clean

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
    """The headline, or a title made from the source and film (presentation.review_title())."""
    return presentation.review_title(review)


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


# --- what a page says of itself: its canonical address, previews, structured data ------------


class KeptNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        output = self.nodelist.render(context)
        context[self.name] = output
        return output


@register.tag
def keep(parser, token):
    """`{% keep "name" %}…{% endkeep %}`: shows what it holds, and keeps it as the variable `name` for
    the rest of the template. base.html keeps the page's title and description, which its blocks
    give once, to show them again in the page's previews."""
    bits = token.split_contents()
    if len(bits) != 2 or len(bits[1]) < 3 or bits[1][0] != bits[1][-1] or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('{% keep "name" %} takes one quoted name.')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeptNode(bits[1][1:-1], nodelist)


# What names a list's position in its own order (views/paging.py).
POSITION = ("page", "after", "before")
# The query parameters that choose what a list shows, by URL name, in the order its canonical
# address gives them. Every other page (home, a record's, whose lists are secondary to it) is
# canonical at its path alone.
CANONICAL_QUERY = {
    "film-list": ("decade", "country", "tag", *POSITION),
    "review-list": POSITION,
    "person-list": ("letter", *POSITION),
    "festival-list": ("page",),
    "tag-list": POSITION,
    "search": ("q", "kind", "page"),
}
# No list reads a longer value: the longest is a film's slug naming a position (views/paging.py).
LONGEST_VALUE = 320


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's canonical address, absolute (docs/crawlers-and-feeds.md): its path, and the query
    parameters that choose what it shows, each once, in a fixed order; empty ones, and values too
    long or with control characters for any list to read, left out. A list in another order
    (`sort=`) holds the same items as in its own: its canonical address is the start of the list.

    Built from the request, like every absolute address of the site (the page cache keeps a page
    per scheme and host)."""
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    names = CANONICAL_QUERY.get(match.url_name if match else None, ())
    if request.GET.get("sort"):
        names = [name for name in names if name not in POSITION]
    # QueryDict.get() gives a repeated parameter's last value, as the views read it.
    values = [(name, request.GET.get(name, "")) for name in names]
    query = urlencode([(name, value) for name, value in values if value and is_clean(value, LONGEST_VALUE)])
    return request.build_absolute_uri(escape_uri_path(request.path) + (f"?{query}" if query else ""))


@register.filter
def json_ld(graph):
    """A page's structured data (reviews/linked_data.py) as its JSON-LD data block."""
    return linked_data.script_element(graph)


def _listed(words):
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _sentence(words):
    """The first letter a capital, the rest as it is (str.capitalize() lowers the rest: "france")."""
    return words[:1].upper() + words[1:]


def _counted(number, noun):
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@register.filter
def film_summary(film):
    """A film in a line, for its page's description: "1957 film by Mikhail Kalatozov, Soviet Union;
    12 reviews". Reads the credits and countries Film.objects.get_for_page() prefetched."""
    directors = [credit.person.name for credit in film.credits.all() if credit.role == Credit.Role.DIRECTOR]
    summary = f"{film.year} film" if film.year else "Film"
    if directors:
        summary += f" by {_listed(directors)}"
    if countries := [country.name for country in film.countries.all()]:
        summary += f", {', '.join(countries)}"
    reviews = film.published_review_count
    return f"{summary}; {_counted(reviews, 'review') if reviews else 'no reviews yet'}"


@register.filter
def person_summary(person, filmography):
    """A person in a line, for their page's description: "Director, writer and producer (1903–1973);
    3 films". `filmography` is the page's (presentation.group_filmography())."""
    roles = [group.heading.lower() for group in filmography]
    summary = _sentence(_listed(roles)) if roles else "In the Film Archive"
    if years := years_active(person):
        summary += f" ({years})"
    if films := len({credit["film_id"] for group in filmography for credit in group.credits}):
        summary += f"; {_counted(films, 'film')}"
    return summary


def _dates(start, end):
    if start and end:
        return f"{format_date(start, 'j F Y')} – {format_date(end, 'j F Y')}"
    return format_date(start, "j F Y") if start else ""


def _place(festival):
    return ", ".join(part for part in (festival.city, festival.country and festival.country.name) if part)


@register.filter
def edition_summary(edition):
    """An edition in a line, for its page's description: "Cannes, France, 2 May 1958 – 18 May 1958:
    3 films selected, 1 award". Reads what Edition.objects.get_for_page() prefetched."""
    where_and_when = ", ".join(
        part for part in (_place(edition.festival), _dates(edition.start_date, edition.end_date)) if part
    )
    films = len({item.film_id for section in edition.ordered_sections for item in section.selected})
    awards = sum(1 for outcome in edition.outcomes if outcome.result == AwardOutcome.Result.WON)
    counts = f"{_counted(films, 'film')} selected, {_counted(awards, 'award')}"
    return f"{where_and_when}: {counts}" if where_and_when else _sentence(counts)


@register.filter
def festival_summary(festival, editions):
    """A festival in a line, for its page's description: "Cannes, France; founded 1946; 3 editions in
    the archive, 1958–1961". `editions` are its page's (presentation.EditionSummary, newest first)."""
    parts = [_place(festival)]
    if festival.founded_year:
        parts.append(f"founded {festival.founded_year}")
    if editions:
        years = sorted({edition.year for edition in editions})
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        parts.append(f"{_counted(len(editions), 'edition')} in the archive, {span}")
    else:
        parts.append("no editions in the archive yet")
    return _sentence("; ".join(part for part in parts if part))
