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
