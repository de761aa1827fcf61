"""Pagination for the public lists.

Long lists page by position ("keyset" pagination): a page starts after, or ends before,
an item its address names, `/films/?after=the-cranes-are-flying-1957`, so a page deep in
a list of a million costs what the first one does, and a link keeps its place in the list
as items come and go. `?page=last` is the end of the list. The page numbers the site
linked to before (`?page=3`) still work where counting is cheap: near the start, and near
the end when the list's size is known; any other number shows the nearest page that can
be found that way, and says so. No page counts rows to skip them beyond `MAX_SKIPPED`.

Short lists (festivals) page by number: `numbered_page()`, Django's Paginator.

Like Django's Paginator, this module takes a list as a QuerySet that the models' named
methods made (`Review.objects.published().tagged_with_all(tags)`) and only orders, cuts
and filters it by position; what a list holds is never decided here.

Both kinds of page give the template what it shows: `object_list`, the query strings of
the first, previous, next and last pages (None where there is none), a `status` such as
"Page 2 of 9" when the position is known, and a `notice` when the address asked for a
page that could not be shown as asked.
"""

import re
from dataclasses import dataclass, field
from functools import partial

from django.core.paginator import Paginator
from django.db.models import F, IntegerField, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils.encoding import escape_uri_path

from .params import is_clean, shown

# Rows a page may skip by counting (OFFSET): cheap below this, and the page numbers an
# old link may carry stay exact this far from either end of a list.
MAX_SKIPPED = 1000
LAST = "last"
ID_PATTERN = re.compile(r"^[0-9]{1,18}$", re.ASCII)
SLUG_PATTERN = re.compile(r"^[-\w]{1,320}$")


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order.

    A nullable column names `null_as`, a value that stands for NULL both in the order and
    in comparisons: NULLs then sort like any value, away from three-valued logic, and an
    index on the same expression (`expression()`) serves the order.
    """

    field: str
    descending: bool = False
    null_as: int | None = None

    def expression(self):
        if self.null_as is None:
            return F(self.field)
        return Coalesce(F(self.field), Value(self.null_as), output_field=IntegerField())

    def order(self, reverse=False):
        expression = self.expression()
        return expression.desc() if self.descending != reverse else expression.asc()


@dataclass(frozen=True)
class Keyset:
    """A list's order, ending on a unique column, and how addresses name an item of it."""

    keys: tuple
    name_field: str = "pk"
    name_pattern: re.Pattern = ID_PATTERN

    def order_by(self, reverse=False):
        return [key.order(reverse) for key in self.keys]

    def is_name(self, value):
        return is_clean(value, 320) and bool(self.name_pattern.match(value))

    def name_value(self, name):
        """The value of `name_field` an address's name stands for: an id is a number."""
        return int(name) if self.name_pattern is ID_PATTERN else name

    def beyond(self, items, name, reverse=False):
        """`items` after the one named `name` in this order (before it when `reverse`).

        The named item's sort values come from subqueries of the same statement, so an item
        that is not in the list (deleted, or never there) leaves nothing beyond it.
        """
        named = items.filter(**{self.name_field: name}).order_by()
        values = [self._value(key, named) for key in self.keys]
        condition = None
        for key, value in reversed(list(zip(self.keys, values, strict=True))):
            ahead = self._ahead(key, value, reverse, or_equal=False)
            condition = Q(ahead) if condition is None else Q(ahead) | (Q(Exact(key.expression(), value)) & condition)
        # The same test on the first column alone, which an index on it can answer.
        first_bound = self._ahead(self.keys[0], values[0], reverse, or_equal=True)
        return items.filter(Q(first_bound) & condition)

    @staticmethod
    def _value(key, named):
        return Subquery(named.annotate(sort_value=key.expression()).values("sort_value")[:1])

    @staticmethod
    def _ahead(key, value, reverse, or_equal):
        if key.descending != reverse:
            lookup = LessThanOrEqual if or_equal else LessThan
        else:
            lookup = GreaterThanOrEqual if or_equal else GreaterThan
        return lookup(key.expression(), value)


def _read(items, shown, keyset, start, stop, reverse=False, beyond=None):
    """Items start:stop of the list (of the part after the item named `beyond`, or before it when
    `reverse`, counted from the end), in the list's order.

    Two steps in one statement: a subquery chooses the page's items reading only what the order
    and the filters need (an index can answer it alone), and only those are read whole from
    `shown`, with what the page displays of them.
    """
    if beyond is not None:
        items = keyset.beyond(items, keyset.name_value(beyond), reverse)
    order = keyset.order_by(reverse)
    chosen = items.order_by(*order)[start:stop].values("pk")
    rows = list(shown.filter(pk__in=chosen).order_by(*order))
    if reverse:
        rows.reverse()
    return rows


@dataclass
class Page:
    """One page of a list, with the addresses of its neighbours."""

    object_list: list
    count: int | None = None
    number: int | None = None
    num_pages: int | None = None
    first_query: str | None = None
    previous_query: str | None = None
    next_query: str | None = None
    last_query: str | None = None
    notice: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def status(self):
        if self.number and self.num_pages:
            return f"Page {self.number:,} of {self.num_pages:,}"
        return ""

    @property
    def has_other_pages(self):
        return any((self.first_query, self.previous_query, self.next_query, self.last_query))

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


class QueryStrings:
    """Query strings for other pages of one list, keeping every other parameter of the request."""

    def __init__(self, request, prefix=""):
        self.path = escape_uri_path(request.path)
        self.params = request.GET.copy()
        self.names = {kind: f"{prefix}{kind}" for kind in ("after", "before", "page")}
        for name in self.names.values():
            self.params.pop(name, None)

    def __call__(self, kind=None, value=None):
        params = self.params.copy()
        if kind:
            params[self.names[kind]] = value
        query = params.urlencode()
        return f"{self.path}?{query}" if query else self.path

    def first(self):
        return self()

    def last(self):
        return self("page", LAST)


def _page_number(asked):
    # Length first: int() refuses strings of thousands of digits with a ValueError of its own.
    if len(asked) < 10 and asked.isascii() and asked.isdigit() and int(asked) >= 1:
        return int(asked)
    return None


def _label(label):
    return f" of {label}" if label else ""


def _first_or_last(number):
    return "the first page" if number == 1 else f"the last page, page {number:,}"


def _no_such(what, asked, label):
    """E.g. `There is no page “abc” of reviews`, quoting what was asked when any of it can be shown."""
    quoted = shown(asked)
    return f"There is no {what}{f' “{quoted}”' if quoted else ''}{_label(label)}"


def keyset_page(request, items, keyset, per_page, *, shown=None, count=None, prefix="", label=""):
    """The page of `items` (a QuerySet, in `keyset`'s order) the request asks for.

    One query for the page's items, whatever the page (see _read): `shown` is the QuerySet they
    are read from, with what the page displays of them; by default only their ids and the name
    addresses use (cards are read and kept on their own: reviews/cards.py). `count`, when the
    caller knows it, numbers the pages near the end and says how many there are: the page
    never counts the list itself.
    """
    params = request.GET
    queries = QueryStrings(request, prefix)
    if shown is None:
        shown = items.model._default_manager.only(keyset.name_field)
    read = partial(_read, items, shown, keyset)
    after = params.get(f"{prefix}after", "").strip()
    before = params.get(f"{prefix}before", "").strip()
    asked = params.get(f"{prefix}page", "").strip()
    num_pages = max(1, -(-count // per_page)) if count is not None else None

    page = Page([], count=count, num_pages=num_pages)
    if after or before:
        name, reverse = (after, False) if after else (before, True)
        if keyset.is_name(name):
            rows = read(0, per_page + 1, reverse, beyond=name)
            more = len(rows) > per_page
            page.object_list = rows[1:] if more and reverse else rows[:per_page]
            # Something lies on the far side of the named item when anything lies on this side.
            has_previous, has_next = (bool(rows), more) if not reverse else (more, bool(rows))
            return _linked(page, keyset, queries, has_previous, has_next, at_start=False)
        page.notice = f"{_no_such('place', name, label)}: this is the first page."
        asked = ""
    if asked == LAST:
        rows = read(0, per_page + 1, reverse=True)
        page.object_list = rows[-per_page:]
        if count is not None and count <= per_page:
            page.number = 1
        return _linked(page, keyset, queries, len(rows) > per_page, False, at_start=False)

    number = _page_number(asked) if asked else 1
    if number is None:
        page.notice = f"{_no_such('page', asked, label)}: this is the first page."
        number = 1
    if num_pages is not None and number > num_pages:
        page.notice = f"{_no_such('page', asked, label)}: this is {_first_or_last(num_pages)}."
        number = num_pages
    skipped = (number - 1) * per_page
    if skipped > MAX_SKIPPED and (count is None or count - number * per_page > MAX_SKIPPED):
        # Too far from either end to count to: the nearest page that is not.
        nearest = MAX_SKIPPED // per_page + 1
        if count is not None:
            nearest_to_end = -(-(count - MAX_SKIPPED) // per_page)  # the first page at most MAX_SKIPPED from the end
            if nearest_to_end - number < number - nearest:
                nearest = nearest_to_end
        page.notice = (
            f"Page {number:,}{_label(label)} is too far from either end of the list to find by its number: "
            f"this is page {nearest:,}. Go on from here with Next and Previous."
        )
        number = nearest
        skipped = (number - 1) * per_page
    from_end = count - number * per_page if count is not None else None
    if number > 1 and from_end is not None and from_end < skipped:
        # Nearer the end: count from there, backwards.
        size = min(per_page, count - skipped)
        start = max(from_end, 0)
        page.object_list = read(start, start + size, reverse=True)
        has_next = number < num_pages
    else:
        rows = read(skipped, skipped + per_page + 1)
        page.object_list, has_next = rows[:per_page], len(rows) > per_page
    page.number = number
    return _linked(page, keyset, queries, number > 1, has_next, at_start=number == 1)


def _linked(page, keyset, queries, has_previous, has_next, at_start):
    """Links to the other pages, named by the page's first and last items."""
    rows = page.object_list
    if not at_start:
        page.first_query = queries.first()
    if has_previous and rows:
        page.previous_query = queries("before", _name(keyset, rows[0]))
    if has_next and rows:
        page.next_query = queries("after", _name(keyset, rows[-1]))
    if has_next or not rows:
        page.last_query = queries.last()
    return page


def _name(keyset, row):
    return str(getattr(row, keyset.name_field))


def numbered_page(request, items, per_page, *, prefix="", label="", count=None):
    """The requested numbered page of `items` (a sequence, or a short QuerySet).

    Nonsense or out-of-range numbers give the first or last page, and the page says so.
    """
    queries = QueryStrings(request, prefix)
    asked = request.GET.get(f"{prefix}page", "").strip()
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: a known count saves the COUNT query
    if asked == LAST:
        number = paginator.num_pages
    else:
        number = _page_number(asked) if asked else 1
    page_of_list = paginator.get_page(number)
    page = Page(
        list(page_of_list.object_list), count=paginator.count, number=page_of_list.number, num_pages=paginator.num_pages
    )
    if asked and asked != LAST and number != page.number:
        page.notice = f"{_no_such('page', asked, label)}: this is {_first_or_last(page.number)}."
    if page.number > 1:
        page.first_query = queries.first()
        page.previous_query = queries("page", page.number - 1) if page.number > 2 else queries.first()
    if page.number < page.num_pages:
        page.next_query = queries("page", page.number + 1)
        page.last_query = queries.last()
    return page
