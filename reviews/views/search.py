"""The search page: one box for films, people, festivals and reviews (matching in reviews.search)."""

from django.shortcuts import render

from reviews import linked_data, search
from reviews.cache import keys, shows

# The overview shows the best few of each kind; "All 42 films" opens one kind, paginated.
OVERVIEW_PER_KIND = {"films": 6, "people": 6, "festivals": 6, "reviews": 10}
PER_PAGE = 20
# Reviews are ranked among their first 1,000 matches: 50 pages. Names stop earlier.
MAX_PAGE = 100


def _page_number(value):
    """The page asked for; anything that is not a sensible page number is the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def search_results(request):
    # Results depend on every title, name and public text: any change to one purges every search.
    shows(keys.SEARCH)
    query = search.parse(request.GET.get("q", ""))
    kind = request.GET.get("kind")
    if kind not in search.KINDS:
        kind = None
    groups = []
    if kind:
        groups = [search.find(kind, query, _page_number(request.GET.get("page")), PER_PAGE)]
    elif not query.is_empty:
        groups = [search.find(name, query, 1, per_page) for name, per_page in OVERVIEW_PER_KIND.items()]
    return render(
        request,
        "reviews/search.html",
        {
            "query": query,
            "kind": kind,
            "kinds": search.KINDS,
            "groups": groups,
            "structured_data": linked_data.section(request, "search"),
        },
    )
