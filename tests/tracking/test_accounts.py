"""Accounts: roles, activation by an administrator, Argon2, rate-limited sign-in, CSRF."""

import importlib

import pytest
from django.core.cache import cache
from django.test import Client

from followup.tracking.actions import InvalidInput, Registration, do_register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_passwords_are_hashed_with_argon2_in_production_settings():
    settings_module = importlib.import_module("followup.settings")
    assert settings_module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_a_registered_password(parties, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = do_register(Registration("citizen", "c@example.org", "a long pass phrase 2024"))
    assert user.password.startswith("argon2")


def test_a_public_account_is_active_at_once(parties):
    user = do_register(Registration("citizen", "c@example.org", "a long pass phrase 2024"))
    assert user.is_active
    assert user.profile.role == "public"


def test_a_focal_point_waits_for_an_administrator(parties, client, django_user_model):
    user = do_register(
        Registration(
            "haiti-fp", "fp@example.org", "a long pass phrase 2024", "focal_point", parties["HT"].pk
        )
    )
    assert not user.is_active
    assert user.profile.party == parties["HT"]
    assert not client.login(username="haiti-fp", password="a long pass phrase 2024")
    admin = django_user_model.objects.create_superuser("root", password="pw-root-2024!")
    client.force_login(admin)
    response = client.post(
        "/admin/auth/user/", {"action": "activate", "_selected_action": [user.pk]}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active


@pytest.mark.parametrize(
    ("registration", "field"),
    [
        (Registration("x", "x@example.org", "short"), "password"),
        (Registration("y", "y@example.org", "a long pass phrase 2024", "analyst"), "role"),
        (
            Registration("z", "z@example.org", "a long pass phrase 2024", "focal_point", None),
            "party",
        ),
    ],
)
def test_bad_registrations_name_the_field(parties, registration, field):
    with pytest.raises(InvalidInput) as raised:
        do_register(registration)
    assert raised.value.field == field


def test_a_focal_point_cannot_claim_an_organization(parties):
    with pytest.raises(InvalidInput, match="party"):
        do_register(
            Registration(
                "w", "w@example.org", "a long pass phrase 2024", "focal_point", parties["cso"].pk
            )
        )


def test_forms_need_the_csrf_token(people, file_report):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["analyst"])
    report = file_report(state="submitted")
    assert strict.post(f"/reports/{report.pk}/validate/").status_code == 403
    assert (
        strict.post(
            "/accounts/login/", {"username": "haiti", "password": "pw-haiti-2024!"}
        ).status_code
        == 403
    )
