import pytest

from followup.corpus.actions import do_ingest_file
from followup.tracking.actions import do_create_report, do_ensure_parties, do_transition_report
from followup.tracking.models import Party, Profile

MANDATES = """DIGITAL GOVERNMENT: Services

1. Expand online civil registry services for rural areas. (Plan of Action on Digital Government, X Summit of the Americas, Punta Cana, 2025).
1. Protect persons who report acts of corruption. (Quito Commitment on Public Integrity. Ecuador, 2023)

The Inter-American Commission on Human Rights (IACHR) urges States to guarantee access to information on emergency spending.
"""


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def parties(registries):
    do_ensure_parties()
    from followup.corpus.models import Body

    body = Body.objects.create(
        name="Red Regional de Transparencia", acronym="RRT", kind="civil_society"
    )
    Party.objects.create(kind=Party.ORGANIZATION, name=body.name, body=body)
    return {
        "HT": Party.objects.get(country__code="HT"),
        "MX": Party.objects.get(country__code="MX"),
        "cso": Party.objects.get(kind=Party.ORGANIZATION),
        "secretariat": Party.objects.get(kind=Party.SECRETARIAT),
    }


@pytest.fixture
def items(tmp_path, parties):
    path = tmp_path / "mandates.txt"
    path.write_text(MANDATES)
    document = do_ingest_file(path).document
    mandates = list(document.items.filter(kind="mandate").order_by("start"))
    recommendation = document.items.get(kind="recommendation")
    return {
        "civil_registry": mandates[0],
        "whistleblowers": mandates[1],
        "recommendation": recommendation,
    }


def make_user(django_user_model, username, role, party=None, **extra):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", f"pw-{username}-2024!", **extra
    )
    Profile.objects.create(user=user, role=role, party=party)
    return user


@pytest.fixture
def people(django_user_model, parties):
    return {
        "analyst": make_user(django_user_model, "analyst", Profile.ANALYST),
        "haiti": make_user(django_user_model, "haiti", Profile.FOCAL_POINT, parties["HT"]),
        "mexico": make_user(django_user_model, "mexico", Profile.FOCAL_POINT, parties["MX"]),
        "cso": make_user(django_user_model, "cso", Profile.ORGANIZATION_MEMBER, parties["cso"]),
        "public": make_user(django_user_model, "public", Profile.PUBLIC),
    }


REPORT = {
    "period_start": "2024-01-01",
    "period_end": "2024-12-31",
    "compliance": "partial",
    "narrative": "Online birth certificates are available in 6 of 10 departments.",
    "language": "en",
}


@pytest.fixture
def file_report(people, items, parties):
    """File a report for a party by a user, and walk it to the given state."""

    def file(
        user="haiti",
        party="HT",
        state="draft",
        compliance="partial",
        item="civil_registry",
        year=2024,
        countries=None,
    ):
        report = do_create_report(
            people[user],
            party_id=parties[party].pk,
            item_ids=[items[item].pk],
            country_codes=countries,
            **{
                **REPORT,
                "compliance": compliance,
                "period_start": f"{year}-01-01",
                "period_end": f"{year}-12-31",
            },
        )
        steps = {
            "draft": [],
            "submitted": ["submit"],
            "validated": ["submit", "validate"],
            "published": ["submit", "validate", "publish"],
        }[state]
        for step in steps:
            actor = people[user] if step == "submit" else people["analyst"]
            report = do_transition_report(actor, report.pk, step)
        return report

    return file
