"""Feeds of the latest published reviews, in RSS 2.0 and Atom: all of them, a tag's, a film's, a person's.

Django's syndication framework writes them. Each entry is a review card's content: its title
(the headline, or the neutral one cards show), its address, its excerpt, its author, its
publication time and its film, named with the film's page (an Atom `related` link, an RSS
`category` whose domain is that address).

A feed is a page like any other for the page cache: the records it loads record their keys
(reviews/cache/keys.py), the latest reviews' feed shows the `reviews` list, and a review
published purges the feeds of its film, its tags and its film's people as it does their pages.
"""

import html
import re
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from reviews import presentation
from reviews.cache import kept, keys, shows
from reviews.models import Film, Person, Review, TagUse
from reviews.templatetags.archive import review_excerpt, review_title

from .params import is_tag_slug
from .people import filmography
from .tags import tagged_reviews

LATEST = 30
# What XML 1.0 cannot carry at all: C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF.
# Django refuses to write them (UnserializableContentError, a 500); stored text may hold them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Stored text fit for a feed: what XML cannot carry dropped, the rest left as written."""
    return NOT_IN_XML.sub("", str(value))


class ReviewRss(Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # The feed's own link is absolute: the film's address is made absolute against it.
        handler.addQuickElement(
            "category", item["film_name"], {"domain": urljoin(self.feed["link"], item["film_path"])}
        )


class ReviewAtom(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        film_url = urljoin(self.feed["link"], item["film_path"])
        handler.addQuickElement("link", None, {"rel": "related", "href": film_url, "title": item["film_name"]})


class ReviewFeed(Feed):
    """An RSS feed of reviews read with Review.objects.for_card(): one query, whatever the archive's size."""

    feed_type = ReviewRss

    def item_title(self, review):
        # In RSS a title may be read as HTML (Django escapes titles for that reason, #6533); Atom's is
        # text. Quotes stay as they are: readers that take the title as text would show &#x27;.
        return html.escape(xml_text(review_title(review)), quote=False)

    def item_description(self, review):
        # RSS descriptions and Atom summaries are HTML: the plain excerpt is escaped to stay text.
        return html.escape(xml_text(review_excerpt(review)), quote=False)

    def item_link(self, review):
        return review.get_absolute_url()

    item_guid_is_permalink = True

    def item_author_name(self, review):
        return xml_text(review.author) or None

    def item_pubdate(self, review):
        return review.published_at

    def item_extra_kwargs(self, review):
        return {"film_name": xml_text(review.film), "film_path": review.film.get_absolute_url()}

    def feed_title(self, name):
        return f"{xml_text(name)} · Film Archive"


class AtomFeed:
    """The same feed in Atom: its description is the subtitle, item titles are plain text."""

    feed_type = ReviewAtom

    def subtitle(self, obj):
        return self._get_dynamic_attr("description", obj)

    def item_title(self, review):
        return xml_text(review_title(review))


def latest(reviews):
    return reviews.newest_first().for_card()[:LATEST]


class LatestReviewsRss(ReviewFeed):
    title = "Latest reviews · Film Archive"
    description = "The latest reviews published in the Film Archive, newest first."

    def link(self):
        return reverse("reviews:review-list")

    def items(self):
        shows(keys.REVIEWS)
        return latest(Review.objects.published())


class LatestReviewsAtom(AtomFeed, LatestReviewsRss):
    pass


class TagReviewsRss(ReviewFeed):
    def get_object(self, request, slug):
        # One tag only: combinations (war+drama) have pages, not feeds.
        if not is_tag_slug(slug) or presentation.TAG_SEPARATOR in slug:
            raise Http404("No such tag.")
        # A tag only drafts carry is unknown (DoesNotExist: a 404), as on its page.
        return TagUse.objects.in_use().with_slugs([slug]).get()

    def title(self, tag):
        return self.feed_title(f"Reviews tagged “{tag.name}”")

    def description(self, tag):
        return xml_text(f"The latest reviews tagged “{tag.name}” in the Film Archive, newest first.")

    def link(self, tag):
        return tag.get_absolute_url()

    def items(self, tag):
        return latest(tagged_reviews([tag.tag_id]))


class TagReviewsAtom(AtomFeed, TagReviewsRss):
    pass


class FilmReviewsRss(ReviewFeed):
    def get_object(self, request, slug):
        return Film.objects.only("title", "year", "slug").get(slug=slug)

    def title(self, film):
        return self.feed_title(f"Reviews of {film}")

    def description(self, film):
        return xml_text(f"The latest reviews of {film} in the Film Archive, newest first.")

    def link(self, film):
        return film.get_absolute_url()

    def items(self, film):
        return latest(Review.objects.published().filter(film=film))


class FilmReviewsAtom(AtomFeed, FilmReviewsRss):
    pass


class PersonReviewsRss(ReviewFeed):
    """Reviews of the films a person has a credit on, as their page lists them."""

    def get_object(self, request, slug):
        return Person.objects.only("name", "slug").get(slug=slug)

    def title(self, person):
        return self.feed_title(f"Reviews of films with {person.name}")

    def description(self, person):
        return xml_text(f"The latest reviews of films with {person.name} in the Film Archive, newest first.")

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        film_ids = sorted({credit["film_id"] for credit in kept(filmography, person.pk)})
        return latest(Review.objects.published().of_films(film_ids)) if film_ids else []


class PersonReviewsAtom(AtomFeed, PersonReviewsRss):
    pass
