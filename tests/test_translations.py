"""Every string of the interface, in every catalogue, has its Spanish, Portuguese and French
translation, and the catalogues shipped are the ones the sources give today.

The strings are collected afresh from the sources (Django's ``makemessages`` on a copy of the
package), so a string added to a template or a message without its translations fails here,
not in front of a user.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "followup"
LANGUAGES = ("es", "pt", "fr")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")

pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")


def shipped_catalogues() -> list[Path]:
    return sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict[Path, polib.POFile]:
    """The catalogues as makemessages writes them from today's sources, by shipped path."""
    copy = tmp_path_factory.mktemp("sources") / "followup"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    admin = Path(sys.executable).parent / "django-admin"
    command = [str(admin), "makemessages", "--no-obsolete", "--settings", "followup.settings"]
    for language in LANGUAGES:
        command += ["-l", language]
    subprocess.run(command, cwd=copy, check=True, capture_output=True)
    return {
        PACKAGE / path.relative_to(copy): polib.pofile(str(path))
        for path in copy.glob("**/locale/*/LC_MESSAGES/django.po")
    }


def test_every_language_has_each_catalogue():
    folders = {path.parents[2] for path in shipped_catalogues()}
    found = {path.parts[-3] for path in shipped_catalogues()}
    assert found == set(LANGUAGES)
    assert len(shipped_catalogues()) == len(folders) * len(LANGUAGES)


def test_every_string_of_the_sources_is_translated_in_every_catalogue(collected):
    missing = {
        str(path.relative_to(PACKAGE)): [
            entry.msgid for entry in catalogue if not entry.translated() or entry.fuzzy
        ]
        for path, catalogue in collected.items()
    }
    assert {path: ids for path, ids in missing.items() if ids} == {}


def test_translations_keep_the_placeholders_of_their_string():
    """A plural's forms may each leave out the count ("every month"), never add one."""
    changed = []
    for path in shipped_catalogues():
        for entry in polib.pofile(str(path)).translated_entries():
            wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                found = set(PLACEHOLDER.findall(text))
                if text and (found - wanted if entry.msgid_plural else found ^ wanted):
                    changed.append((path.parts[-3], entry.msgid))
    assert changed == []


def test_the_compiled_catalogues_are_those_of_the_translations():
    stale = []
    for path in shipped_catalogues():
        compiled = path.with_suffix(".mo")
        translations = {_key(e): _texts(e) for e in polib.pofile(str(path)).translated_entries()}
        shipped = (
            {_key(e): _texts(e) for e in polib.mofile(str(compiled))} if compiled.exists() else {}
        )
        if {k: v for k, v in shipped.items() if k[1]} != translations:
            stale.append(str(compiled.relative_to(PACKAGE)))
    assert stale == []


def _key(entry) -> tuple:
    """An entry's identity: the same words may be translated apart in another context."""
    return (entry.msgctxt or "", entry.msgid)


def _texts(entry) -> tuple:
    return (entry.msgstr, *(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)))
