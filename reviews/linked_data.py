"""Structured data for the public pages: schema.org, written as JSON-LD.

One function per kind of page takes the objects its view already read (nothing here
queries) and returns the page's graph: its entity, linked to the others by their canonical
absolute addresses (`@id` and `url`), and its `BreadcrumbList`. base.html writes the graph
with the `json_ld` filter, as a data block that no stored text can end
(`script_element()`). docs/crawlers-and-feeds.md says what each page carries, and why.
"""

import json
from decimal import Decimal

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reviews import presentation, text
from reviews.models import AwardOutcome, Credit, Review
from reviews.models.common import is_web_url

SCHEMA = "https://schema.org"
SITE_NAME = "Film Archive"
SEARCH_TERM = "search_term_string"
EXCERPT_WORDS = 60

# The lists at the second step of every trail: Film Archive › Films › The Cranes Are Flying (1957).
SECTIONS = {
    "films": ("Films", "reviews:film-list"),
    "reviews": ("Reviews", "reviews:review-list"),
    "people": ("People", "reviews:person-list"),
    "festivals": ("Festivals", "reviews:festival-list"),
    "tags": ("Tags", "reviews:tag-list"),
    "search": ("Search", "reviews:search"),
    "data": ("The archive as data", "reviews:data"),
}

# A film's credits by role: the schema.org property of a Movie that names it, where there is one.
CREW_PROPERTIES = {
    Credit.Role.DIRECTOR: "director",
    Credit.Role.WRITER: "author",
    Credit.Role.COMPOSER: "musicBy",
    Credit.Role.PRODUCER: "producer",
    Credit.Role.EDITOR: "editor",
    Credit.Role.ACTOR: "actor",
}
# Roles schema.org has no property for (cinematographer, production designer) are a `contributor`
# in a Role that names them.
OTHER_CREW = "contributor"

# "<" would let stored text write "</script>", "<!--" or "<script" into the element; ">" and "&"
# are escaped too, as django.utils.html.json_script does. JSON reads all three back unchanged.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_element(graph):
    """`graph` as `<script type="application/ld+json">`: a data block, not script, so the strict CSP
    needs no nonce for it (and the page cache keeps the page).

    ensure_ascii writes every character outside ASCII as an escape, U+2028 and U+2029 included.
    """
    data = json.dumps(graph, ensure_ascii=True, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    # Safe: the JSON above holds no "<", ">" or "&", so nothing in it can end the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))


# --- one function per kind of page ------------------------------------------------------------


def home(request):
    """The site, and how to search it."""
    origin = _origin(request)
    url = f"{origin}{reverse('reviews:home')}"
    site = {
        "@type": "WebSite",
        "@id": f"{url}#website",
        "url": url,
        "name": SITE_NAME,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{origin}{reverse('reviews:search')}?q={{{SEARCH_TERM}}}",
            },
            "query-input": f"required name={SEARCH_TERM}",
        },
    }
    return _graph(site, _trail(origin))


def section(request, name):
    """A list of one section (the films, the reviews, ...) or the search page: its trail."""
    return _graph(_trail(_origin(request), _section(name)))


def not_found(request):
    return _graph(_trail(_origin(request), ("Page not found", None)))


def tags(request, tags):
    """A tag page, of one tag or several combined (TagUse rows)."""
    origin = _origin(request)
    name = " + ".join(tag.name for tag in tags)
    return _graph(_trail(origin, _section("tags"), (name, presentation.tag_url(*(tag.slug for tag in tags)))))


def film(request, film, reviews):
    """A film, as Film.objects.get_for_page() read it, with the reviews its page shows (read by
    Review.objects.for_structured_data())."""
    origin = _origin(request)
    movie = _movie(origin, film.title, film.slug, film.year)
    titles = [_in_language(title.title, title.language) for title in film.titles.all()]
    _put(movie, "alternateName", titles)
    _put(movie, "countryOfOrigin", [_country(country) for country in film.countries.all()])
    _put(movie, "duration", f"PT{film.runtime_minutes}M" if film.runtime_minutes else None)
    _put(movie, "description", text.plain_excerpt(film.synopsis, EXCERPT_WORDS))
    _put(movie, "sameAs", [url for url in (film.imdb_url, film.wikidata_url) if url])
    for credit in film.credits.all():
        movie.setdefault(CREW_PROPERTIES.get(credit.role, OTHER_CREW), []).append(_credit(origin, credit))
    if film.has_festival_history:
        wins = [outcome for outcome in film.award_outcomes.all() if outcome.result == AwardOutcome.Result.WON]
        _put(movie, "award", [f"{outcome.award_name}, {outcome.edition.title}" for outcome in wins])
    _put(movie, "review", [_review(origin, review, with_film=False) for review in reviews])
    if film.rating_count:
        movie["aggregateRating"] = {
            "@type": "AggregateRating",
            # The archive's common scale: every rating as a share of its own scale's top, times 100.
            "ratingValue": round(film.rating_average, 1),
            "bestRating": 100,
            "worstRating": 0,
            "ratingCount": film.rating_count,
            "reviewCount": film.published_review_count,
        }
    return _graph(movie, _trail(origin, _section("films"), (str(film), film.get_absolute_url())))


def review(request, review):
    """A review, as Review.objects.for_detail() read it (with its film and source)."""
    origin = _origin(request)
    node = _review(origin, review, with_film=True)
    _put(node, "dateCreated", review.written_date.isoformat() if review.written_date else None)
    node["inLanguage"] = review.language
    node["reviewBody"] = text.plain_excerpt(review.body, EXCERPT_WORDS)
    _put(node, "sameAs", review.source_url if is_web_url(review.source_url) else None)
    film = review.film
    crumbs = (_section("films"), (str(film), film.get_absolute_url()), (node["name"], review.get_absolute_url()))
    return _graph(node, _trail(origin, *crumbs))


def person(request, person, credits):
    """A person, as Person.objects.get_for_page() read them, with their filmography's rows
    (CreditQuerySet.filmography()): the films they made, each by the property naming their work."""
    origin = _origin(request)
    node = _reference(origin, "Person", person.name, person.get_absolute_url())
    _put(node, "alternateName", [_in_language(name.name, name.language) for name in person.other_names.all()])
    _put(node, "birthDate", person.birth_date.isoformat() if person.birth_date else None)
    _put(node, "deathDate", person.death_date.isoformat() if person.death_date else None)
    _put(node, "birthPlace", {"@type": "Place", "name": person.birth_place} if person.birth_place else None)
    _put(node, "deathPlace", {"@type": "Place", "name": person.death_place} if person.death_place else None)
    _put(node, "description", text.plain_excerpt(person.biography, EXCERPT_WORDS))
    _put(node, "sameAs", [url for url in (person.imdb_url, person.wikidata_url) if url])
    # A Person has no property for their films: the films' own properties, read backwards
    # (Movie --director--> Person), say what they did on each.
    films = {}
    for row in credits:
        movie = _movie(origin, row["film_title"], row["film_slug"], row["film_year"])
        films.setdefault(CREW_PROPERTIES.get(row["role"], OTHER_CREW), []).append(movie)
    _put(node, "@reverse", films)
    return _graph(node, _trail(origin, _section("people"), (person.name, person.get_absolute_url())))


def festival(request, festival, editions):
    """A festival, as Festival.objects.for_detail() read it, with its editions
    (presentation.EditionSummary rows, newest first)."""
    origin = _origin(request)
    node = _reference(origin, "EventSeries", festival.name, festival.get_absolute_url())
    _put(node, "alternateName", festival.short_name)
    _put(node, "location", _place(festival))
    _put(node, "description", text.plain_excerpt(festival.description, EXCERPT_WORDS))
    _put(node, "sameAs", festival.website if is_web_url(festival.website) else None)
    _put(node, "subEvent", [_event(origin, edition) for edition in editions])
    return _graph(node, _trail(origin, _section("festivals"), (festival.name, festival.get_absolute_url())))


def edition(request, edition, sections):
    """An edition, as Edition.objects.get_for_page() read it (with its festival), and its sections'
    selections as the view grouped them: (section, [SelectedFilm]).

    The films selected are `workFeatured`: schema.org's property for "a work featured in some
    event"; `subEvent` would need an Event for each screening, which the archive does not record.
    """
    origin = _origin(request)
    festival = edition.festival
    dates = presentation.EditionSummary(
        edition.get_absolute_url(), edition.title, edition.year, edition.start_date, edition.end_date
    )
    node = _event(origin, dates)
    _put(node, "location", _place(festival))
    node["superEvent"] = _reference(origin, "EventSeries", festival.name, festival.get_absolute_url())
    films = {}
    for _, selected in sections:
        for item in selected:
            shown = item.selection.film
            films.setdefault(shown.slug, _movie(origin, shown.title, shown.slug, shown.year))
    _put(node, "workFeatured", list(films.values()))
    crumbs = (
        _section("festivals"),
        (festival.name, festival.get_absolute_url()),
        (edition.title, edition.get_absolute_url()),
    )
    return _graph(node, _trail(origin, *crumbs))


# --- the parts ----------------------------------------------------------------------------------


def _origin(request):
    """Scheme and host of the request: addresses built from it are the public ones (settings.py:
    SECURE_PROXY_SSL_HEADER behind a proxy, and the Host it passes on)."""
    return f"{request.scheme}://{request.get_host()}"


def _graph(*nodes):
    return {"@context": SCHEMA, "@graph": list(nodes)}


def _put(node, name, value):
    """Set a property only when there is something to say: no empty strings or lists in the graph."""
    if value:
        node[name] = value


def _reference(origin, kind, name, path):
    url = f"{origin}{path}"
    return {"@type": kind, "@id": url, "url": url, "name": name}


def _movie(origin, title, slug, year):
    movie = _reference(origin, "Movie", title, presentation.film_url(slug))
    _put(movie, "dateCreated", str(year) if year else None)
    return movie


def _in_language(value, language):
    """A name in its language, as JSON-LD tags a string: alternateName is text, and text in
    schema.org has no inLanguage of its own."""
    return {"@value": value, "@language": language} if language else value


def _country(country):
    return {"@type": "Country", "name": country.name, "identifier": country.code}


def _credit(origin, credit):
    """What a Movie's property for the credit's role holds: the person, for an actor in a
    PerformanceRole with the character, for a role without a property in a Role naming it."""
    person = _reference(origin, "Person", credit.person.name, credit.person.get_absolute_url())
    if credit.role == Credit.Role.ACTOR:
        role = {"@type": "PerformanceRole", "actor": person}
        _put(role, "characterName", credit.character_name)
        return role
    if credit.role in CREW_PROPERTIES:
        return person
    return {"@type": "Role", "roleName": credit.get_role_display(), OTHER_CREW: person}


def _rating(review):
    """The review's rating on its own scale, with that scale's ends."""
    if review.rating is None:
        return None
    scale = Review.RatingScale(review.rating_scale)
    return {
        "@type": "Rating",
        "ratingValue": _number(review.rating),
        "bestRating": scale.value,
        "worstRating": _number(scale.lowest),
    }


def _number(value):
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _review(origin, review, with_film):
    """A review's node: on its own page naming the film it reviews, in a film's list without."""
    url = f"{origin}{review.get_absolute_url()}"
    node = {"@type": "Review", "@id": url, "url": url, "name": presentation.review_title(review)}
    if with_film:
        node["itemReviewed"] = _movie(origin, review.film.title, review.film.slug, review.film.year)
    _put(node, "author", {"@type": "Person", "name": review.author} if review.author else None)
    # A draft has no publication time (an editor's preview of it).
    _put(node, "datePublished", review.published_at.isoformat() if review.published_at else None)
    _put(node, "reviewRating", _rating(review))
    publisher = {"@type": "Organization", "name": review.source.name}
    _put(publisher, "url", review.source.url if is_web_url(review.source.url) else None)
    node["publisher"] = publisher
    return node


def _event(origin, edition):
    """An edition as an Event, from an EditionSummary: a festival's list of them, or its own page."""
    node = _reference(origin, "Event", edition.title, edition.url)
    node["startDate"] = edition.start_date.isoformat() if edition.start_date else str(edition.year)
    _put(node, "endDate", edition.end_date.isoformat() if edition.end_date else None)
    return node


def _place(festival):
    """Where a festival takes place: its city, in its country (ISO 3166-1 code where it has one)."""
    country = festival.country
    if not festival.city and country is None:
        return None
    address = {"@type": "PostalAddress"}
    _put(address, "addressLocality", festival.city)
    if country is not None:
        address["addressCountry"] = country.code if len(country.code) == 2 else country.name
    return {"@type": "Place", "name": festival.city or country.name, "address": address}


def _section(name):
    label, url_name = SECTIONS[name]
    return label, reverse(url_name)


def _trail(origin, *crumbs):
    """The page's BreadcrumbList: the site, then each (name, path) step; the last may have no path."""
    steps = [(SITE_NAME, reverse("reviews:home")), *crumbs]
    items = []
    for position, (name, path) in enumerate(steps, start=1):
        item = {"@type": "ListItem", "position": position, "name": name}
        _put(item, "item", f"{origin}{path}" if path else None)
        items.append(item)
    return {"@type": "BreadcrumbList", "itemListElement": items}
