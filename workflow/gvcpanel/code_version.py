"""Code version of a rule: a hash of the package modules its script imports.

A rule that passes ``script_code_hash(script)`` as a parameter reruns when any ``gvcpanel`` module
its script imports (directly or through other package modules, including the parent packages'
``__init__``, and imports inside functions) changes, and only then; the script itself is covered
by Snakemake's code trigger. The imports are read from the source, so nothing is imported or
executed and a renamed module needs no edit anywhere.

Every Snakemake call hashes the scripts of all rules, so the work is done once per module and
process (each file is read once unless it changes): the import statements of a module are
located with a regular expression and only those statements are parsed
(:func:`_statement_imports`; the tests check that this finds what :func:`ast.walk` over the whole
module finds, for every module of the package), and a module name is resolved to its file under
the package folder without importing anything.
"""

from __future__ import annotations

import ast
import hashlib
import re
from functools import cache
from pathlib import Path

PACKAGE = "gvcpanel"
#: The start of a line that may begin an import statement.
_STATEMENT = re.compile(rb"[ \t]*(?:import|from)[ \t]")


@cache
def package_folder() -> Path:
    """The folder of the installed package (``.../gvcpanel``), found without importing it."""
    return Path(__file__).resolve().parent


@cache
def _module_file(name: str) -> Path | None:
    """The source file of package module ``name`` (``gvcpanel.a.b``), or None if it is not one:
    ``a/b/__init__.py`` (a package comes first, as for Python) or ``a/b.py`` under the package
    folder."""
    parts = name.split(".")
    if parts[0] != PACKAGE or not all(p.isidentifier() for p in parts):
        return None
    base = package_folder().joinpath(*parts[1:])
    for path in (base / "__init__.py", base.parent / f"{base.name}.py"):
        if path.is_file():
            return path
    return None


def _statements(source: bytes) -> list[tuple[str, str]]:
    """Each line of ``source`` that starts with ``import`` or ``from``, with the statement it may
    begin: the following lines too while a parenthesis is open or the line ends with ``\\``
    (comments stripped: an import statement holds no string)."""
    lines = source.split(b"\n")
    found: list[tuple[str, str]] = []
    for first in (i for i, line in enumerate(lines) if _STATEMENT.match(line)):
        last, depth = first, 0
        while True:
            code = lines[last].partition(b"#")[0].rstrip()
            depth += code.count(b"(") - code.count(b")")
            if (depth <= 0 and not code.endswith(b"\\")) or last + 1 == len(lines):
                break
            last += 1
        found.append((_text(lines[first]), _text(b"\n".join(lines[first : last + 1]))))
    return found


def _text(code: bytes) -> str:
    return code.decode("utf-8", "replace").strip()


def _names(nodes: list[ast.stmt] | list[ast.AST], package: str) -> set[str]:
    """Dotted names the ``import`` / ``from`` nodes among ``nodes`` may load (each imported name
    also as ``module.name``: a submodule when it is one), relative ones resolved in ``package``."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([module] if module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _statement_imports(source: bytes, package: str) -> set[str]:
    """:func:`_names` of the import statements :func:`_statements` locates (text that only looks
    like one, e.g. prose in a docstring, does not parse and is skipped)."""
    nodes: list[ast.stmt] = []
    for line, statement in _statements(source):
        for text in (statement, line):
            try:
                nodes += ast.parse(text).body
                break
            except SyntaxError:
                continue
    return _names(nodes, package)


def walked_imports(source: bytes, package: str) -> set[str]:
    """:func:`_names` of every import node of the whole module (the reference of the tests)."""
    return _names(list(ast.walk(ast.parse(source))), package)


@cache
def _package_imports(source: bytes, package: str) -> frozenset[str]:
    """Package modules (with every parent package) that ``source`` imports."""
    found = {
        ".".join(parts[:i])
        for parts in (n.split(".") for n in _statement_imports(source, package))
        for i in range(1, len(parts) + 1)
    }
    return frozenset(n for n in found if _module_file(n) is not None)


def _source(path: Path) -> bytes:
    """The bytes of ``path``, read once per process unless the file changes."""
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read(path: Path, mtime_ns: int, size: int) -> bytes:
    return path.read_bytes()


def _imported(name: str, path: Path) -> frozenset[str]:
    """Package modules imported by module ``name`` in file ``path``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return _package_imports(_source(path), package)


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
        digest.update(name.encode() + b"\0" + _source(path) + b"\0")
    return digest.hexdigest()
