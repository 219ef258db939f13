"""Registration: Django's user-name rules, no hint of which names exist, a rate limit, and an
account that can only read until its e-mail address is confirmed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache

from followup.errors import Forbidden
from followup.policy import fileable_parties, role_of
from followup.tracking.actions import do_create_report
from followup.tracking.models import Party

from .conftest import REPORT

# Registration commits before its e-mails go (they are sent once the account is stored), so
# these tests commit for real instead of running inside one transaction.
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long pass phrase 2024"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def register(client, username, email="c@example.org", role="public", party=None, follow=False):
    data = {"username": username, "email": email, "password": PASSWORD, "role": role}
    if party is not None:
        data["party"] = party.pk
    return client.post("/accounts/register/", data, follow=follow)


def link_in(message) -> str:
    return re.search(r"http://127.0.0.1:8000(/accounts/verify/[^/\s]+/)", message.body).group(1)


def page_text(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.mark.parametrize(
    "username",
    ["<script>alert(1)</script>", "pub\u200buser", "pub\u2060user", "new user", "a/b", "   "],
)
def test_names_outside_djangos_rules_are_refused_naming_the_field(parties, client, username):
    response = register(client, username)
    assert response.status_code == 400
    assert b"username" in response.content
    assert not get_user_model().objects.filter(email="c@example.org").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("variant", ["public", "PUBLIC", "Public", " public ", "ｐｕｂｌｉｃ"])
def test_a_taken_name_or_a_variant_answers_as_a_free_one_and_tells_only_by_e_mail(
    people, client, variant
):
    free = register(client, "newcomer", email="n@example.org", follow=True)
    taken = register(client, variant, email="t@example.org", follow=True)
    assert (taken.status_code, taken.redirect_chain) == (free.status_code, free.redirect_chain)
    assert page_text(taken) == page_text(free)
    assert get_user_model().objects.filter(username__iexact="public").count() == 1
    to_taken = [m for m in mail.outbox if m.to == ["t@example.org"]]
    assert len(to_taken) == 1
    assert "is not available" in to_taken[0].body


def test_a_non_ascii_name_differing_only_by_case_is_taken(parties, client):
    register(client, "José", email="a@example.org")
    register(client, "JOSÉ", email="b@example.org")
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["José"]


def test_registration_is_rate_limited_per_address(parties, client, settings):
    settings.FOLLOWUP_REGISTRATIONS_PER_HOUR = 2
    assert register(client, "first", email="1@example.org").status_code == 302
    assert register(client, "second", email="2@example.org").status_code == 302
    refused = register(client, "third", email="3@example.org")
    assert refused.status_code == 429
    assert b"Too many accounts" in refused.content
    assert not get_user_model().objects.filter(username="third").exists()


def test_a_new_account_reads_only_until_its_address_is_confirmed(parties, client):
    assert register(client, "citizen").status_code == 302
    user = get_user_model().objects.get(username="citizen")
    assert user.is_active
    assert not user.profile.email_verified
    (message,) = mail.outbox
    assert message.to == ["c@example.org"]
    assert message.subject == "Confirm your e-mail address"
    confirmed = client.get(link_in(message))
    assert confirmed.status_code == 200
    assert b"Your e-mail address is confirmed." in confirmed.content
    user.profile.refresh_from_db()
    assert user.profile.email_verified


def test_an_account_is_written_to_in_the_language_it_registered_in(parties, client):
    """Its e-mails follow Profile.language (tests/tracking/test_notifications.py)."""
    client.cookies["django_language"] = "es"
    register(client, "ciudadana")
    assert get_user_model().objects.get(username="ciudadana").profile.language == "es"


def test_an_unconfirmed_focal_point_cannot_report_even_once_activated(parties, items, client):
    register(client, "haiti-fp", email="fp@example.org", role="focal_point", party=parties["HT"])
    user = get_user_model().objects.get(username="haiti-fp")
    user.is_active = True  # an administrator activated it
    user.save(update_fields=["is_active"])
    assert role_of(user) == "public"
    assert not Party.objects.filter(fileable_parties(user)).exists()
    report = {**REPORT, "party_id": parties["HT"].pk, "item_ids": [items["civil_registry"].pk]}
    with pytest.raises(Forbidden, match="you may not report for Haiti"):
        do_create_report(user, **report)
    client.get(link_in(mail.outbox[0]))
    user = get_user_model().objects.get(pk=user.pk)
    assert role_of(user) == "focal_point"
    assert list(Party.objects.filter(fileable_parties(user))) == [parties["HT"]]
    assert do_create_report(user, **report).party == parties["HT"]


def test_a_forged_an_expired_or_a_stale_link_is_refused(parties, client, monkeypatch, settings):
    register(client, "citizen")
    link = link_in(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").status_code == 400
    user = get_user_model().objects.get(username="citizen")
    user.email = "other@example.org"  # the address changed since the link was sent
    user.save(update_fields=["email"])
    assert client.get(link).status_code == 400
    user.email = "c@example.org"
    user.save(update_fields=["email"])
    real_time = signing.time.time
    days = settings.FOLLOWUP_EMAIL_VERIFICATION_DAYS
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + days * 86400 + 60)
    expired = client.get(link)
    assert expired.status_code == 400
    assert b"invalid or has expired" in expired.content
    monkeypatch.undo()
    assert client.get(link).status_code == 200
