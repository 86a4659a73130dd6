"""The documentation site (``mkdocs.yml``, ``docs/``): it builds in strict mode, its Python
examples run and print what the pages show, its configuration examples are valid
configurations, and the pages that restate the project agree with it (the README's Quick start,
the public API, the rules and scripts behind each exhibit).

The examples read ``hansen1999_xthreg.csv`` (Stata's xthreg example data) from
``../shared/data/hansen1999/``; without it they are skipped, except in CI, where it must exist.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import IN_CI, ROOT, SHARED

import gvcpanel
from gvcpanel.config import load_config

sys.path.insert(0, str(ROOT / "tools"))
import doc_examples  # noqa: E402

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
DATA = {"hansen1999_xthreg.csv": SHARED / "data" / "hansen1999" / "hansen1999_xthreg.csv"}


def fenced(text: str, language: str) -> list[str]:
    """The bodies of the ``language`` blocks of a Markdown text."""
    return [m["body"] for m in doc_examples.FENCE.finditer(text) if m["info"].strip() == language]


def with_examples() -> list[Path]:
    return [p for p in PAGES if doc_examples.examples(p.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A working directory holding the data files the examples read."""
    missing = [str(path) for path in DATA.values() if not path.is_file()]
    if missing and IN_CI:
        pytest.fail(f"the documentation examples need {missing} (../shared/data) in CI")
    if missing:
        pytest.skip(f"the documentation examples need {missing} (../shared/data absent)")
    cwd = tmp_path_factory.mktemp("docs_examples")
    for name, path in DATA.items():
        (cwd / name).symlink_to(path)
    return cwd


@pytest.mark.parametrize("page", with_examples(), ids=lambda p: p.name)
def test_examples_run_and_print_what_the_page_shows(page, workdir):
    found = doc_examples.examples(page.read_text(encoding="utf-8"))
    printed = doc_examples.run(found, workdir, page.name)
    for example, out in zip(found, printed, strict=True):
        if example.output is not None:
            assert doc_examples.same_output(example.output, out), (
                f"{page.name}:{example.line} prints (python tools/doc_examples.py DIR "
                f"docs/{page.name} rewrites the page's outputs):\n{out}"
            )


def test_the_threshold_page_shows_the_outputs_of_its_examples():
    found = doc_examples.examples((DOCS / "threshold.md").read_text(encoding="utf-8"))
    assert len(found) >= 6
    assert all(example.output is not None for example in found)


@pytest.mark.parametrize(
    ("shown", "printed", "same"),
    [
        ("F = 35.1964, p 0.0033\n", "F = 35.1964, p 0.0033\n", True),
        ("F = 35.1964", "F  =  35.1965", True),  # one unit of the last digit, other spacing
        ("F = 35.1964", "F = 35.1966", False),
        ("se 2.6e-05", "se 2.7e-05", True),
        ("se 2.6e-05", "se 2.8e-05", False),
        ("F = 35.1964", "t = 35.1964", False),
        ("7,910 rows", "7,911 rows", True),
        ("7,910 rows", "7,920 rows", False),
        ("(7910, 12)", "(7910, 12, 1)", False),
    ],
)
def test_a_shown_output_matches_to_its_last_digit(shown, printed, same):
    assert doc_examples.same_output(shown, printed) is same


def test_an_output_block_belongs_to_the_example_right_above_it():
    text = "```python\nprint(1)\n```\n\n```text\n1\n```\nprose\n```python\nx = 2\n```\nprose\n"
    text += "```text\n2\n```\n"
    first, second = doc_examples.examples(text)
    assert (first.code, first.output, first.line) == ("print(1)\n", "1\n", 1)
    assert second.output is None


def test_strict_build(tmp_path):
    site = tmp_path / "site"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    run = subprocess.run(
        [*cmd, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    api = (site / "api.html").read_text(encoding="utf-8")
    undocumented = [name for name in gvcpanel.__all__ if f'id="gvcpanel.{name}"' not in api]
    assert not undocumented, f"docs/api.md lacks ::: gvcpanel.NAME for {undocumented}"
    reference = (site / "configuration.html").read_text(encoding="utf-8")
    assert "config-reference" not in reference
    defaults = yaml.safe_load((ROOT / "config" / "defaults.yaml").read_text(encoding="utf-8"))
    keys = [key for section in defaults.values() if isinstance(section, dict) for key in section]
    missing = [key for key in [*defaults, *keys] if f"<code>{key}</code>" not in reference]
    assert not missing, f"the configuration reference shows no row for {missing}"


def test_getting_started_gives_the_readme_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = fenced(readme.split("## Quick start", 1)[1], "bash")[0]
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    assert fenced(page, "bash")[0] == quick_start


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if fenced(p.read_text(encoding="utf-8"), "yaml")],
    ids=lambda p: p.name,
)
def test_yaml_examples_are_valid_configurations(page, tmp_path):
    for i, block in enumerate(fenced(page.read_text(encoding="utf-8"), "yaml")):
        path = tmp_path / f"example{i}.yaml"
        path.write_text(block, encoding="utf-8")
        assert load_config([path], None, ROOT)["results"]


#: A row of the exhibit map: exhibit | rules | inputs | script | package functions
EXHIBIT_ROW = re.compile(
    r"^\| (?P<exhibit>[^|]+) \| (?P<rules>[^|]+) \|[^|]+\| `(?P<script>[^`]+)` "
    r"\| (?P<functions>[^|]+) \|$",
    re.M,
)


def rule_text(name: str) -> str:
    """The text of rule ``name`` in ``rules/*.smk``, up to the next rule."""
    for smk in sorted((ROOT / "rules").glob("*.smk")):
        pattern = rf"^\s*rule {name}:\n(.*?)(?=^\s*rule \w+:|\Z)"
        found = re.search(pattern, smk.read_text(encoding="utf-8"), re.M | re.S)
        if found:
            return found[1]
    raise AssertionError(f"no rule {name} in rules/*.smk")


def exhibit_rows(page: Path) -> list[str]:
    """The rows of the exhibit map on ``page``."""
    rows = EXHIBIT_ROW.finditer(page.read_text(encoding="utf-8"))
    return [row[0] for row in rows if "\n" not in row[0] and row["script"].endswith(".py")]


def test_readme_holds_the_exhibit_map_of_the_documentation():
    assert exhibit_rows(ROOT / "README.md") == exhibit_rows(DOCS / "exhibits.md")


def test_exhibit_map_names_rules_scripts_and_functions_that_exist():
    rows = list(EXHIBIT_ROW.finditer((DOCS / "exhibits.md").read_text(encoding="utf-8")))
    assert len(rows) >= 10
    for row in rows:
        script = (ROOT / "workflow" / "scripts" / row["script"]).read_text(encoding="utf-8")
        rules = re.findall(r"`(\w+)`", row["rules"])
        for rule in rules:
            rule_text(rule)
        runs = f'runs("{row["script"].removesuffix(".py")}")'
        assert runs in rule_text(rules[0]), (row["exhibit"], row["script"])
        for dotted in re.findall(r"`([\w.]+)`", row["functions"]):
            module, name = f"gvcpanel.{dotted}".rsplit(".", 1)
            assert callable(getattr(importlib.import_module(module), name)), dotted
            imported = rf"from {re.escape(module)} import [^\n]*?\b{name}\b"
            in_parens = rf"from {re.escape(module)} import \([^)]*\b{name}\b"
            assert re.search(imported, script) or re.search(in_parens, script), (
                row["script"],
                dotted,
            )
