"""Friendly error pages. Neither needs the database: the 500 page cannot count on one."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from reviews import linked_data

from .data import json_error


def page_not_found(request, exception):
    if request.path.endswith(".json"):
        # An address of the archive's data (views/data.py): its errors are data too.
        return json_error(404, "Nothing at this address.")
    return render(
        request, "404.html", {"path": request.path, "structured_data": linked_data.not_found(request)}, status=404
    )


def server_error(request):
    if request.path.endswith(".json"):
        return json_error(500, "The server failed to answer: please try again later.")
    # No request and so no context processors: whatever broke (the database,
    # a context processor) cannot break the page that says so.
    return HttpResponseServerError(loader.get_template("500.html").render())
