"""The admin's search box (and its autocomplete) matching exactly as the public search does."""

from django.db.models import Q

from . import matching_ids, parse
from .query import clean


class SearchAdminMixin:
    """Replaces ModelAdmin's `icontains` search with reviews.search.

    `search_kind` names what the rows are ("films", "people", "reviews"); fields in
    `exact_search_fields` also match the whole term exactly (identifiers such as
    tt0050634). `search_fields` still has to be set: Django shows the box, and
    autocomplete requires it, only when it is.
    """

    search_kind = None
    exact_search_fields = ()

    def search_condition(self, query):
        return Q(pk__in=matching_ids(self.search_kind, query))

    def get_search_results(self, request, queryset, search_term):
        term = clean(search_term)  # no NUL for PostgreSQL, whatever was typed
        if not term:
            return queryset, False
        condition = Q()
        for field in self.exact_search_fields:
            condition |= Q(**{field: term})
        query = parse(term)
        if not query.is_empty:
            condition |= self.search_condition(query)
        if not condition:
            return queryset.none(), False
        # Subqueries on the row's own id: no join, so no duplicate rows.
        return queryset.filter(condition), False
