from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import COMPLIANCE, Party, Profile


class ReportForm(forms.Form):
    items = forms.CharField(
        label=_("Items"), help_text=_("Ids of the mandates or recommendations, separated by commas")
    )
    party = forms.ModelChoiceField(queryset=Party.objects.none(), label=_("Reporting for"))
    period_start = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"})
    )
    compliance = forms.ChoiceField(choices=COMPLIANCE, label=_("Status"))
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties if parties is not None else Party.objects.none()

    def clean_items(self):
        raw = self.cleaned_data["items"]
        try:
            return [int(part) for part in raw.replace(" ", "").split(",") if part]
        except ValueError:
            raise forms.ValidationError(
                _("Give item ids as numbers separated by commas.")
            ) from None


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


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))


class LinkForm(forms.Form):
    url = forms.CharField(label=_("Address"))
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
