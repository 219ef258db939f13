"""One registry of named actions and one check, used by every layer: each action is tabled
role by role in this folder, and no app keeps a check, a refusal class or a mapping of refusals
to responses of its own (``web.errors`` renders them for pages, the API's handler for the API,
the command line's edge for commands)."""

import ast
from pathlib import Path

import followup
from followup.policy import ACTIONS

from . import test_consult, test_measures, test_petitions, test_tracking

SOURCE = Path(followup.__file__).parent
# The one place each layer turns a refusal into an answer.
EDGES = {"web/errors.py", "api/__init__.py", "cli.py"}
REFUSALS = {"Forbidden", "NotFound", "ActionError", "PermissionDenied", "Http404"}


def sources():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if "migrations" not in relative and not relative.startswith("policy/"):
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def test_every_named_action_is_tabled_for_every_role():
    tabled = set().union(
        test_tracking.TABLED, test_consult.TABLED, test_measures.TABLED, test_petitions.TABLED
    )
    assert tabled == set(ACTIONS)


def test_every_action_says_what_it_allows():
    assert [name for name, action in ACTIONS.items() if not action.description] == []


def test_no_app_keeps_a_check_or_refusals_of_its_own():
    found = []
    for relative, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in (
                "ensure_permission",
                "allowed",
                "may",
                "may_see",
            ):
                found.append(f"{relative}: def {node.name}")
            if isinstance(node, ast.ClassDef) and names(ast.Module(node.bases, [])) & {
                "Forbidden",
                "NotFound",
            }:
                found.append(f"{relative}: class {node.name}")
    assert found == []


def test_refusals_become_responses_only_at_the_edges():
    found = []
    for relative, tree in sources():
        if relative in EDGES:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ExceptHandler)
                and node.type is not None
                and names(node.type) & REFUSALS
            ):
                found.append(f"{relative}:{node.lineno} catches {ast.unparse(node.type)}")
            if isinstance(node, ast.Name | ast.Attribute) and (
                getattr(node, "id", None) or getattr(node, "attr", None)
            ) in ("HttpResponseForbidden", "HttpResponseNotFound"):
                found.append(f"{relative}:{node.lineno} uses {ast.unparse(node)}")
    assert found == []
