"""The ``gvcpanel`` console command: ``gvcpanel <command> [options]``.

Commands dispatch to the ``main(argv)`` of the module that implements them, imported on demand.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "simulate-country": (
        "gvcpanel.papers.qu_yang_2023.simulate_cli",
        "write the synthetic country panel in its publishers' layouts",
    ),
    "simulate-firms": (
        "gvcpanel.papers.liu_2013.simulate_cli",
        "write the synthetic ASIF-style raw firm files (Liu 2013)",
    ),
    "compile-tables": (
        "gvcpanel.report.master",
        "compile results/tables/tables.tex (or another master document) with pdflatex",
    ),
    "register": (
        "gvcpanel.sources.registry",
        "record raw files' sha256 and vintage in data/sources.csv (a new vintage)",
    ),
    "trace-firms": (
        "gvcpanel.papers.liu_2013.firm_trace_cli",
        "the raw firm-years behind an industry x group x year cell of Liu's tables",
    ),
    "threshold": (
        "gvcpanel.estimate.threshold.cli",
        "Hansen (1999) panel threshold regression on any CSV/Parquet panel",
    ),
    "decompose": (
        "gvcpanel.construct.decompose",
        "Leontief, Koopman-Wang-Wei or Wang-Wei-Zhu decomposition of an ICIO table",
    ),
}


def usage() -> str:
    width = max(len(c) for c in COMMANDS)
    rows = "\n".join(f"  {c:<{width}}  {help_}" for c, (_, help_) in COMMANDS.items())
    return f"usage: gvcpanel <command> [options]\n\ncommands:\n{rows}\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"gvcpanel: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
