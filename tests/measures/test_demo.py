"""The demo gives every measures page something to show, and seeding twice changes nothing."""

import pytest
from django.urls import reverse

from followup.measures.demo import LOG, do_seed_measures_demo
from followup.measures.models import DailyIndex, Measure

pytestmark = pytest.mark.django_db


def test_the_demo_log_and_its_pages(registries, django_user_model, client):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "admin-demo")
    assert do_seed_measures_demo() == len(LOG)
    assert do_seed_measures_demo() == len(LOG)
    assert Measure.objects.count() == len(LOG)
    assert DailyIndex.objects.filter(
        jurisdiction__code="MEX", index="stringency", value__gt=50
    ).exists()
    for url in (
        reverse("measures:jurisdiction_detail", args=["MEX"]),
        reverse("measures:scenarios", args=["MEX"]) + "?population=126000000",
        reverse("measures:mobility", args=["MEX"]),
        reverse("measures:map"),
        reverse("measures:compare") + "?j=MEX&j=PER",
    ):
        assert client.get(url).status_code == 200, url
