"""The archive as data (docs/data.md): every film, person, festival, edition and published review as
JSON at its page's address with `.json`, and the bulk download of everything public.

Plain views rather than a REST framework: the documents are read-only, public and unauthenticated,
and a framework's serializers would declare each model's fields again and run queries of their
own, where the pages' named queries already read exactly these facts. Each view calls the same
reading function as its page (`read_film_page()`, ...), so its document holds the page's facts,
in the page's fixed number of queries, and is cached like the page: the records it loads record
their keys (reviews/cache/keys.py), so an edit purges the document with the page. The shapes are
declared in reviews/documents.py.

Errors are JSON too: an address ending in `.json` that leads nowhere is a 404 with a JSON body
(reviews/views/errors.py), and a query string asking for a page of a list that cannot be shown
(`?reviews_page=abc`) a 400, where the HTML page shows another page with a notice.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from reviews import cards, downloads, linked_data, presentation
from reviews.cache import keys, shows
from reviews.documents import Documents
from reviews.models import Edition, Festival, Film, FormerAddress, Person, Review

from .festivals import festival_editions, read_edition_page
from .films import read_film_page
from .people import read_person_page
from .reviews import read_review, review_moved

CONTENT_TYPE = "application/json; charset=utf-8"


def json_response(document, status=200):
    # ensure_ascii off: a JSON response has no HTML around it to break out of, and every character
    # stays itself (PostgreSQL and SQLite store no lone surrogate, the one thing UTF-8 cannot carry).
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPE)


def json_error(status, message):
    return json_response({"status": status, "error": message}, status=status)


def unshowable_page(request, page):
    """A 400 for a list's page that the address asks for and that cannot be shown, where the HTML page
    shows another with a notice (views/paging.py): a document shows what its address says, or nothing."""
    return json_response(
        {
            "status": 400,
            "error": "The address asks for a page of the list of reviews that cannot be shown: "
            "follow the documents' `next` and `previous` addresses.",
            "first": request.build_absolute_uri(page.first_query or request.path),
        },
        status=400,
    )


def _reviews_read_for_cards(page):
    """The page's reviews with what their cards show (the cards' own query), in the page's order."""
    ids = [review.pk for review in page.object_list]
    found = {review.pk: review for review in cards.REVIEW.read(ids)} if ids else {}
    return [found[pk] for pk in ids if pk in found]


def film_json(request, slug):
    try:
        page = read_film_page(request, slug)
    except Film.DoesNotExist:
        if moved_to := FormerAddress.objects.film_now_at(slug):
            return redirect(presentation.film_json_url(moved_to.slug), permanent=True)
        return json_error(404, "No film at this address.")
    if page.reviews.notice:
        return unshowable_page(request, page.reviews)
    documents = Documents(request.build_absolute_uri)
    return json_response(
        {
            **documents.film(page.film),
            "festival_history": documents.festival_history(page.festival_history),
            "reviews": documents.reviews_page(page.reviews, _reviews_read_for_cards(page.reviews)),
        }
    )


def review_json(request, film_slug, slug):
    # Published reviews only, whoever asks: editors preview drafts on the HTML page.
    reviews = Review.objects.for_detail().published()
    try:
        review, other_reviews = read_review(reviews, film_slug, slug)
    except Review.DoesNotExist:
        if moved := review_moved(reviews, film_slug, slug):
            return redirect(presentation.review_json_url(moved.film.slug, moved.slug), permanent=True)
        return json_error(404, "No review at this address.")
    documents = Documents(request.build_absolute_uri)
    return json_response(
        {
            **documents.review(review),
            "other_reviews": [documents.other_review(other) for other in other_reviews],
        }
    )


def person_json(request, slug):
    try:
        page = read_person_page(request, slug)
    except Person.DoesNotExist:
        return json_error(404, "No person at this address.")
    if page.reviews.notice:
        return unshowable_page(request, page.reviews)
    documents = Documents(request.build_absolute_uri)
    return json_response(
        {
            **documents.person(page.person),
            "filmography": documents.filmography(page.credits),
            "awards": [documents.award_outcome(outcome) for outcome in page.outcomes],
            "jury_service": documents.jury_service(page.juries),
            "reviews_of_films": documents.reviews_page(page.reviews, _reviews_read_for_cards(page.reviews)),
        }
    )


def festival_json(request, slug):
    try:
        festival = Festival.objects.for_detail().get(slug=slug)
    except Festival.DoesNotExist:
        return json_error(404, "No festival at this address.")
    documents = Documents(request.build_absolute_uri)
    return json_response(
        {
            **documents.festival(festival),
            "editions": documents.festival_editions(festival_editions(festival.pk).editions_newest_first),
        }
    )


def edition_json(request, slug, year):
    try:
        edition = read_edition_page(slug, year).edition
    except Edition.DoesNotExist:
        return json_error(404, "No edition at this address.")
    documents = Documents(request.build_absolute_uri)
    return json_response(
        {
            **documents.edition(edition),
            "previous_edition": documents.edition_neighbour(edition.festival, edition.previous_year),
            "next_edition": documents.edition_neighbour(edition.festival, edition.next_year),
        }
    )


# --- the bulk download ---------------------------------------------------------------------------


def download_page(request):
    """/data/: what the archive offers as data, and the bulk download's size, time and counts."""
    shows(keys.DOWNLOADS)
    return render(
        request,
        "reviews/data.html",
        {"download": downloads.current(), "structured_data": linked_data.section(request, "data")},
    )


def download_json(request):
    """/data.json: the same, as a document."""
    shows(keys.DOWNLOADS)
    download = downloads.current()
    return json_response(
        {
            "type": "download",
            "url": request.build_absolute_uri(presentation.data_url()),
            "json": request.build_absolute_uri(presentation.data_json_url()),
            "file": downloads.describe(download, request.build_absolute_uri) if download else None,
        }
    )


def download_file(request):
    """/data/archive.jsonl.gz: the latest bulk download, streamed from its storage."""
    download = downloads.current()
    if download is None:
        raise Http404("The bulk download has not been made yet.")
    return downloads.file_response(download)
