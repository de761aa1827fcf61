"""What a browser would post from a page's form: its fields as the page holds them."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The successful controls of the first form with method="post": inputs, textareas, selects."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.done = False
        self.fields = []  # (name, value), in page order, names repeated for multiple values
        self.buttons = {}  # submit buttons: name → value
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form":
            if attrs.get("method", "").lower() == "post" and (self.form_id is None or attrs.get("id") == self.form_id):
                self.in_form = True
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind == "submit":
                self.buttons[name] = attrs.get("value", "")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {"name": name, "chosen": [], "first": None, "multiple": "multiple" in attrs}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the one newline right after <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]  # a single select always sends one value
            self.fields.extend((self.select["name"], value) for value in chosen)
            self.select = None


def form_fields(html, form_id=None, button="_save"):
    """{name: value or [values]} of the page's post form, as a browser submits it unchanged by
    clicking `button` (the admin's Save, when the form has one)."""
    parser = _FormFields(form_id)
    parser.feed(html)
    data = {}
    fields = parser.fields
    if button in parser.buttons:
        fields = [*fields, (button, parser.buttons[button])]
    for name, value in fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data
