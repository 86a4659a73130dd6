"""Code version of a rule: a hash of the package modules its script imports.

A rule that passes ``script_code_hash(script)`` as a parameter reruns when any ``gvcpanel`` module
its script imports (directly or through other package modules, including the parent packages'
``__init__``) changes, and only then; the script itself is covered by Snakemake's code trigger.
The imports are read from the source with :mod:`ast`, so nothing is imported or executed and a
renamed module needs no edit anywhere.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from functools import cache
from pathlib import Path

PACKAGE = "gvcpanel"


def _module_file(name: str) -> Path | None:
    """The source file of package module ``name`` (``gvcpanel.a.b``), or None if it is not one.

    Found as Python finds it; this imports
    the parent packages, never the module itself.
    """
    if name.split(".")[0] != PACKAGE:
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin).resolve()


def _imported(name: str, path: Path) -> set[str]:
    """Package modules imported by module ``name`` in file ``path`` (absolute and relative
    imports, and the parent packages each of them executes)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([module] if module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    found = {
        ".".join(parts[:i])
        for parts in (n.split(".") for n in names)
        for i in range(1, len(parts) + 1)
    }
    return {n for n in found if _module_file(n) is not None}


def imported_modules(script: str | Path) -> dict[str, Path]:
    """Every package module (name -> source file) that importing ``script`` executes."""
    seen: dict[str, Path] = {}
    todo = list(_imported("__main__", Path(script)))
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        todo.extend(_imported(name, path))
    return dict(sorted(seen.items()))


@cache
def script_code_hash(script: str | Path) -> str:
    """SHA-256 over the source of ``script`` and (name, source) of every package module it
    imports."""
    digest = hashlib.sha256(Path(script).read_bytes() + b"\0")
    for name, path in imported_modules(script).items():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
