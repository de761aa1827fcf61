"""The sitemaps: an index at /sitemap.xml and one sitemap per kind of page (docs/crawlers-and-feeds.md).

Each section is paged by ranges of ids, not by OFFSET: page n lists the records whose id is in
((n - 1) · LIMIT, n · LIMIT], so any page of a million reviews is one index range scan, and the
number of pages is the largest id over LIMIT (one read of the primary key's index), never a
count. A page may hold fewer than LIMIT entries (ids freed by deletions, drafts), or none.

Written out here rather than by django.contrib.sitemaps' views: for a page of 1,000 reviews of
the 1,000,000-review archive, those views spent about 500 ms building a dict per entry and
looping a template over them, while reading the rows takes about 10 ms; writing each entry as
one line of text from plain rows took 60–80 ms on the same loaded machine, a tenth
(2026-12-04, docs/performance.md).

Every page is kept by the page cache: an entry names the keys of the records its address is
made of, and the list key of its section names the records that join or leave it
(reviews/cache/writes.py).
"""

from math import ceil
from xml.sax.saxutils import escape

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from reviews import presentation
from reviews.cache import keys, shows
from reviews.models import Edition, Festival, Film, Person, Review, TagUse

# Far under the protocol's 50,000: a page renders in milliseconds, and the index's entries still
# reach 50 million records a section.
LIMIT = 1000
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


class IdRangePaginator(Paginator):
    """Pages of `per_page` ids: Paginator's checks of page numbers, without its count or its OFFSET."""

    @cached_property
    def count(self):
        # Not the number of records but the last id, from which the pages are numbered.
        return self.object_list.aggregate(last=Max("pk"))["last"] or 0

    @cached_property
    def num_pages(self):
        return max(1, ceil(self.count / self.per_page))

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list.filter(pk__gt=bottom, pk__lte=bottom + self.per_page), number, self)


class Section:
    """One kind of page in the sitemaps: its records as plain rows, and each row's entry."""

    limit = LIMIT
    list_key = None  # the key a record joining or leaving the section names

    def records(self):
        """The section's records: the paginator's last id is read from these, without a join."""
        raise NotImplementedError

    def entry(self, row):
        """(address, time of the last change or None, keys of the records the address is made of)."""
        raise NotImplementedError

    @cached_property
    def paginator(self):
        shows(self.list_key)
        return IdRangePaginator(self.records(), self.limit)


class FilmSection(Section):
    list_key = keys.FILMS

    def records(self):
        return Film.objects.all()

    def entry(self, row):
        pk, slug, updated_at = row
        return presentation.film_url(slug), updated_at, (keys.key("film", pk),)


class PersonSection(Section):
    list_key = keys.PEOPLE

    def records(self):
        return Person.objects.all()

    def entry(self, row):
        pk, slug, updated_at = row
        return presentation.person_url(slug), updated_at, (keys.key("person", pk),)


class FestivalSection(Section):
    list_key = keys.FESTIVALS

    def records(self):
        return Festival.objects.all()

    def entry(self, row):
        pk, slug, updated_at = row
        return presentation.festival_url(slug), updated_at, (keys.key("festival", pk),)


class EditionSection(Section):
    list_key = keys.FESTIVALS  # a new or deleted edition names it too

    def records(self):
        return Edition.objects.all()

    def entry(self, row):
        pk, festival_id, festival_slug, year, updated_at = row
        address = presentation.edition_url(festival_slug, year)
        return address, updated_at, (keys.key("edition", pk), keys.key("festival", festival_id))


class ReviewSection(Section):
    list_key = keys.REVIEWS

    def records(self):
        return Review.objects.published()

    def entry(self, row):
        pk, film_id, film_slug, slug, updated_at, published_at = row
        # Published later than written (scheduled), or corrected after: whichever came last.
        changed = max(updated_at, published_at)
        return presentation.review_url(film_slug, slug), changed, (keys.key("review", pk), keys.key("film", film_id))


class TagSection(Section):
    list_key = keys.TAGS

    def records(self):
        return TagUse.objects.in_use()

    def entry(self, row):
        tag_id, slug = row
        return presentation.tag_url(slug), None, (keys.key("tag", tag_id),)  # tags keep no time of change


SECTIONS = {
    "films": FilmSection,
    "people": PersonSection,
    "festivals": FestivalSection,
    "editions": EditionSection,
    "reviews": ReviewSection,
    "tags": TagSection,
}


@require_safe
def sitemap_index(request):
    """Every page of every section: one read of each section's last id."""
    lines = [XML_DECLARATION, f'<sitemapindex xmlns="{NAMESPACE}">\n']
    for name, section in SECTIONS.items():
        address = escape(request.build_absolute_uri(reverse("reviews:sitemap-section", args=[name])))
        for number in section().paginator.page_range:
            page_address = address if number == 1 else f"{address}?p={number}"
            lines.append(f"<sitemap><loc>{page_address}</loc></sitemap>\n")
    lines.append("</sitemapindex>\n")
    return xml_response(lines)


@require_safe
def sitemap_section(request, section):
    """One page of a section: `?p=` numbers the ranges of ids; a page past the last is not found."""
    if section not in SECTIONS:
        raise Http404("No such sitemap.")
    section = SECTIONS[section]()
    try:
        page = section.paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page of this sitemap.") from error
    origin = request.build_absolute_uri("/").removesuffix("/")
    lines = [XML_DECLARATION, f'<urlset xmlns="{NAMESPACE}">\n']
    for row in page.object_list.for_sitemap():
        address, changed, record_keys = section.entry(row)
        shows(*record_keys)
        lastmod = f"<lastmod>{changed.date().isoformat()}</lastmod>" if changed else ""
        lines.append(f"<url><loc>{escape(origin + address)}</loc>{lastmod}</url>\n")
    lines.append("</urlset>\n")
    return xml_response(lines)


def xml_response(lines):
    response = HttpResponse("".join(lines), content_type="application/xml")
    # The sitemaps are for crawlers to read, not to list in search results (as Django's own say).
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
