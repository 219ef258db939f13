import os
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds.jsonl"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return paths


@pytest.fixture
def registries(db):
    from followup.corpus.actions import do_load_registries

    do_load_registries()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def uses_the_database(item) -> bool:
    return bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        or item.get_closest_marker("django_db")
        or item.get_closest_marker("database")
    )


def pytest_collection_modifyitems(config, items):
    """FOLLOWUP_TESTS=database keeps only the tests that touch the database: the second pass of
    CI on another database need not rerun what gives the same answer on every database."""
    if os.environ.get("FOLLOWUP_TESTS") != "database":
        return
    kept, dropped = [], []
    for item in items:
        (kept if uses_the_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
