from typing import ClassVar

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from followup.forms import MarkedForm

from .actions import ALLOWED_EVIDENCE
from .models import COMPLIANCE, Party, Profile


def file_limits() -> dict:
    """What a file input tells the browser: the accepted types, the size limit and what to say
    when a chosen file passes it (site.js checks before sending)."""
    limit = settings.FOLLOWUP_MAX_EVIDENCE_BYTES
    return {
        "accept": ",".join(ALLOWED_EVIDENCE),
        "data-max-bytes": str(limit),
        "data-too-big": _("This file is larger than %(size)s: choose a smaller one.")
        % {"size": filesizeformat(limit)},
    }


class ItemsField(forms.Field):
    """The ids of the items a report concerns: one ``items`` value per item (the picker's
    checkboxes), each value possibly a comma-separated list (``?items=12,14``)."""

    widget = forms.MultipleHiddenInput
    default_error_messages: ClassVar[dict] = {
        "required": _("Choose at least one mandate or recommendation."),
        "invalid": _("Item ids are whole numbers."),
    }

    def to_python(self, value):
        ids = []
        for part in ",".join(value or []).split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or len(part) > 18:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(int(part))
        return list(dict.fromkeys(ids))


class ReportForm(MarkedForm):
    items = ItemsField(label=_("Mandates or recommendations"))
    party = forms.ModelChoiceField(
        queryset=Party.objects.none(),
        label=_("Reporting for"),
        empty_label=_("Choose the State or organization"),
    )
    period_start = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"})
    )
    compliance = forms.ChoiceField(
        choices=[("", _("Choose a status")), *COMPLIANCE], label=_("Status of implementation")
    )
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=_("Language of the report"))
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Narrative"))
    measures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Measures taken")
    )
    challenges = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Challenges")
    )
    institutions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Institutions involved")
    )
    file = forms.FileField(
        required=False,
        label=_("Attach a file of evidence"),
        help_text=_("Optional. PDF, Word, spreadsheet, image or text, up to %(size)s."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parties=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        party.queryset = parties if parties is not None else Party.objects.none()
        if editing:  # a report stays with the party that filed it
            party.disabled = True
        choices = list(party.queryset[:2])
        if len(choices) == 1:  # nothing to choose: preselect it, no empty choice
            party.empty_label = None
            self.initial.setdefault("party", choices[0].pk)
        limit = settings.FOLLOWUP_MAX_EVIDENCE_BYTES
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "size": filesizeformat(limit)
        }
        self.fields["file"].widget.attrs.update(file_limits())

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class RegistrationForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("User name"))
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(widget=forms.PasswordInput, label=_("Password"))
    role = forms.ChoiceField(
        choices=[
            (Profile.PUBLIC, _("Member of the public")),
            (Profile.FOCAL_POINT, _("State focal point")),
            (Profile.ORGANIZATION_MEMBER, _("Civil-society organization member")),
        ],
        label=_("I register as"),
    )
    party = forms.ModelChoiceField(
        queryset=Party.objects.exclude(kind=Party.SECRETARIAT),
        required=False,
        label=_("The State or organization I act for"),
    )


class EvidenceForm(MarkedForm):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update(file_limits())


class LinkForm(MarkedForm):
    url = forms.URLField(label=_("Address"), assume_scheme="https")
    title = forms.CharField(required=False, label=_("Title"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        required=False, initial=True, label=_("Dry run: only list the rows that would be rejected")
    )


class ObligationForm(forms.Form):
    """A due date on one item for one or several parties, again every N months if a cycle."""

    item = forms.IntegerField(
        label=_("Item"), min_value=1, help_text=_("The id of the mandate or recommendation")
    )
    parties = forms.ModelMultipleChoiceField(
        queryset=Party.objects.none(),
        label=_("Parties due to report"),
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    cycle_months = forms.IntegerField(
        label=_("Report again every (months)"), min_value=1, max_value=120, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Party.objects.exclude(kind=Party.SECRETARIAT)


class DueDateForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    cycle_months = forms.IntegerField(
        label=_("Report again every (months)"), min_value=1, max_value=120, required=False
    )
