"""Pagination shared by the public lists."""

from django.core.paginator import Paginator

from .params import shown


def get_page(request, items, per_page, param="page"):
    """The requested page of `items`; nonsense or out-of-range numbers give the first or last page.

    Paginator.get_page never raises, so `?page=abc` or `?page=999` cannot become a 500; the
    page then says so (`is_substitute`) and carries what was asked for (`asked`, fit to show).
    The page remembers its parameter name so one template can page two lists.
    """
    asked = request.GET.get(param, "").strip()
    page = Paginator(items, per_page).get_page(asked or None)
    page.param = param
    page.is_substitute = bool(asked) and not _is_page_number(asked, page.number)
    page.asked = shown(asked) if page.is_substitute else ""
    return page


def _is_page_number(asked, number):
    # Length first: int() refuses strings of thousands of digits with a ValueError of its own.
    return len(asked) < 10 and asked.isascii() and asked.isdigit() and int(asked) == number
