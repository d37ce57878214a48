"""The documentation site covers the whole public API and its navigation is complete.

The pages' code blocks run as tests through sybil (see ``docs/conftest.py``); this
file checks what sybil cannot: that the API reference renders every public name and
that every page is reachable. ``mkdocs build --strict`` in CI checks the rest (links,
anchors and cross-references).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cocreation

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference"

# A mkdocstrings directive, with its indented YAML options.
_DIRECTIVE = re.compile(r"^::: *(?P<path>[\w.]+)[ \t]*\n(?P<options>(?:[ \t]+.*\n?)*)", re.M)


def _resolve(path: str) -> Any:
    """The object a dotted path names: the longest importable module, then attributes."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    msg = f"cannot resolve {path!r}"
    raise LookupError(msg)


def _members_option(options: str) -> list[str] | None:
    """The ``members`` option of a directive: the names listed (none for ``false``), or ``None``."""
    match = re.search(r"^\s*members:\s*(.*)$", options, flags=re.M)
    if match is None:
        return None
    value = match.group(1).strip()
    if value.lower() == "false":
        return []
    if value.startswith("["):
        return [name.strip().strip("\"'") for name in value.strip("[]").split(",") if name.strip()]
    listed = options[match.end() :]
    return re.findall(r"^\s*-\s*([\w.]+)\s*$", listed, flags=re.M)


@functools.cache
def rendered_objects() -> tuple[tuple[str, Any], ...]:
    """Every object the reference pages render: ``(path, object)`` pairs."""
    found: list[tuple[str, Any]] = []
    for page in sorted(REFERENCE.glob("*.md")):
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            path = match.group("path")
            target = _resolve(path)
            found.append((path, target))
            if not isinstance(target, ModuleType):
                continue
            members = _members_option(match.group("options"))
            names = list(getattr(target, "__all__", ())) if members is None else members
            found.extend((f"{path}.{name}", getattr(target, name)) for name in names)
    return tuple(found)


def test_reference_pages_name_objects_that_exist() -> None:
    paths = [path for path, _ in rendered_objects()]
    assert paths
    assert len(paths) == len(set(paths)), "an object is rendered twice"


@pytest.mark.parametrize("name", cocreation.__all__)
def test_reference_renders_every_public_name(name: str) -> None:
    public = getattr(cocreation, name)
    assert any(target is public for _, target in rendered_objects()), (
        f"cocreation.{name} is not rendered in docs/reference/"
    )


LAYERS = [
    "cocreation.model",
    "cocreation.ecosystem",
    "cocreation.tables",
    "cocreation.accounting",
    "cocreation.bulk",
    "cocreation.voc",
    "cocreation.analysis",
    "cocreation.estimate",
]


@pytest.mark.parametrize(
    ("layer", "name"),
    [(layer, name) for layer in LAYERS for name in importlib.import_module(layer).__all__],
)
def test_reference_renders_every_public_name_of_each_layer(layer: str, name: str) -> None:
    public = getattr(importlib.import_module(layer), name)
    assert any(target is public for _, target in rendered_objects()), (
        f"{layer}.{name} is not rendered in docs/reference/"
    )


@pytest.mark.parametrize(
    "module", ["cocreation.errors", "cocreation.io", "cocreation.strategies", "cocreation.plot"]
)
def test_reference_renders_every_module_of_the_edges(module: str) -> None:
    assert module in [path for path, _ in rendered_objects()]


def test_every_page_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"([\w./-]+\.md)\s*$", config, flags=re.M))
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert pages == listed


def test_pictures_in_the_pages_exist() -> None:
    for page in DOCS.rglob("*.md"):
        for picture in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", page.read_text(encoding="utf-8")):
            assert (page.parent / picture).is_file(), f"{page.name}: {picture} is missing"


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)


def test_the_home_page_shows_the_readmes_quick_start_exactly() -> None:
    readme = _bash_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    home = _bash_blocks((DOCS / "index.md").read_text(encoding="utf-8"))
    assert home[:2] == readme[:2]


def test_every_python_block_is_one_that_runs() -> None:
    # sybil runs fences whose info string is exactly "python"; any other spelling of
    # Python would be shown on the site but never run.
    for page in DOCS.rglob("*.md"):
        for info in re.findall(
            r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*(\S*)", page.read_text("utf-8"), re.M
        ):
            if info.lower().startswith(("py", "{.py")) or info.lower() == "pycon":
                assert info == "python", f"{page.name}: a ```{info} block would not run"


# ---------------------------------------------------------------- copied code runs at a prompt


def _hooks() -> ModuleType:
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# A Python fence, and whether sybil is told to skip it (as it skips it, so do the tests).
_FENCE = re.compile(
    r"(?P<skip><!-- skip: next -->\n(?:[ \t]*\n)*)?^```python\n(?P<code>.*?)^```", re.S | re.M
)


def _pages() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "reference" not in path.parts)


def test_mkdocs_runs_the_copy_hook() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - docs/hooks.py" in config


@pytest.mark.parametrize("page", _pages(), ids=lambda path: str(path.relative_to(DOCS)))
def test_what_the_copy_button_copies_runs_at_a_plain_prompt(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import code

    hooks = _hooks()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")

    syntax_errors: list[str] = []
    raised: list[str] = []

    class Prompt(code.InteractiveConsole):
        def showsyntaxerror(self, filename: str | None = None, **_: Any) -> None:
            syntax_errors.append(str(sys.exc_info()[1]))

        def showtraceback(self) -> None:
            raised.append(repr(sys.exc_info()[1]))

    prompt = Prompt({"__name__": "__console__", "save_figure": lambda *_, **__: None})
    expected_raises = 0
    for match in _FENCE.finditer(page.read_text(encoding="utf-8")):
        if match.group("skip"):
            continue
        block = match.group("code")
        copied = hooks.runnable(block)
        if copied is None:  # plain code: copied as it is, run as a script
            exec(compile(block, str(page), "exec"), prompt.locals)
            continue
        expected_raises += block.count("Traceback (most recent call last):")
        with contextlib.redirect_stdout(io.StringIO()):
            for line in [*copied.splitlines(), ""]:
                prompt.push(line)
    assert syntax_errors == []
    assert len(raised) == expected_raises, raised
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


# ---------------------------------------------------------------- install hints and extras


def _extras() -> set[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(project["project"]["optional-dependencies"])


def test_the_home_page_lists_every_extra() -> None:
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([\w-]+)` \|", home, flags=re.M))
    assert listed == _extras()


def test_the_docs_extra_alone_can_wrap_long_signatures() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    docs = project["project"]["optional-dependencies"]["docs"]
    # mkdocstrings formats signatures with Black or Ruff, whichever is installed.
    assert any(re.match(r"(ruff|black)\b", requirement) for requirement in docs)
    assert "line_length:" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "page", sorted(DOCS.rglob("*.md")), ids=lambda path: str(path.relative_to(DOCS))
)
def test_every_install_hint_works_from_an_index_and_from_a_checkout(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    from_index = set(re.findall(r"pip install [\"']cocreation\[([\w,-]+)\][\"']", text))
    from_checkout = set(re.findall(r"pip install (?:-e )?[\"']\.\[([\w,-]+)\][\"']", text))
    # Contributors install dev from a checkout only; every user-facing extra both ways.
    assert from_index == from_checkout - {"dev", "docs"}
