"""Form widgets the archive's admin forms share."""

from django import forms


class UnlabelledHiddenInput(forms.HiddenInput):
    """A hidden field listed in an admin fieldset. Django's fieldset template gives every field a
    `<label for=…>`, and a label may only point at a visible control (the Nu Html Checker's error):
    with no id for a label, Django draws the label without `for`, in a row it hides anyway."""

    def id_for_label(self, id_):
        return ""
