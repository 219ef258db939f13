"""Extraction is a plain-Python stage: it reads what `read` gives and never imports a later
stage (classify, taxonomies, link), the apps or Django."""

import ast
from pathlib import Path

import followup.extract

LATER = ("followup.classify", "followup.taxonomies", "followup.link", "followup.corpus", "django")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_extract_imports_no_later_stage():
    package = Path(followup.extract.__file__).parent
    offending = {
        (path.relative_to(package).as_posix(), name)
        for path in package.rglob("*.py")
        for name in imported_modules(path)
        if name.startswith(LATER)
    }
    assert offending == set()
