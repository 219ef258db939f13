"""E-mails about accounts, through Django's mail backend (the console in the demo)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from .actions import email_verification_token


def send_email_verification(request, user) -> None:
    link = request.build_absolute_uri(
        reverse("verify_email", args=[email_verification_token(user)])
    )
    days = settings.FOLLOWUP_EMAIL_VERIFICATION_DAYS
    send_mail(
        _("Confirm your e-mail address"),
        _(
            "To confirm the address of your account %(username)s, open this link within "
            "%(days)s days:\n\n%(link)s\n\nIf you did not register, ignore this message."
        )
        % {"username": user.get_username(), "days": days, "link": link},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def send_name_taken(request, registration) -> None:
    """The registrant learns that the name is taken by e-mail, not on the page."""
    send_mail(
        _("Confirm your e-mail address"),
        _(
            "Someone, perhaps you, tried to register the user name %(username)s with this "
            "address. That name is not available: register again with another one.\n\n%(link)s"
        )
        % {
            "username": registration.username,
            "link": request.build_absolute_uri(reverse("register")),
        },
        settings.DEFAULT_FROM_EMAIL,
        [registration.email],
    )
