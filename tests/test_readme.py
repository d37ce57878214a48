"""The README tells the truth: its code runs and CI runs its test command."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_readme_has_two_quick_start_commands() -> None:
    commands = _blocks("bash")
    assert any("cocreation report" in command for command in commands)
    assert any("pytest" in command for command in commands)


def test_ci_runs_the_readme_test_command_exactly() -> None:
    test_command = next(c.strip() for c in _blocks("bash") if c.strip().endswith("pytest"))
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


@pytest.mark.parametrize("number", range(len(_blocks("python"))))
def test_readme_python_block_runs_and_prints_what_its_comments_say(number: int) -> None:
    source = _blocks("python")[number]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, f"README.md block {number}", "exec"), {})
    # Every `print(...)  # expected` comment states the output of that line, in order.
    expected = [
        line.split("#", 1)[1].strip()
        for line in source.splitlines()
        if line.lstrip().startswith("print(") and "#" in line
    ]
    assert printed.getvalue().splitlines() == expected
