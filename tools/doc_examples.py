"""The Python examples of the documentation pages: found, run, and checked against their outputs.

An example is a ```` ```python ```` block of a page; the ```` ```text ```` block right after it
(blank lines between them only) is the output the page shows for it. The examples of a page run
in order in one namespace, as a reader would run them in one session, with ``print`` captured.
A shown output matches when its words are the printed ones and each number is the printed one
to within one unit of its last shown digit (so a last-digit difference between two BLAS builds
passes; any real change of a number does not).

``python tools/doc_examples.py DIR PAGE.md ...`` runs each page's examples in DIR (the folder
holding the data they read) and writes the outputs into its ``text`` blocks.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
NUMBER = re.compile(r"[-+]?\d+(?:\.(?P<decimals>\d+))?(?:[eE](?P<exp>[-+]?\d+))?")


@dataclass(frozen=True)
class Example:
    """A Python block, its line in the page and the output shown after it (None: none shown)."""

    code: str
    line: int
    output: str | None
    output_span: tuple[int, int] | None  # character span of the shown output's body


def examples(markdown: str) -> list[Example]:
    """The ``python`` blocks of ``markdown`` in order, each with the ``text`` block after it."""
    blocks = list(FENCE.finditer(markdown))
    found = []
    for i, block in enumerate(blocks):
        if _language(block) != "python":
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        shown = (
            after
            if after is not None
            and _language(after) == "text"
            and not markdown[block.end() : after.start()].strip()
            else None
        )
        found.append(
            Example(
                code=block["body"],
                line=markdown.count("\n", 0, block.start()) + 1,
                output=shown["body"] if shown else None,
                output_span=shown.span("body") if shown else None,
            )
        )
    return found


def _language(block: re.Match[str]) -> str:
    info = block["info"].split()
    return info[0] if info else ""


def run(found: list[Example], cwd: str | Path, name: str = "page") -> list[str]:
    """What each example prints, run in order in one namespace with ``cwd`` as the working
    directory; an exception is raised with the page and line of its example."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    printed = []
    here = os.getcwd()
    os.chdir(cwd)
    try:
        for example in found:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(example.code, f"{name}:{example.line}", "exec"), namespace)
            printed.append(out.getvalue())
    finally:
        os.chdir(here)
    return printed


def same_output(shown: str, printed: str) -> bool:
    """Whether ``printed`` is ``shown``: the same words (runs of blanks count as one) and each
    number within one unit of the last digit ``shown`` gives it."""
    words_a, nums_a = _parts(shown)
    words_b, nums_b = _parts(printed)
    if words_a != words_b or len(nums_a) != len(nums_b):
        return False
    return all(
        abs(float(b[0]) - float(a[0])) <= 1.001 * _unit(a)
        for a, b in zip(nums_a, nums_b, strict=True)
    )


def _parts(text: str) -> tuple[str, list[re.Match[str]]]:
    return " ".join(NUMBER.sub("#", text).split()), list(NUMBER.finditer(text))


def _unit(number: re.Match[str]) -> float:
    """One unit of the last digit of a printed number (0.0179: 1e-4; 2.6e-05: 1e-06)."""
    decimals = len(number["decimals"] or "")
    return 10.0 ** (int(number["exp"] or 0) - decimals)


def refresh(page: Path, cwd: Path) -> None:
    """Write the outputs the examples of ``page`` print into its ``text`` blocks."""
    text = page.read_text(encoding="utf-8")
    found = examples(text)
    printed = run(found, cwd, page.name)
    for example, out in sorted(zip(found, printed, strict=True), key=lambda p: -p[0].line):
        if example.output_span is not None:
            start, end = example.output_span
            text = text[:start] + out + text[end:]
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for arg in sys.argv[2:]:
        refresh(Path(arg).resolve(), Path(sys.argv[1]))
