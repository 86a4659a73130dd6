"""Logging for rule adapters: to the rule's log file and stderr; data errors end the job cleanly.

The console gets one short line per message; a record logged with ``extra=DETAIL`` (a printed
summary, a table) goes to the log file only, so that parallel jobs do not flood the terminal.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from gvcpanel import faults
from gvcpanel.errors import DataError

#: ``log.info(..., extra=DETAIL)``: to the job's log file only, not to the console.
DETAIL = {"detail": True}


def _console(record: logging.LogRecord) -> bool:
    return not getattr(record, "detail", False)


@contextlib.contextmanager
def rule_logging(job: Any) -> Iterator[logging.Logger]:
    """Log the Snakemake ``job`` (the ``snakemake`` object of a script) to its log file and
    stderr; a :class:`DataError` is logged and exits with status 1.

    The handlers sit on the package's logger, so the progress lines of the package's own modules
    (``logging.getLogger(__name__)``, e.g. each step of the firm ingest) reach the console too,
    prefixed with the rule. The exit carries only the error's message (file, check, offending
    keys), not a traceback. BLAS thread pools are limited to the job's ``threads`` so parallel
    jobs do not oversubscribe the cores Snakemake gave them. The test switch
    :mod:`gvcpanel.faults` may fail the job here.
    """
    log_file, name, threads = job.log[0], job.rule, job.threads
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    package = logging.getLogger("gvcpanel")
    package.setLevel(logging.INFO)
    package.propagate = False
    package.handlers.clear()
    to_file, to_console = logging.FileHandler(log_file, mode="w"), logging.StreamHandler(sys.stderr)
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    to_console.setFormatter(logging.Formatter(f"    {name}: %(message)s"))
    to_console.addFilter(_console)
    package.addHandler(to_file)
    package.addHandler(to_console)
    logger = logging.getLogger(f"gvcpanel.{name}")
    try:
        with threadpool_limits(limits=threads):
            faults.point(name)
            yield logger
    except DataError as exc:
        logger.error("%s", exc)
        raise SystemExit(f"gvcpanel: {exc}") from None
    finally:
        for handler in package.handlers:
            handler.close()
        package.handlers.clear()
        package.propagate = True
