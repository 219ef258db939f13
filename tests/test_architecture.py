"""The project's shape, checked: data flows one way (read → extract → classify → link → the
apps → the web), and the conventions of docs/conventions.md that a program can see."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import followup

SOURCE = Path(followup.__file__).parent

# What each part may never import (anywhere in it, lazy imports included).
APPS = ("corpus", "tracking", "search", "web", "api", "policy", "errors", "exports", "forms")
FORBIDDEN = {
    "read": ("django", "extract", "classify", "taxonomies", "link", *APPS),
    "extract": ("django", "classify", "taxonomies", "link", *APPS),
    "classify": ("django", "link", *APPS),
    "taxonomies": ("django", "link", *APPS),
    "link": ("django", *APPS),
    "corpus": ("tracking", "web", "api"),
    "tracking": ("web", "api"),
    "web": ("api",),
    # The shared layers sit under every app, so they import none.
    "policy": ("corpus", "tracking", "search", "web", "api"),
    "errors": ("django", "corpus", "tracking", "search", "web", "api"),
    "exports": ("corpus", "tracking", "search", "web", "api"),
    "forms": ("corpus", "tracking", "search", "web", "api"),
    "pdf": ("corpus", "tracking", "search", "web", "api"),
    # Boundaries and their outlines: plain data that every app's map draws from.
    "geo": ("django", "measures", "petitions", "consult", *APPS),
}
# Known and pending exceptions, each removed once its import is gone (a test below says when).
PENDING: set[tuple[str, str]] = set()


def modules(part: str):
    path = SOURCE / part
    files = [path.with_suffix(".py")] if path.with_suffix(".py").exists() else path.rglob("*.py")
    return [f for f in files if "migrations" not in f.parts]


def imported(path: Path) -> set[str]:
    """Top-level names imported by a file: django, or the followup part (followup.X → X)."""
    inside = path.is_relative_to(SOURCE)
    package = ["followup", *(path.relative_to(SOURCE).parts[:-1] if inside else ())]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            names = [".".join([*base, node.module] if node.module else base)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "django":
                found.add("django")
            elif parts[0] == "followup" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("part", sorted(FORBIDDEN))
def test_no_part_imports_a_later_one(part):
    violations = sorted(
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in modules(part)
        for name in imported(path) & set(FORBIDDEN[part])
        if (part, name) not in PENDING
    )
    assert violations == []


def test_the_pending_exceptions_are_still_needed():
    """Fails once the pending import is gone, so that its entry is removed."""
    for part, name in PENDING:
        assert any(name in imported(path) for path in modules(part)), (part, name)


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def _receiver_names(node) -> list[str]:
    names = []
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Call):
            node = node.func
            continue
        names.append(node.attr)
        node = node.value
    return names


def _is_model_save(call) -> bool:
    # Model.save() takes keywords only; file and workbook saves take a positional argument.
    return call.func.attr == "save" and not call.args


def _is_write(call) -> bool:
    if _is_model_save(call):
        return True
    queryset = {"objects", "filter", "exclude", "all", "select_for_update"}
    writes = {"create", "bulk_create", "update_or_create", "get_or_create", "delete", "update"}
    return call.func.attr in writes and bool(queryset & set(_receiver_names(call.func.value)))


def _is_actions(path: Path) -> bool:
    return path.name == "actions.py" or "actions" in path.parts


def source_files():
    return [f for f in SOURCE.rglob("*.py") if "migrations" not in f.parts]


# Modules that write for a reason of their own, and the reason.
WRITERS = {
    "search/semantic.py": "the vector index is derived data, kept by the search app itself",
    "tracking/demo.py": "the demo's accounts, made once by `followup demo`",
    "tracking/reminders.py": "do_send_reminders records each reminder with the event it emits",
    "tracking/imports.py": "the import records the reports and statuses of its rows itself",
    "jobs.py": "the job queue keeps the state of its own jobs (claim, retry, finish)",
    "consult/demo.py": "the demo's consultation and citizens, made once by `followup demo`",
    "measures/demo.py": "the demo's measures log, made once by `followup demo`",
    "petitions/demo.py": "the demo's petitions, made once by `followup demo`",
    "petitions/notices.py": "each deadline notice is recorded with the mail it sends",
    # Pending: these do_* writes move into measures.actions; remove the entries then.
    "measures/mobility.py": "restrictions and points of entry (do_record_*), pending a move",
    "measures/questionnaires.py": "questionnaires and answers (do_*), pending a move",
}


def test_database_writes_live_in_actions_modules():
    outside = sorted(
        f"{path.relative_to(SOURCE)}:{call.lineno}"
        for path in source_files()
        if not _is_actions(path) and str(path.relative_to(SOURCE)) not in WRITERS
        for call in _calls(path)
        if _is_write(call)
    )
    assert outside == []


def test_actions_save_only_what_changed():
    """An update names its fields (update_fields); an insert says so (force_insert)."""
    bare = sorted(
        f"{path.relative_to(SOURCE)}:{call.lineno}"
        for path in source_files()
        if _is_actions(path)
        for call in _calls(path)
        if _is_model_save(call)
        and not {k.arg for k in call.keywords} & {"update_fields", "force_insert"}
    )
    assert bare == []


def test_dates_are_local_dates_of_the_sites_time_zone():
    """``timezone.localdate()`` and ``timezone.now()``, never the machine's ``date.today()``
    or a naive ``datetime.now()``."""
    naive = sorted(
        f"{path.relative_to(SOURCE)}:{call.lineno}"
        for path in source_files()
        for call in _calls(path)
        if isinstance(call.func.value, ast.Name)
        and (call.func.value.id, call.func.attr) in {("date", "today"), ("datetime", "now")}
        and not call.args
    )
    assert naive == []


def test_the_checks_can_fail(tmp_path):
    """Each check finds what it is meant to find."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from followup.tracking.models import Report\n"
        "import django.db\n"
        "def f(report):\n"
        "    report.save()\n"
        "    Report.objects.filter(pk=1).update(state='x')\n"
        "    return date.today()\n"
    )
    calls = list(_calls(sample))
    assert [c.func.attr for c in calls if _is_write(c)] == ["save", "update"]
    assert imported(sample) == {"tracking", "django"}


DOCTESTED = ["followup.read", "followup.extract"]


def _doctested_modules():
    for package_name in DOCTESTED:
        package = importlib.import_module(package_name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            yield importlib.import_module(info.name)


def _with_examples():
    return [m for m in _doctested_modules() if ">>> " in Path(m.__file__).read_text("utf-8")]


@pytest.mark.parametrize("module", _with_examples(), ids=lambda m: m.__name__)
def test_the_examples_in_docstrings_hold(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
