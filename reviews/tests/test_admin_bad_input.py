"""Whatever an editor's browser sends the admin's lists, searches and autocompletes: never a 500."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode

from django.test import TestCase
from django.urls import reverse

from .site_data import build_site
from .test_admin import admin_url, archive_admins, make_editor, management_data

LONG = "9" * 5000
JUNK_VALUES = ["\x00", "a\x00b", "\udcff", "\ufffe", LONG, "<script>alert(1)</script>", "-1", "1e400", "%", "'"]
# The query strings every list page reads, whatever its filters.
LIST_PARAMETERS = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
FILTER_LINK = re.compile(r'href="(\?[^"]*)"')


def query_string(**values):
    # Raw, as a browser may send it: parse_qsl-style pairs, NUL and lone surrogates included.
    return urlencode(values, encoding="utf-8", errors="surrogatepass")


class AdminBadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(2)
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def assert_no_server_error(self, url):
        try:
            response = self.client.get(url)
        except Exception as error:  # the test client re-raises what would be a 500
            self.fail(f"{url[:300]}: {error!r}")
        self.assertLess(response.status_code, 500, url[:300])

    def filter_parameters(self, changelist_url):
        """Every parameter the list's filter links use (status, source__id__exact, decade, …)."""
        html = self.client.get(changelist_url).content.decode()
        names = set()
        for link in FILTER_LINK.findall(html):
            names.update(name for name, _ in parse_qsl(unescape(link)[1:]))
        return names

    def test_junk_in_every_lists_search_filters_and_ordering(self):
        for model, _ in archive_admins():
            url = admin_url(model)
            parameters = set(LIST_PARAMETERS) | self.filter_parameters(url)
            with self.subTest(model=model.__name__):
                for name in parameters:
                    for value in JUNK_VALUES:
                        self.assert_no_server_error(f"{url}?{query_string(**{name: value})}")

    def test_junk_in_every_autocomplete(self):
        autocomplete = reverse("admin:autocomplete")
        for model, model_admin in archive_admins():
            for field_name in model_admin.autocomplete_fields:
                for value in JUNK_VALUES:
                    params = {
                        "term": value,
                        "app_label": model._meta.app_label,
                        "model_name": model._meta.model_name,
                        "field_name": field_name,
                    }
                    with self.subTest(model=model.__name__, field=field_name, value=value[:20]):
                        self.assert_no_server_error(f"{autocomplete}?{query_string(**params)}")
        # And junk in what names the field itself.
        for value in JUNK_VALUES:
            params = {"term": "a", "app_label": value, "model_name": value, "field_name": value}
            self.assert_no_server_error(f"{autocomplete}?{query_string(**params)}")

    def test_junk_chosen_in_every_autocomplete_of_every_form(self):
        # A tampered post: the refused form is drawn again with what was chosen, inlines' rows too.
        for model, model_admin in archive_admins():
            url = admin_url(model, "add")
            page = self.client.get(url)
            if page.status_code == 403:
                continue  # no one adds these by hand (former addresses)
            fields = [(field, "") for field in model_admin.get_autocomplete_fields(None)]
            fields += [
                (field, f"{formset.formset.prefix}-0-")
                for formset in page.context["inline_admin_formsets"]
                for field in formset.opts.get_autocomplete_fields(None)
            ]
            for field, prefix in fields:
                for value in ["abc", "\x00", LONG, "-1", "1e400", "99999999999999999999"]:
                    data = {**management_data(page, **({prefix[:-3]: 1} if prefix else {})), f"{prefix}{field}": value}
                    with self.subTest(model=model.__name__, field=f"{prefix}{field}", value=value[:20]):
                        try:
                            response = self.client.post(url, data)
                        except Exception as error:  # the test client re-raises what would be a 500
                            self.fail(repr(error))
                        self.assertEqual(response.status_code, 200)  # the form again, with its errors

    def test_junk_in_change_history_and_delete_addresses(self):
        for model, _ in archive_admins():
            for view, args in (("change", ()), ("history", ()), ("delete", ()), ("revision", ("1",))):
                for value in ["\x00", LONG, "-1", "abc", "1e400"]:
                    url = admin_url(model, view, "0", *args).replace("/0/", f"/{query_string(x=value)[2:]}/", 1)
                    with self.subTest(model=model.__name__, view=view, value=value[:20]):
                        self.assert_no_server_error(url)
            self.assert_no_server_error(admin_url(model, "recover", "999999"))
