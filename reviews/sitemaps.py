"""The sitemaps: an index at /sitemap.xml and one sitemap per kind of page, by django.contrib.sitemaps.

Each section is paged by ranges of ids, not by OFFSET: page n lists the records whose id is in
((n - 1) · LIMIT, n · LIMIT], so any page of a million reviews is one index range scan, and the
number of pages is the largest id over LIMIT (one read of the primary key's index), never a
count. A page may hold fewer than LIMIT entries (ids freed by deletions, drafts), or none.

Every page is kept by the page cache: each record loaded names its own key, and the list key
of its section names the records that join or leave it (reviews/cache/writes.py).
"""

from math import ceil

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max
from django.utils.functional import cached_property

from reviews.cache import keys, shows
from reviews.models import Edition, Festival, Film, Person, Review, TagUse

# Far under the protocol's 50,000: a page renders in tens of milliseconds, and the index's 50,000
# entries still reach 50 million records a section.
LIMIT = 1000


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


class ArchiveSitemap(Sitemap):
    limit = LIMIT
    list_key = None  # the key a record joining or leaving the section names

    def records(self):
        raise NotImplementedError

    def items(self):
        shows(self.list_key)
        return self.records()

    @cached_property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        # The index would read every record for it (Sitemap's default); its pages say it instead.
        return None


class FilmSitemap(ArchiveSitemap):
    list_key = keys.FILMS

    def records(self):
        return Film.objects.for_sitemap()


class PersonSitemap(ArchiveSitemap):
    list_key = keys.PEOPLE

    def records(self):
        return Person.objects.for_sitemap()


class FestivalSitemap(ArchiveSitemap):
    list_key = keys.FESTIVALS

    def records(self):
        return Festival.objects.for_sitemap()


class EditionSitemap(ArchiveSitemap):
    list_key = keys.FESTIVALS  # a new or deleted edition names it too

    def records(self):
        return Edition.objects.for_sitemap()


class ReviewSitemap(ArchiveSitemap):
    list_key = keys.REVIEWS

    def records(self):
        return Review.objects.published().for_sitemap()

    def lastmod(self, review):
        # Published later than written (scheduled), or corrected after: whichever came last.
        return max(review.updated_at, review.published_at)


class TagSitemap(ArchiveSitemap):
    list_key = keys.TAGS

    def records(self):
        return TagUse.objects.in_use().for_sitemap()

    lastmod = None


SITEMAPS = {
    "films": FilmSitemap,
    "people": PersonSitemap,
    "festivals": FestivalSitemap,
    "editions": EditionSitemap,
    "reviews": ReviewSitemap,
    "tags": TagSitemap,
}
