"""The docs name every command and every setting, so they cannot drift from the code."""

import re
from pathlib import Path

from followup.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_documented():
    documented = set(
        re.findall(r"^## `followup ([a-z-]+)", (ROOT / "docs/cli.md").read_text(), re.M)
    )
    assert documented == set(main.commands)


def test_every_option_of_every_command_is_documented():
    text = (ROOT / "docs/cli.md").read_text()
    for name, command in main.commands.items():
        for param in command.params:
            for flag in param.opts:
                if flag.startswith("--"):
                    assert f"`{flag}" in text, f"{name} {flag} is not in docs/cli.md"


def test_every_environment_setting_is_documented():
    settings_source = (ROOT / "src/followup/settings.py").read_text()
    used = set(re.findall(r'environ(?:\.get\(|\[)\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^\| `([A-Z_]+)`", (ROOT / "docs/settings.md").read_text(), re.M))
    assert used == documented


def test_the_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "    make demo\n" in readme
    assert "    make test\n" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()
