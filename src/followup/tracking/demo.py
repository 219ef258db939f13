"""Demo accounts and a few reports on the sample corpus, so every page has something to show."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from followup.corpus.models import Body, Item

from .actions import do_create_obligation, do_create_report, do_transition_report
from .models import Party, Profile, Report

PASSWORD = "followup-demo-2024"
ACCOUNTS = [
    # user name, role, party (country code, organization name, or None)
    ("analyst", Profile.ANALYST, None),
    ("haiti", Profile.FOCAL_POINT, "HT"),
    ("mexico", Profile.FOCAL_POINT, "MX"),
    ("observatorio", Profile.ORGANIZATION_MEMBER, "Observatorio Ciudadano de Transparencia"),
]


@transaction.atomic
def do_seed_demo() -> list[tuple[str, str]]:
    """Create the demo accounts and reports once; returns (user name, role) of each account."""
    organization, _ = Body.objects.get_or_create(
        name="Observatorio Ciudadano de Transparencia",
        defaults={"acronym": "OCT", "kind": "civil_society"},
    )
    Party.objects.get_or_create(
        name=organization.name, defaults={"kind": Party.ORGANIZATION, "body": organization}
    )
    users = {}
    User = get_user_model()
    for username, role, party_key in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.org", PASSWORD, is_staff=role == Profile.ANALYST
            )
            party = None
            if party_key:
                party = Party.objects.filter(country__code=party_key).first() or Party.objects.get(
                    name=party_key
                )
            Profile.objects.create(user=user, role=role, party=party)
        users[username] = user
    if not Report.objects.exists():
        _reports(users)
    return [(u, r) for u, r, _p in ACCOUNTS]


def _reports(users) -> None:
    mandates = list(Item.objects.filter(kind="mandate").order_by("pk")[:3])
    if not mandates:
        return
    steps = ["submit", "validate", "publish"]
    for user, party, item, compliance, narrative, upto, year, countries in [
        (
            "haiti",
            "HT",
            mandates[0],
            "pending",
            "The online civil registry is being designed with the national identity office.",
            3,
            2023,
            [],
        ),
        (
            "haiti",
            "HT",
            mandates[0],
            "partial",
            "Birth certificates can be requested online in 6 of 10 departments.",
            3,
            2024,
            [],
        ),
        (
            "mexico",
            "MX",
            mandates[0],
            "total",
            "All civil registry services are online since March 2024.",
            3,
            2024,
            [],
        ),
        (
            "observatorio",
            "Observatorio Ciudadano de Transparencia",
            mandates[0],
            "partial",
            "Rural users still travel to register births: the online service needs an ID most do not have.",
            3,
            2024,
            ["MX"],
        ),
        (
            "analyst",
            "General Secretariat",
            mandates[0],
            "partial_substantial",
            "Substantial progress in the region.",
            3,
            2024,
            [],
        ),
        ("haiti", "HT", mandates[-1], "pending", "A draft law is before Parliament.", 1, 2024, []),
    ]:
        party_obj = Party.objects.filter(country__code=party).first() or Party.objects.get(
            name=party
        )
        report = do_create_report(
            users[user],
            party_id=party_obj.pk,
            item_ids=[item.pk],
            country_codes=countries,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            compliance=compliance,
            narrative=narrative,
        )
        for step in steps[:upto]:
            do_transition_report(
                users[user] if step == "submit" else users["analyst"], report.pk, step
            )
    # Mexico owes a report on the last mandate for 2024 and has filed none: "not reported".
    do_create_obligation(
        users["analyst"],
        item_id=mandates[-1].pk,
        party_id=Party.objects.get(country__code="MX").pk,
        due_on=date(2025, 3, 31),
        period=2024,
        cycle_months=12,
    )
