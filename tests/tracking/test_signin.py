"""Sign-in throttling: one throttle for the site's and the administration's sign-in, keyed on the
normalized user name and, apart, on the address, with an increasing delay for an address."""

import pytest
from django.core.cache import cache
from django.test import Client

from followup.tracking import ratelimit

pytestmark = pytest.mark.django_db

PASSWORD = "pw-haiti-2024!"
PATHS = ["/accounts/login/", "/admin/login/"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def sign_in(client, username, password, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password})


def fail(client, times, username="haiti", path="/accounts/login/"):
    for _ in range(times):
        assert sign_in(client, username, "wrong", path).status_code == 200


@pytest.mark.parametrize("path", PATHS)
def test_each_sign_in_path_counts_and_both_are_paused(people, client, settings, path):
    settings.FOLLOWUP_LOGIN_ATTEMPTS = 3
    people["haiti"].is_staff = True  # so that the administration's sign-in would let them in
    people["haiti"].save(update_fields=["is_staff"])
    fail(client, 3, path=path)
    for other in PATHS:
        locked = sign_in(client, "haiti", PASSWORD, other)
        assert locked.status_code == 429, other
        assert b"Too many failed attempts" in locked.content
        assert int(locked["Retry-After"]) == settings.FOLLOWUP_LOGIN_LOCKOUT
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("variant", [" haiti", "haiti ", "HAITI", "ｈａｉｔｉ", "hai\u200bti"])
def test_variants_of_a_paused_name_are_paused_too(people, client, settings, variant):
    settings.FOLLOWUP_LOGIN_ATTEMPTS = 3
    fail(client, 3)
    assert sign_in(Client(REMOTE_ADDR="10.1.1.1"), variant, PASSWORD).status_code == 429


def test_variants_count_against_the_same_name(people, client, settings):
    settings.FOLLOWUP_LOGIN_ATTEMPTS = 3
    for variant in (" haiti", "HAITI", "ｈａｉｔｉ"):
        fail(client, 1, username=variant)
    assert sign_in(client, "haiti", PASSWORD).status_code == 429


def test_whitespace_and_full_width_variants_really_sign_in_so_they_must_be_counted(people):
    """Django's sign-in form strips and NFKC-normalizes: these are the same account."""
    for variant in (" haiti", "ｈａｉｔｉ"):
        assert sign_in(Client(), variant, PASSWORD).status_code == 302


def test_a_success_on_ones_own_account_clears_only_that_account(people, client, settings):
    settings.FOLLOWUP_LOGIN_ATTEMPTS = 3
    fail(client, 2)
    assert sign_in(client, "mexico", "pw-mexico-2024!").status_code == 302
    client.post("/accounts/logout/")
    fail(client, 1)
    assert sign_in(client, "haiti", PASSWORD).status_code == 429


def test_a_success_does_not_clear_the_address(people, client, settings):
    settings.FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS = 2
    fail(client, 1, "haiti")
    assert sign_in(client, "mexico", "pw-mexico-2024!").status_code == 302
    client.post("/accounts/logout/")
    fail(client, 1, "cso")
    waited = sign_in(client, "analyst", "pw-analyst-2024!")
    assert waited.status_code == 429
    assert waited["Retry-After"] == "1"


def test_a_shared_office_address_is_not_locked_by_a_few_mistakes(people, client):
    """Five colleagues behind one address each mistype once: nobody is kept out."""
    for name in ("haiti", "mexico", "cso", "public", "analyst"):
        fail(client, 1, name)
    assert sign_in(client, "haiti", PASSWORD).status_code == 302


def test_past_its_allowance_an_address_waits_longer_after_each_failure(
    people, client, settings, monkeypatch
):
    settings.FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS = 3
    settings.FOLLOWUP_LOGIN_MAX_DELAY = 8
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    names = iter(f"nobody{i}" for i in range(20))
    fail(client, 3, next(names))
    delays = []
    for _ in range(5):
        refused = sign_in(client, next(names), "wrong")
        assert refused.status_code == 429
        delays.append(int(refused["Retry-After"]))
        now[0] += delays[-1]  # wait as told, then try (and fail) once more
        assert sign_in(client, next(names), "wrong").status_code == 200
    assert delays == [1, 2, 4, 8, 8]
    # The right password after waiting still signs in: a delay, never a lockout.
    now[0] += 8
    assert sign_in(client, "haiti", PASSWORD).status_code == 302


def test_another_address_is_not_slowed_by_the_first(people, client, settings):
    settings.FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS = 1
    fail(client, 1, "nobody")
    assert sign_in(client, "haiti", PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.2.2.2"), "haiti", PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(people, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1")
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        attacker.post(
            "/accounts/login/",
            {"username": "nobody", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"{spoofed}, 198.51.100.7",
        )
    refused = attacker.post(
        "/accounts/login/",
        {"username": "haiti", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="4.4.4.4, 198.51.100.7",
    )
    assert refused.status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1").post(
        "/accounts/login/",
        {"username": "haiti", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert colleague.status_code == 302


def test_the_throttle_guards_authenticate_itself(people, rf, settings):
    """A sign-in path added later without the page's check is still refused."""
    from django.contrib.auth import authenticate

    settings.FOLLOWUP_LOGIN_ATTEMPTS = 2
    request = rf.post("/anywhere/")
    for _ in range(2):
        assert authenticate(request, username="haiti", password="wrong") is None
    assert authenticate(request, username="haiti", password=PASSWORD) is None
    cache.clear()
    assert authenticate(request, username="haiti", password=PASSWORD) == people["haiti"]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("  PubUser ", "pubuser"),
        ("ｐｕｂｕｓｅｒ", "pubuser"),
        ("pub\u200buser", "pubuser"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
    ],
)
def test_normalized_names(raw, key):
    assert ratelimit.normalize_username(raw) == key


def test_with_redis_every_server_process_sees_the_same_counters(settings):
    """Failures counted by another process (another gunicorn worker) pause the name here."""
    import os
    import subprocess
    import sys

    redis_url = "redis://127.0.0.1:6379/3"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "followup-test-signin",
        }
    }
    settings.FOLLOWUP_LOGIN_ATTEMPTS = 3
    try:
        cache.clear()
    except Exception:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    other_worker = (
        "import django; django.setup()\n"
        "from followup.tracking import ratelimit\n"
        "for _ in range(3): ratelimit.record_failure(' HAITI', '10.3.3.3')\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "followup.settings",
        "FOLLOWUP_REDIS_URL": redis_url,
        "FOLLOWUP_CACHE_PREFIX": "followup-test-signin",
        "FOLLOWUP_LOGIN_ATTEMPTS": "3",
    }
    subprocess.run([sys.executable, "-c", other_worker], env=env, check=True, timeout=60)
    try:
        assert ratelimit.check("haiti", "10.4.4.4") == ratelimit.Verdict(
            False, settings.FOLLOWUP_LOGIN_LOCKOUT
        )
        assert ratelimit.check("mexico", "10.4.4.4").allowed
    finally:
        cache.clear()
