"""The cards every list of films or reviews shows: each declared once, and kept whole.

A card is what its model's `for_card()` reads, shown by its template (one card), and the
keys of what it shows (reviews/cache/keys.py). Home, the lists, tag pages, the film and
person pages all show the same cards; each is rendered once and kept in the page cache
under its keys (`kept_each`), so a page reads the ids of its items, then their cards in
one round trip, and renders only those an edit retired.

A new card field is one edit to `for_card()` and one to the card's template.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import mark_safe

from reviews.cache import kept_each, keys
from reviews.models import Film, Review


@dataclass(frozen=True)
class Card:
    name: str  # the template's variable, and the kept cards' prefix
    template: str
    read: Callable  # ids -> the items, with what the card shows of each
    keys: Callable  # an item -> the keys of what its card shows


FILM = Card(
    "film",
    "reviews/_film_card.html",
    lambda ids: Film.objects.for_card().filter(pk__in=ids),
    lambda film: [keys.key_of(film)],  # its countries and tags are written to it
)
REVIEW = Card(
    "review",
    "reviews/_review_card.html",
    lambda ids: Review.objects.for_card().filter(pk__in=ids),
    lambda review: [keys.key_of(review), keys.key("film", review.film_id)],  # it names its film
)


def render(card, items, **variant):
    """The HTML of the card of each of `items` (instances: only their ids are read), in their order.

    `variant` is what the template takes besides the item (the heading level, whether a review
    card names its film); each variant is a card of its own.
    """
    suffix = ",".join(f"{name}={value}" for name, value in sorted(variant.items()))
    names = {f"card:{card.name}:{item.pk}:{suffix}": item.pk for item in items}

    def make(missing):
        template = get_template(card.template)
        found = {record.pk: record for record in card.read([names[name] for name in missing])}
        made = {}
        for name in missing:
            record = found.get(names[name])
            if record is not None:  # gone since the page's list was read
                # Safe: a template rendered it, escaping every stored value.
                made[name] = (mark_safe(template.render({card.name: record, **variant})), card.keys(record))
        return made

    cards = kept_each(list(names), make)
    return [cards[name] for name in names if name in cards]
