"""The API under generated input (schemathesis, from /api/openapi.json): no server error and
no answer outside its documented schema, anonymous and signed in; then the inputs that once
gave a 500, one by one."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from followup.tracking.models import Profile

pytestmark = pytest.mark.django_db

# Generated cases are bounded so that the run stays short; it runs once in CI, on PostgreSQL,
# where NUL characters and 64-bit limits bite (FOLLOWUP_FUZZ=1 runs it on SQLite as well).
EXAMPLES = int(os.environ.get("FOLLOWUP_FUZZ_EXAMPLES", "15"))
CSRF = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"


@pytest.fixture
def api_schema(db):
    if connection.vendor != "postgresql" and not os.environ.get("FOLLOWUP_FUZZ"):
        pytest.skip("the API fuzzing runs on PostgreSQL (set FOLLOWUP_FUZZ=1 to run it here)")
    # The WSGI handler closes the database connection after each request; the test's
    # transaction must survive them, as Django's test client arranges for its own requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Django's own WSGI handler: followup.wsgi also refuses the development secret key.
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def fuzz_every_operation(api_schema, **call):
    """Each operation of the schema, with generated cases; every check schemathesis has."""
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @fuzz
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(**call)

        check()


@pytest.mark.slow
def test_the_api_answers_anonymous_callers_within_its_schema(api_schema):
    fuzz_every_operation(api_schema)


@pytest.fixture
def analyst_cookies(client, django_user_model):
    user = django_user_model.objects.create_user("fuzzer", password="pw-fuzzer-2024!")
    Profile.objects.create(user=user, role=Profile.ANALYST)
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


@pytest.mark.slow
def test_the_api_answers_a_signed_in_analyst_within_its_schema(api_schema, analyst_cookies):
    # A signed-in write may be refused (422) for what no schema can say: a party or an item
    # that does not exist, a period that ends before it starts. Every other check applies.
    fuzz_every_operation(
        api_schema,
        cookies=analyst_cookies,
        headers={"X-CSRFToken": CSRF},
        excluded_checks=[positive_data_acceptance],
    )


# Each of these once answered 500.
HUGE = 2**63
ONCE_FAILING = [
    ("/api/items?limit=" + str(HUGE), 422),
    ("/api/items?offset=" + str(HUGE), 422),
    ("/api/documents?limit=" + str(HUGE), 422),
    ("/api/reports?offset=" + str(HUGE), 422),
    (f"/api/items/{HUGE}", 422),
    (f"/api/reports/{HUGE}", 422),
    (f"/api/items?document={HUGE}", 422),
    ("/api/compliance?language=xx", 422),
    ("/api/items/search/?year=¹", 200),
    ("/api/items/search/?year=0", 200),
    ("/api/items/search/?year=10000", 200),
    ("/search/?year=¹", 200),
    ("/api/items?q=a%00b", 200),
    ("/api/items/search/?q=a%00b", 200),
    ("/items/?q=a%00b", 200),
    ("/search/?country=a%00b", 200),
    ("/documents/?language=%00", 200),
    ("/reports/?state=%00", 200),
    ("/countries/%00/", 404),
]


@pytest.mark.parametrize(("address", "status"), ONCE_FAILING)
def test_inputs_that_once_failed_get_a_clear_answer(client, address, status):
    response = client.get(address)
    assert response.status_code == status
    if status == 422 and "limit" not in address and "offset" not in address:
        detail = response.json()["detail"]
        assert detail  # names the field or lists the invalid ones


def test_a_year_that_is_not_one_is_ignored_with_a_message(client):
    answer = client.get("/api/items/search/", {"year": "¹"}).json()
    assert answer["messages"] == ["year: '¹' is not a year and was ignored."]


def test_nul_characters_are_removed_from_filters_and_bodies(client, django_user_model):
    from followup.tracking.models import Party

    assert (
        client.get("/api/items", {"q": "a\x00b"}).json()
        == client.get("/api/items", {"q": "ab"}).json()
    )
    analyst = django_user_model.objects.create_user("nul", password="pw-nul-2024!")
    Profile.objects.create(user=analyst, role=Profile.ANALYST)
    client.force_login(analyst)
    secretariat = Party.objects.create(kind=Party.SECRETARIAT, name="General Secretariat")
    payload = {
        "party_id": secretariat.pk,
        "items": [1],
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "compliance": "partial",
        "narrative": "Two\x00 parts",
    }
    answer = client.post("/api/reports", json.dumps(payload), content_type="application/json")
    assert answer.json()["detail"] == "items: no mandate or recommendation with id 1"


def test_a_huge_item_id_in_a_new_report_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("ht", password="pw-ht-2024!")
    client.force_login(user)
    payload = {
        "party_id": 1,
        "items": [HUGE],
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "compliance": "partial",
        "narrative": "x",
    }
    answer = client.post("/api/reports", json.dumps(payload), content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "payload.items.0"


def test_a_report_concerns_at_least_one_item_by_its_schema(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["components"]["schemas"]["ReportIn"]["properties"]["items"]["minItems"] == 1


def test_the_two_evidence_schemas_have_their_own_names(client):
    spec = client.get("/api/openapi.json").json()
    suggestions = spec["paths"]["/api/items/{item_id}/evidence"]["get"]["responses"]["200"]
    files = spec["paths"]["/api/reports/{report_id}/evidence"]["post"]["responses"]["201"]
    assert suggestions["content"]["application/json"]["schema"]["items"]["$ref"].endswith(
        "/SuggestedActionOut"
    )
    assert files["content"]["application/json"]["schema"]["$ref"].endswith("/EvidenceOut")


def test_every_route_documents_its_errors(client):
    spec = client.get("/api/openapi.json").json()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if "422" not in operation["responses"]
        or ("{" in path and "404" not in operation["responses"])
        or ("security" in operation and "401" not in operation["responses"])
    ]
    assert undocumented == []
