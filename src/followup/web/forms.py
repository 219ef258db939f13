"""Forms of the secretariat's pages: uploading documents, correcting an item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.extract.items import FIELDS, KINDS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or many files; an empty file is kept, so that its outcome is listed with the rest."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(_("Choose one or more files."), code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, Word, HTML, Markdown or text; choose several at once if you like."),
    )
    source_url = forms.URLField(
        required=False, label=_("Where they were published"), assume_scheme="https"
    )
    published_on = forms.DateField(
        required=False,
        label=_("Publication date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


# Fields that are lists (comma-separated in the form) or numbers; the citation of a mandate
# ("source") is parsed from its text and shown, not typed.
LIST_FIELDS = {"groups"}
NUMBER_FIELDS = {"value"}
READ_ONLY_FIELDS = {"source"}


class ItemForm(forms.Form):
    """The text, kind, countries and the fields of the item's kind."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, k) for k in KINDS])
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        help_text=_("ISO 3166 codes separated by commas, e.g. MX, HT"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        from .templatetags.web import ITEM_FIELD_NAMES

        self.field_names = [n for n in FIELDS[item.kind] if n not in READ_ONLY_FIELDS]
        for name in self.field_names:
            label = ITEM_FIELD_NAMES.get(name, name)
            if name in NUMBER_FIELDS:
                self.fields[name] = forms.FloatField(label=label, required=False)
            else:
                self.fields[name] = forms.CharField(label=label, required=False)
            if name in LIST_FIELDS:
                self.fields[name].help_text = _("Separated by commas")

    def clean_countries(self):
        from followup.corpus.models import Country

        codes = sorted(
            {c.strip().upper() for c in self.cleaned_data["countries"].split(",")} - {""}
        )
        known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(
                _("Not a country code: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return codes

    def item_fields(self, item) -> dict:
        """The kind's fields as the item stores them; an empty field left empty is no change."""
        values = {}
        for name in self.field_names:
            value = self.cleaned_data.get(name)
            if name in LIST_FIELDS:
                value = [v.strip() for v in (value or "").split(",") if v.strip()]
            elif value == "":
                value = None
            if value in (None, []) and item.fields.get(name) in (None, [], ""):
                continue
            values[name] = value
        return values

    @staticmethod
    def initial_for(item) -> dict:
        initial = {
            "text": item.text,
            "kind": item.kind,
            "countries": ", ".join(sorted(c.code for c in item.countries.all())),
            "version": item.version,
        }
        for name in FIELDS[item.kind]:
            value = item.fields.get(name)
            initial[name] = ", ".join(value) if isinstance(value, list) else value
        return initial
