"""The code version of a rule: the package modules its script imports, and their hash."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gvcpanel import code_version
from gvcpanel.code_version import imported_modules, script_code_hash

SCRIPTS = sorted((Path(__file__).parents[1] / "workflow" / "scripts").glob("*.py"))


def _loaded_by_imports(script: Path) -> set[Path]:
    """Package files Python actually loads when it runs the script's import statements."""
    tree = ast.parse(script.read_text())
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    code = ast.unparse(ast.Module(body=imports, type_ignores=[]))
    probe = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()"
        " if n.split('.')[0] == 'gvcpanel' and getattr(m, '__file__', None))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {Path(p).resolve() for p in json.loads(out.stdout)}


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_every_module_python_loads_is_hashed(script):
    assert _loaded_by_imports(script) <= set(imported_modules(script).values())


def test_the_modules_follow_the_imports():
    scripts = {s.stem: set(imported_modules(s)) for s in SCRIPTS}
    assert "gvcpanel.report.latex" in scripts["table_qu_yang_1"]
    assert "gvcpanel.estimate.twoway" not in scripts["table_qu_yang_1"]
    assert "gvcpanel.estimate.twoway" in scripts["estimate_qu_yang_linear"]
    assert "gvcpanel.report.latex" not in scripts["estimate_qu_yang_linear"]


def test_the_hash_changes_with_an_imported_module_only(tmp_path, monkeypatch):
    copies = {}

    def module_file(name):  # the package modules, read from a copy that the test edits
        path = real(name)
        if path is not None and name not in copies:
            copies[name] = tmp_path / f"{name}{'.__init__' if path.name == '__init__.py' else ''}"
            copies[name].mkdir()
            shutil.copy(path, copies[name] / path.name)
        return None if path is None else copies[name] / path.name

    real = code_version._module_file
    monkeypatch.setattr(code_version, "_module_file", module_file)
    script = next(s for s in SCRIPTS if s.stem == "table_qu_yang_1")

    def fresh() -> str:
        script_code_hash.cache_clear()
        return script_code_hash(script)

    before = fresh()
    module_file("gvcpanel.estimate.twoway").write_text("# edited\n", encoding="utf-8")
    assert fresh() == before  # not imported by the script
    latex = module_file("gvcpanel.report.latex")
    latex.write_text(latex.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert fresh() != before


PACKAGE_FILES = sorted((Path(__file__).parents[1] / "workflow").rglob("*.py"))


@pytest.mark.parametrize(
    "path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(Path(__file__).parents[1]))
)
def test_the_statements_found_are_every_import_of_the_module(path):
    """The import statements located line by line are those of the whole syntax tree."""
    source = path.read_bytes()
    package = "gvcpanel.some.package"
    assert code_version._statement_imports(source, package) == code_version.walked_imports(
        source, package
    )


def test_module_files_are_found_as_python_finds_them():
    import importlib.util

    root = code_version.package_folder()
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        spec = importlib.util.find_spec(name)
        assert spec is not None and Path(spec.origin).resolve() == code_version._module_file(name)
    assert code_version._module_file("gvcpanel.estimate.threshold.ThresholdPanel") is None
    assert code_version._module_file("numpy.linalg") is None


def test_imports_inside_functions_and_continued_lines_count(tmp_path):
    script = tmp_path / "adapter.py"
    script.write_text(
        '"""from the paper (not an import)."""\n'
        "from gvcpanel.io import (  # comment (with parentheses)\n"
        "    write_json,\n"
        ")\n\n\n"
        "def main():\n"
        "    import gvcpanel.report.latex \\\n"
        "        as latex\n"
        "    return latex, write_json\n",
        encoding="utf-8",
    )
    modules = set(imported_modules(script))
    assert {"gvcpanel", "gvcpanel.io", "gvcpanel.report", "gvcpanel.report.latex"} <= modules
