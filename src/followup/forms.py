"""What every form of the site shares: required fields marked for eyes and for screen
readers, errors tied to their field (Django gives each error list the id that the field's
``aria-describedby`` names). A shared layer, like ``policy`` and ``errors``; its templates are
``web/form.html`` and ``web/field.html``."""

from __future__ import annotations

from django import forms


class MarkedBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if self.field.required and not widget.is_hidden and not self.field.disabled:
            attrs["aria-required"] = "true"  # also where HTML has no required (a select)
        return attrs


class MarkedForm(forms.Form):
    """Render fields with ``web/field.html``: the label, a visible mark when required, the
    help text, the errors, then the input."""

    bound_field_class = MarkedBoundField
    required_css_class = "required"
    error_css_class = "invalid"
    template_name_div = "web/form.html"

    def refuse(self, field: str | None, message: str) -> None:
        """Show ``message`` next to ``field`` (None: above the form), on a bound form or on an
        unbound one (an upload refused before its body was read)."""
        self.errors  # noqa: B018 -- validates a bound form, gives an unbound one its error dict
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        self.add_error(field, message)
