from pathlib import Path

import pytest

from followup.tracking.actions import do_ensure_parties
from followup.tracking.models import Party, Profile
from tests.tracking.conftest import make_user

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def people(django_user_model, registries):
    do_ensure_parties()
    mexico = Party.objects.get(country__code="MX")
    haiti = Party.objects.get(country__code="HT")
    return {
        "analyst": make_user(django_user_model, "analyst", Profile.ANALYST),
        "mexico": make_user(django_user_model, "mexico", Profile.FOCAL_POINT, mexico),
        "haiti": make_user(django_user_model, "haiti", Profile.FOCAL_POINT, haiti),
        "public": make_user(django_user_model, "public", Profile.PUBLIC),
    }


@pytest.fixture
def gbr(registries):
    from followup.measures.actions import do_import_oxcgrt

    outcome = do_import_oxcgrt(FIXTURES / "oxcgrt_compact_GBR.csv")
    assert outcome.ok
    return outcome
