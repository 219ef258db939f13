from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .kinds import CHANNELS, EVENTS
from .models import NotificationChoice


class ChoicesForm(forms.Form):
    """One box per event and channel (checked unless turned off), and the language of e-mails."""

    language = forms.ChoiceField(
        label=_("Language of e-mails and notices"),
        required=False,
        choices=[("", _("The site's language")), *settings.LANGUAGES],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        saved = {c.event: c for c in NotificationChoice.objects.filter(user=user)}
        profile = getattr(user, "profile", None)
        self.fields["language"].initial = profile.language if profile else ""
        self.rows = []
        for event, label in EVENTS:
            row = []
            for channel, channel_label in CHANNELS:
                name = f"{event}__{channel}"
                choice = saved.get(event)
                self.fields[name] = forms.BooleanField(
                    label=f"{label}: {channel_label}",
                    required=False,
                    initial=choice is None or getattr(choice, channel),
                )
                row.append(self[name])
            self.rows.append((label, row))

    def chosen(self) -> dict[str, set[str]]:
        return {
            event: {c for c, _label in CHANNELS if self.cleaned_data[f"{event}__{c}"]}
            for event, _label in EVENTS
        }
