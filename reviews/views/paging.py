"""Pagination shared by the public lists."""

from django.core.paginator import Paginator


def get_page(request, items, per_page, param="page"):
    """The requested page of `items`; nonsense or out-of-range numbers give the first or last page.

    Paginator.get_page never raises, so `?page=abc` or `?page=999` cannot become a 500.
    The page remembers its parameter name so one template can page two lists.
    """
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    page.param = param
    return page
