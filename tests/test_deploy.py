"""Deployment: production settings pass `check --deploy`, the production server starts only with a
secret key of its own, serves static files itself, and answers a health check."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((ROOT / "src/followup").glob("*/templates/**/*.html"))
PRODUCTION = {
    "FOLLOWUP_PRODUCTION": "1",
    "FOLLOWUP_SECRET_KEY": secrets.token_urlsafe(50),
    "FOLLOWUP_ALLOWED_HOSTS": "followup.example.org",
    "FOLLOWUP_CSRF_TRUSTED_ORIGINS": "https://followup.example.org",
}


def clean_environment() -> dict:
    """This process's environment without followup's and Django's settings (the browser tests
    set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly warns about)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "DJANGO_"))}


def django_command(*args, env):
    clean = clean_environment()
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "followup.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = django_command("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_fails_without_https_settings():
    result = django_command(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "FOLLOWUP_HTTPS": "0"}
    )
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_production_refuses_to_start_with_the_development_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "FOLLOWUP_SECRET_KEY"}
    result = django_command("check", env=env)
    assert result.returncode != 0
    assert "FOLLOWUP_SECRET_KEY: production needs a secret key of its own" in result.stderr


@pytest.mark.django_db
def test_serve_refuses_the_development_key_and_points_to_dev(monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DEVELOPMENT_SERVER", raising=False)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert "FOLLOWUP_SECRET_KEY is not set" in result.output
    assert "followup serve --dev" in result.output


def test_no_template_holds_inline_script_or_event_handlers():
    """The Content-Security-Policy allows scripts from our static files only."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\bhx-on", re.I)
    offending = {
        str(path.relative_to(ROOT)): inline.findall(path.read_text()) for path in TEMPLATES
    }
    assert TEMPLATES
    assert {path: found for path, found in offending.items() if found} == {}


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy


def test_static_files_are_served_by_the_application(client):
    response = client.get("/static/web/site.js")
    assert response.status_code == 200
    assert b"data-submit-on-change" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_health_reports_each_check(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"ok": True}, "search_index": {"ok": True}},
    }
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_health_checks_redis_when_it_is_the_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "KEY_PREFIX": "followup-test-health",
        }
    }
    from django.core.cache import caches

    try:
        caches["default"].get("probe")
    except Exception:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    assert client.get("/health/").json()["checks"]["redis"] == {"ok": True}

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["redis"]["ok"] is False
    assert "Error" in body["checks"]["redis"]["error"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.mark.slow
def test_serve_runs_gunicorn_with_hashed_static_files(tmp_path):
    port = free_port()
    clean = {k: v for k, v in clean_environment().items() if k != "DATABASE_URL"}
    env = {**clean, **PRODUCTION, "FOLLOWUP_HTTPS": "0", "FOLLOWUP_DATA_DIR": str(tmp_path)}
    env["FOLLOWUP_ALLOWED_HOSTS"] = "127.0.0.1"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "followup"),
            *("serve", "--port", str(port), "--workers", "2", "--threads", "2"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a machine busy with other work starts the workers slowly
            try:
                status, headers, _body = get(f"{base}/health/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the server did not answer")
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        _, _, page = get(f"{base}/")
        hashed = re.search(rb'src="(/static/web/site\.[0-9a-f]{12}\.js)"', page)
        assert hashed, page[:500]
        status, headers, script = get(base + hashed.group(1).decode())
        assert status == 200
        assert b"data-submit-on-change" in script
        assert "max-age=315360000" in headers["Cache-Control"]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "with 2 process(es) of 2 thread(s)" in output
