"""Every string of the petitions pages has its Spanish, Portuguese and French translation."""

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src/followup/petitions/locale"
ENTRY = re.compile(
    r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', re.M
)


def _entries(path: Path):
    text = path.read_text(encoding="utf-8") + "\n"
    for msgid, msgstrs in ENTRY.findall(text):
        ids = "".join(re.findall(r'"(.*)"', msgid))
        strs = [
            ("".join(re.findall(r'"(.*)"', s)))
            for s in re.split(r"^msgstr(?:\[\d\])? ", msgstrs, flags=re.M)
            if s
        ]
        if ids:
            yield ids, strs


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_every_petitions_string_is_translated_and_keeps_its_placeholders(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = list(_entries(path))
    assert len(entries) > 200
    assert "#, fuzzy\nmsgid" not in path.read_text(encoding="utf-8")
    for msgid, msgstrs in entries:
        assert all(msgstrs), f"{path}: {msgid!r} has no translation"
        placeholders = sorted(re.findall(r"%\(\w+\)s", msgid))
        for msgstr in msgstrs:
            assert sorted(set(re.findall(r"%\(\w+\)s", msgstr))) == sorted(set(placeholders)), msgid
