"""The master document that ``\\input``s every table, and its optional pdflatex compilation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from gvcpanel.errors import DataError
from gvcpanel.io import atomic_path, write_text
from gvcpanel.report.latex import document

# characters that \input cannot take literally in a file name
_UNSAFE = re.compile(r"[\s%#{}\\~^$&]")
PDFLATEX_TIMEOUT = 300
OVERFULL_TOLERANCE_PT = 1.0
_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<pt>[\d.]+)pt too wide\).*?lines? (?P<lines>[\d-]+)", re.M
)
_OPENED = re.compile(r"\((?:\./)?(?P<file>[^\s()]+\.tex)")
_TOO_LARGE = re.compile(r"Float too large for page by (?P<pt>[\d.]+)pt on input line (?P<line>\d+)")


def layout_problems(log: str, tolerance: float = OVERFULL_TOLERANCE_PT) -> list[str]:
    """Boxes wider than the text by more than ``tolerance`` pt and floats taller than the page,
    as pdflatex's log reports them (``Overfull \\hbox (Xpt too wide)``, ``Float too large``)."""

    def where(pos: int) -> str:
        opened = [m["file"] for m in _OPENED.finditer(log, 0, pos)]
        return opened[-1] if opened else "?"

    problems = [
        f"{where(m.start())}: overfull hbox {m['pt']}pt at lines {m['lines']}"
        for m in _OVERFULL.finditer(log)
        if float(m["pt"]) > tolerance
    ]
    problems += [
        f"{where(m.start())}: float too large for the page by {m['pt']}pt at line {m['line']}"
        for m in _TOO_LARGE.finditer(log)
    ]
    return problems


def write_master(
    table_paths: list[Path], out: Path, skipped: Mapping[str, str] | None = None
) -> None:
    """Write ``out`` (e.g. ``results/tables/tables.tex``) inputting each table by relative path;
    ``skipped`` (table → reason) lists the tables this route does not build, under the title."""
    out = Path(out)
    rel = [
        PurePosixPath(*Path(os.path.relpath(Path(p).resolve(), out.resolve().parent)).parts)
        for p in table_paths
    ]
    bad = [str(r) for r in rel if _UNSAFE.search(str(r))]
    if bad:
        raise DataError(out, "table path usable by \\input (no spaces or TeX specials)", bad)
    notes = [f"Not built on this route: {t}: {why}." for t, why in (skipped or {}).items()]
    write_text(out, document([str(r) for r in rel], notes=notes))


def compile_pdf(tex: Path) -> Path | None:
    """Compile ``tex`` with pdflatex (twice) beside its inputs; ``None`` when pdflatex is absent.

    Auxiliary files go to a temporary directory; only the finished PDF is moved (atomically) to
    ``tex`` with suffix ``.pdf``. A failed run raises DataError quoting the LaTeX error lines; so
    does a table that does not fit the page (:func:`layout_problems` of the final log), and then
    no PDF is written.
    """
    exe = shutil.which("pdflatex")
    if exe is None:
        return None
    tex = Path(tex).resolve()
    pdf = tex.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="gvcpanel-latex-") as tmp:
        cmd = [
            exe,
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
            f"-output-directory={tmp}",
            tex.name,
        ]
        for _ in range(2):
            run = subprocess.run(
                cmd,
                cwd=tex.parent,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=PDFLATEX_TIMEOUT,
                check=False,
            )
            if run.returncode != 0:
                errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
                raise DataError(tex, "pdflatex compiles", errors[:5], run.stdout[-2000:])
        log = (Path(tmp) / tex.with_suffix(".log").name).read_text(errors="replace")
        problems = layout_problems(log)
        if problems:
            raise DataError(tex, "every table fits the page (pdflatex log)", problems)
        with atomic_path(pdf) as target:
            shutil.copyfile(Path(tmp) / pdf.name, target)
    return pdf


def main(argv: list[str] | None = None) -> int:
    """``gvcpanel compile-tables [TEX]``: compile the master document (default
    ``results/tables/tables.tex``) to PDF beside it."""
    import argparse

    parser = argparse.ArgumentParser(prog="gvcpanel compile-tables", description=main.__doc__)
    parser.add_argument("tex", nargs="?", default="results/tables/tables.tex", type=Path)
    args = parser.parse_args(argv)
    try:
        pdf = compile_pdf(args.tex)
    except DataError as exc:
        print(f"gvcpanel: {exc}")
        return 1
    if pdf is None:
        print("gvcpanel: pdflatex not found (Debian: texlive-latex-base texlive-latex-recommended)")
        return 1
    print(pdf)
    return 0
