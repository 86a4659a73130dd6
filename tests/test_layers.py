"""The package's layers: imports run downwards only, and only ``papers/`` knows a paper.

Every ``gvcpanel`` import of every module, at module level or inside a function, is read from the
source. A module may import its own layer or any layer below it; the two paper packages import the
shared machinery and ``gvcpanel.papers.published``, never each other; nothing outside ``papers/``
except the command line on top imports a paper.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "workflow" / "gvcpanel"

#: Bottom to top. A module's layer is that of its first component under ``gvcpanel``.
LAYERS: list[set[str]] = [
    {"errors"},
    {"faults", "csvfile"},
    {"io", "logs", "code_version"},
    {"validate", "schemas"},
    {"sources"},
    {"construct", "estimate", "simulate"},
    {"report", "config"},
    {"papers"},
    {"publish", "run_guard"},
    {"cli", "__init__"},
]
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    """``workflow/gvcpanel/a/b.py`` → ``gvcpanel.a.b`` (a package's ``__init__`` is the package)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def imports(path: Path) -> list[tuple[int, str]]:
    """Every ``gvcpanel`` module ``path`` imports, and line (``from gvcpanel import x``: x)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("gvcpanel.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "gvcpanel":
                found += [(node.lineno, f"gvcpanel.{a.name}") for a in node.names]
            elif node.module.startswith("gvcpanel."):
                found.append((node.lineno, node.module))
    return found


def component(module: str) -> str:
    """The first component under ``gvcpanel`` (``__init__`` for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def paper(module: str) -> str | None:
    """The study package ``module`` belongs to, if any."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "papers" and parts[2] != "published" else None


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_component_has_a_layer():
    assert {component(module_name(p)) for p in MODULES} <= set(LEVEL)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_down_the_layers(path):
    here = module_name(path)
    upwards = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for line, target in imports(path)
        if LEVEL[component(target)] > LEVEL[component(here)]
    ]
    assert not upwards


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_papers_know_a_paper(path):
    here = module_name(path)
    if component(here) == "cli":
        return
    foreign = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for line, target in imports(path)
        if paper(target) is not None and paper(target) != paper(here)
    ]
    assert not foreign


def test_the_checks_see_an_upward_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from gvcpanel.errors import DataError\n"
        "def f():\n"
        "    from gvcpanel.papers.liu_2013.tables import table7\n",
        encoding="utf-8",
    )
    assert imports(module) == [(1, "gvcpanel.errors"), (3, "gvcpanel.papers.liu_2013.tables")]
    assert paper("gvcpanel.papers.liu_2013.tables") == "liu_2013"
    assert paper("gvcpanel.papers.published") is None
