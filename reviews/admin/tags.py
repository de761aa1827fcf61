"""Tags: taggit's own admin, kept, minus what only knows taggit's default table; and how editors
choose a film's or a review's tags (TagChoiceMixin, TaggedForm)."""

from difflib import SequenceMatcher

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.text import get_text_list
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.managers import TaggableManager
from taggit.models import Tag
from taggit.utils import parse_tags

from reviews.models import TaggedFilm, TaggedReview
from reviews.models.common import count_of
from reviews.models.tagging import comparable, tags_resembling

from .autocompletes import ArchiveAutocompleteSelectMultiple, PossibleIdsMultipleChoiceField
from .base import ArchiveModelAdmin
from .stale_saves import StaleSaveForm
from .widgets import UnlabelledHiddenInput

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(ArchiveModelAdmin, TaggitTagAdmin):
    """Taggit's Tag admin, with the archive's history and stale-save refusal, without its merge
    action and tagged-item inline.

    Both only know taggit's default TaggedItem table, which this archive does not use
    (films and reviews have their own through tables): the inline would always be empty
    and a merge would leave every film and review on the old tags. For the same reason
    taggit's `remove_orphaned_tags` must never run here: it would delete tags in use.
    """

    inlines = []
    actions = []  # delete_selected still comes from the admin site
    list_display = ["name", "slug", "film_count", "review_count"]

    def get_urls(self):
        # Drop taggit's merge-tags page along with the action that leads to it.
        return [url for url in super().get_urls() if url.name != "taggit_tag_merge_tags"]

    def get_queryset(self, request):
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # The tag picker's suggestions (TagChoiceMixin): the most used first, without the
            # list's live counts, which would count a popular tag's rows on every keystroke.
            return super().get_queryset(request).order_by(F("use__use_count").desc(nulls_last=True), "name")
        return (
            super()
            .get_queryset(request)
            .annotate(
                film_count=count_of(TaggedFilm, "tag"),
                review_count=count_of(TaggedReview, "tag"),
            )
        )

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, obj):
        return obj.film_count

    @admin.display(description="Reviews", ordering="review_count")
    def review_count(self, obj):
        return obj.review_count


# --- Choosing a film's or a review's tags ----------------------------------------------------

MAX_NEW_TAGS = 10  # at a time: more is a paste gone wrong, not tagging (and each adds to the look-up)
CLOSE = 0.85  # difflib's ratio from which two names read as one misspelt: war/wars, soviet thaw/soviet thwa
CLOSEST_SHOWN = 3


class TagChoiceMixin:
    """For a ModelAdmin whose model has tags: existing tags are chosen with Django's own autocomplete
    (TagAdmin's search), which renders only the chosen ones; new ones are typed apart (TaggedForm).

    Not `autocomplete_fields`: Django's checks accept only foreign keys and many-to-many fields
    there, and taggit's TaggableManager is neither.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):
            return PossibleIdsMultipleChoiceField(
                Tag.objects.order_by("name"),
                required=False,
                widget=ArchiveAutocompleteSelectMultiple(db_field, self.admin_site),
                label="Tags",
                help_text="Type a few letters to choose existing tags, the most used first.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def new_tag_names(text):
    """The names typed in "New tags": taggit's parser (quotes keep a comma inside a name), always
    in its comma mode. Without a comma it would split on spaces: "soviet thaw" would be two tags."""
    return parse_tags(f"{text},")


def closest(name, tags):
    """The tags of `tags` whose names read like `name` (the same comparable() name, or a small
    misspelling), closest first."""
    key = comparable(name)
    matcher = SequenceMatcher(b=key, autojunk=False)
    scored = []
    for tag in tags:
        other = comparable(tag.name)
        # No ratio reaches CLOSE between lengths this far apart (difflib's real_quick_ratio, inline).
        if 2 * min(len(key), len(other)) < CLOSE * (len(key) + len(other)):
            continue
        matcher.set_seq1(other)
        if matcher.quick_ratio() >= CLOSE and (ratio := matcher.ratio()) >= CLOSE:
            scored.append((-ratio, tag.name, tag))
    return [tag for *_, tag in sorted(scored)[:CLOSEST_SHOWN]]


class TaggedForm(StaleSaveForm):
    """A change form with tags (its ModelAdmin a TagChoiceMixin): the chosen tags, plus new ones typed
    in "New tags". A new name that is an existing tag's, case aside, takes that tag; one close to an
    existing tag is held back, with the tags it resembles, until the editor confirms it."""

    new_tags = forms.CharField(
        label="New tags",
        required=False,
        help_text=(
            "Only for tags that do not exist yet, separated by commas: soviet thaw, war. "
            "A name close to an existing tag is held back until you confirm it."
        ),
    )
    # Hidden until a new name resembles an existing tag (clean() shows it).
    create_new_tags = forms.BooleanField(
        label="Create the new tags anyway", required=False, widget=UnlabelledHiddenInput
    )

    def clean_new_tags(self):
        names = new_tag_names(self.cleaned_data["new_tags"])
        if len(names) > MAX_NEW_TAGS:
            raise ValidationError(
                "At most %(most)d new tags at a time (there are %(count)d).",
                params={"most": MAX_NEW_TAGS, "count": len(names)},
            )
        longest = Tag._meta.get_field("name").max_length
        for name in names:
            if len(name) > longest:
                raise ValidationError(
                    "“%(name)s…” is longer than %(longest)d characters.", params={"name": name[:40], "longest": longest}
                )
            if not comparable(name):
                raise ValidationError("“%(name)s” has no letter or digit.", params={"name": name})
        return names

    def clean(self):
        cleaned_data = super().clean()
        names = cleaned_data.get("new_tags")
        if names and "tags" in cleaned_data:  # without "tags", the picker's own error is shown
            cleaned_data["tags"] = [*cleaned_data["tags"], *self._tags_named(names)]
        return cleaned_data

    def _tags_named(self, names):
        """Existing tags for names that are theirs, the names themselves for the others (for taggit's
        set(), which creates them); an error on "New tags" for those close to an existing tag."""
        resembling = tags_resembling(names)
        chosen, held_back = [], []
        for name in names:
            same = [tag for tag in resembling[name] if tag.name.casefold() == name.casefold()]
            if same:
                chosen.append(same[0])
                continue
            chosen.append(name)
            close = closest(name, resembling[name])
            if close:
                held_back.append((name, close))
        if held_back:
            self.fields["create_new_tags"].widget = forms.CheckboxInput()
            if not self.cleaned_data.get("create_new_tags"):
                for name, close in held_back:
                    existing = get_text_list([f"“{tag.name}”" for tag in close], "or")
                    which = "tag %s: choose it" if len(close) == 1 else "tags %s: choose one"
                    self.add_error(
                        "new_tags",
                        f"“{name}” is close to the existing {which % existing} above, "
                        "or tick “Create the new tags anyway”.",
                    )
        return chosen
