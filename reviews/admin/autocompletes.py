"""Django's admin autocompletes, made safe against a tampered post: never a 500."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


def could_be_id(value):
    """Whether a posted value could be a record's id: digits that a bigint column holds."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 18


class OnlyPossibleIds:
    """A refused form is drawn again with the values as posted, and Django's autocomplete looks
    the chosen ones up as they came: a value that is not an id (a tampered post) was a 500."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [chosen for chosen in value if could_be_id(chosen)], attr)


class ArchiveAutocompleteSelect(OnlyPossibleIds, AutocompleteSelect):
    pass


class ArchiveAutocompleteSelectMultiple(OnlyPossibleIds, AutocompleteSelectMultiple):
    pass


class PossibleIdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that is not an id before the database sees it: SQLite cannot even hold a
    number of 20 digits in a query (OverflowError), where the form should just say it is invalid."""

    def clean(self, value):
        for chosen in value or ():
            if not could_be_id(chosen):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": chosen}
                )
        return super().clean(value)


class SafeAutocompletes:
    """For a ModelAdmin or an inline: its autocomplete_fields drawn with the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ArchiveAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ArchiveAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("form_class", PossibleIdsMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
