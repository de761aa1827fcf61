"""Moving reviews to another film, and merging a placeholder film into the real one.

Both are admin actions with a page of their own to choose the film (Django's intermediate
page pattern): the action runs twice, first to show the page, then with the editor's choice.
Every record is saved one by one, inside the admin's revision, so history, editor stamps,
the page cache's purges and the admin log all follow; moved pages leave their address
behind (FormerAddress), answered with a permanent redirect.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from reviews import history
from reviews.models import Credit, Film, FilmTitle, FormerAddress, Review

from .base import stamp_editor
from .stale_saves import FIELD_NAME as OPENED_STATE

FORM_PREFIX = "move"
CONFIRMED = "move-confirmed"
CHANGE_FORM_ACTION = f"{admin.ActionLocation.CHANGE_FORM.value}-action"
LISTED = 30  # records named on the page; the rest are counted
SLUG_MAX = Review._meta.get_field("slug").max_length


class FilmAutocomplete(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        # Shown again with its error, a posted value that is no id (hand-edited) is no choice: the
        # widget would look it up as an id and fail.
        return super().optgroups(name, [v for v in value if re.fullmatch(r"\d{1,18}", str(v), re.ASCII)], attr)


class FilmChoiceForm(forms.Form):
    def __init__(self, *args, admin_site, help_text, refused=(), **kwargs):
        super().__init__(*args, prefix=FORM_PREFIX, **kwargs)
        self.refused = refused  # films that cannot be chosen: those merged away
        self.fields["film"] = forms.ModelChoiceField(
            Film.objects.all(),
            # Django's autocomplete, answered by FilmAdmin's search (any title, or an IMDb id).
            widget=FilmAutocomplete(Review._meta.get_field("film"), admin_site),
            help_text=help_text,
        )

    def clean_film(self):
        film = self.cleaned_data["film"]
        if film in self.refused:
            raise ValidationError("A film cannot be merged into itself: choose another one.")
        if self.refused and film.is_placeholder:
            raise ValidationError(
                f"“{film}” is a placeholder too: choose the real film, or complete this one first (its year)."
            )
        return film


def choose_film(model_admin, request, queryset, *, title, intro, submit, help_text, refused=()):
    """The action's own page, or the film chosen on it (returns (response, None) or (None, film))."""
    form = FilmChoiceForm(
        request.POST if CONFIRMED in request.POST else None,
        admin_site=model_admin.admin_site,
        help_text=help_text,
        refused=refused,
    )
    if form.is_bound and form.is_valid():
        return None, form.cleaned_data["film"]
    records = list(queryset[:LISTED])
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit": submit,
        "opts": model_admin.opts,
        "records": records,
        "more": max(0, queryset.count() - len(records)) if len(records) == LISTED else 0,
        "form": form,
        "media": model_admin.media + form.media,
        "carried": _carried_fields(request),
    }
    return TemplateResponse(request, "admin/reviews/choose_film.html", context), None


def _carried_fields(request):
    """What brings the editor's choice back to the same action on the same records: the action's
    name and selection, as the list or the change form posted them, and when that page was shown."""
    names = [ACTION_CHECKBOX_NAME, "action", "index", "select_across", CHANGE_FORM_ACTION, "listed_at", OPENED_STATE]
    return [(name, value) for name in names for value in request.POST.getlist(name)]


def _free_slug(slug, taken):
    """`slug`, or `slug-2`, `slug-3`, ... the first not in `taken`, within the field's length."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = f"{slug[: SLUG_MAX - len(suffix)].rstrip('-')}{suffix}"
    return candidate


def move_reviews(model_admin, request, reviews, film):
    """Move `reviews` to `film`, each saved and logged; a slug the film already has gets a free one.

    Returns the reviews moved and how many got a new slug. Each review's former address leads
    to it from now on.
    """
    taken = set(film.reviews.values_list("slug", flat=True))
    moved, renamed = [], 0
    for review in reviews:
        if review.film_id == film.pk:
            continue
        history.record_first_state(review)
        FormerAddress.objects.record_review(review.film.slug, review.slug, review)
        slug = _free_slug(review.slug, taken)
        renamed += slug != review.slug
        taken.add(slug)
        review.film, review.slug = film, slug
        stamp_editor(review, request.user)
        review.save(update_fields=["film", "slug", "updated_by", "updated_at"])
        model_admin.log_change(request, review, [{"changed": {"fields": ["Film", "Slug"]}}])
        moved.append(review)
    return moved, renamed


def _reviews(count):
    return f"{count} review" if count == 1 else f"{count} reviews"


def attach_reviews(model_admin, request, queryset, shown_at):
    """ReviewAdmin's action "Attach to another film…" (see there)."""
    queryset = queryset.select_related("film").defer(None)  # save() hashes the body
    response, film = choose_film(
        model_admin,
        request,
        queryset,
        title="Attach reviews to another film",
        intro="These reviews will belong to the film you choose; their former addresses will lead to them.",
        submit="Attach them",
        help_text="Type any of its titles, or its IMDb id (tt…).",
    )
    if response:
        return response
    reviews = list(queryset)
    skipped = [review for review in reviews if shown_at and review.updated_at > shown_at]
    with transaction.atomic():
        moved, renamed = move_reviews(model_admin, request, [r for r in reviews if r not in skipped], film)
    if skipped:
        model_admin.message_user(
            request,
            f"Left alone, because changed by someone else since you opened the page: "
            f"{', '.join(str(review) for review in skipped[:10])}{' …' if len(skipped) > 10 else ''}.",
            messages.WARNING,
        )
    if not moved:
        model_admin.message_user(request, f"Nothing moved: the reviews were already on “{film}”.", messages.WARNING)
        return None
    new_slugs = f" ({renamed} given a new slug: the film had theirs)" if renamed else ""
    model_admin.message_user(request, f"{_reviews(len(moved))} attached to “{film}”{new_slugs}.", messages.SUCCESS)
    return None


def merge_placeholders(model_admin, request, queryset):
    """FilmAdmin's action "Merge this placeholder into another film…" (see there)."""
    placeholders = list(queryset)
    not_placeholders = [film for film in placeholders if not film.is_placeholder]
    if not_placeholders:
        model_admin.message_user(
            request,
            "Only placeholder films (made by an import, their year unknown) can be merged into another film; "
            f"not: {', '.join(str(film) for film in not_placeholders[:10])}. Nothing was merged.",
            messages.ERROR,
        )
        return None
    festival_films = [film for film in placeholders if film.selections.exists() or film.award_outcomes.exists()]
    if festival_films:
        model_admin.message_user(
            request,
            f"{', '.join(map(str, festival_films))} has festival selections or awards: move them to the real "
            "film by hand first. Nothing was merged.",
            messages.ERROR,
        )
        return None
    response, film = choose_film(
        model_admin,
        request,
        queryset,
        title="Merge placeholder films into the real film",
        intro="Their reviews, titles, credits, tags, countries and citations move to the film you choose, "
        "and their IMDb id if it has none; then they are deleted (their history keeps them), and their "
        "addresses lead to the film and its reviews.",
        submit="Merge them",
        help_text="The real film: type any of its titles, or its IMDb id (tt…).",
        refused=placeholders,
    )
    if response:
        return response
    with transaction.atomic():
        for placeholder in placeholders:
            moved = _merge(model_admin, request, placeholder, film)
            model_admin.message_user(request, moved, messages.SUCCESS)
    if CHANGE_FORM_ACTION in request.POST:
        # Chosen on the placeholder's own page, which is gone: on to the film's.
        return HttpResponseRedirect(reverse("admin:reviews_film_change", args=[film.pk]))
    return None


def _merge(model_admin, request, placeholder, film):
    """Merge one placeholder into `film`; returns what was done, as a sentence for the editor."""
    history.record([placeholder], comment=f"Before merging into “{film}”.", user=request.user)
    history.record_first_state(film)
    reviews = placeholder.reviews.select_related("film").defer(None)
    moved, renamed = move_reviews(model_admin, request, reviews, film)

    titles = {(title.title, title.kind, title.language) for title in film.titles.all()}
    moved_titles = [t for t in placeholder.titles.all() if (t.title, t.kind, t.language) not in titles]
    FilmTitle.objects.filter(pk__in=[title.pk for title in moved_titles]).update(film=film)
    credits = {(c.person_id, c.role, c.character_name) for c in film.credits.all()}
    moved_credits = [c for c in placeholder.credits.all() if (c.person_id, c.role, c.character_name) not in credits]
    Credit.objects.filter(pk__in=[credit.pk for credit in moved_credits]).update(film=film)
    placeholder.citations.update(object_id=film.pk)
    film.tags.add(*placeholder.tags.all())
    film.countries.add(*placeholder.countries.all())

    # What an editor may have filled in on the placeholder, where the real film has nothing.
    kept_fields = ["imdb_id", "wikidata_id", "synopsis", "runtime_minutes"]
    taken_over = {name: getattr(placeholder, name) for name in kept_fields if not getattr(film, name)}
    Credit.objects.filter(film=placeholder).delete()  # those the film has too (kept in the version above)
    FormerAddress.objects.record_film_merge(placeholder, film)
    model_admin.log_deletions(request, [placeholder])
    model_admin.delete_model(request, placeholder)  # records its last version first (base.py)

    for name, value in taken_over.items():
        setattr(film, name, value)  # after the delete: the identifiers are unique
    stamp_editor(film, request.user)
    film.save()
    done = [
        _reviews(len(moved)) + (f" ({renamed} given a new slug)" if renamed else ""),
        f"{len(moved_titles)} titles",
        f"{len(moved_credits)} credits",
    ]
    model_admin.log_change(request, film, f"Merged the placeholder “{placeholder}” into this film: {', '.join(done)}.")
    lost_id = placeholder.imdb_id and placeholder.imdb_id != film.imdb_id
    return f"Merged “{placeholder}” into “{film}”: {', '.join(done)} moved; its addresses lead there now." + (
        f" Its IMDb id {placeholder.imdb_id} was not kept (the film has {film.imdb_id}): "
        "a later import of it would make a new placeholder."
        if lost_id
        else ""
    )
