"""Who may do what. Every page and API endpoint goes through these functions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Party, Profile, Report


class Forbidden(Exception):
    """The user may not do this; the message says what, for a 403 answer."""


def role_of(user) -> str | None:
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Profile.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    if profile is None or not profile.email_verified:
        return Profile.PUBLIC  # an unverified address may read, nothing more
    return profile.role


def party_of(user) -> Party | None:
    profile = getattr(user, "profile", None) if user and user.is_authenticated else None
    return profile.party if profile else None


def is_analyst(user) -> bool:
    return role_of(user) in (Profile.ANALYST, Profile.ADMINISTRATOR)


def reports_visible_to(user, reports: QuerySet | None = None) -> QuerySet:
    """Published reports for everyone; a party's members also see all of its own reports;
    analysts see every report once submitted, and the secretariat's drafts."""
    reports = Report.objects.all() if reports is None else reports
    visible = Q(state=Report.PUBLISHED)
    party = party_of(user)
    if party is not None and role_of(user) in (Profile.FOCAL_POINT, Profile.ORGANIZATION_MEMBER):
        visible |= Q(party=party)
    if is_analyst(user):
        visible |= ~Q(state=Report.DRAFT) | Q(party__kind=Party.SECRETARIAT)
    return reports.filter(visible)


def access_report(user, report_id: int) -> Report:
    """The report, if the user may see it; else Report.DoesNotExist (a 404, never a hint)."""
    return reports_visible_to(user).get(pk=report_id)


def parties_for(user) -> QuerySet:
    """The parties a user may file reports for."""
    role = role_of(user)
    if role in (Profile.FOCAL_POINT, Profile.ORGANIZATION_MEMBER):
        party = party_of(user)
        return Party.objects.filter(pk=party.pk) if party else Party.objects.none()
    if role in (Profile.ANALYST, Profile.ADMINISTRATOR):
        return Party.objects.filter(kind=Party.SECRETARIAT)
    return Party.objects.none()


def check_can_file(user, party: Party) -> None:
    if not parties_for(user).filter(pk=party.pk).exists():
        raise Forbidden(f"party: you may not report for {party}")


def check_can_edit(user, report: Report) -> None:
    check_can_file(user, report.party)
    if report.state not in (Report.DRAFT, Report.RETURNED):
        raise Forbidden(f"state: a {report.state} report can no longer be edited")


def check_is_analyst(user) -> None:
    if not is_analyst(user):
        raise Forbidden("only secretariat analysts may review, validate and publish reports")
