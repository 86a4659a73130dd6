"""Logging for rule adapters: to the rule's log file and stderr; data errors end the job cleanly."""

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


@contextlib.contextmanager
def rule_logging(job: Any) -> Iterator[logging.Logger]:
    """Log the Snakemake ``job`` (the ``snakemake`` object of a script) to its log file and
    stderr; a :class:`DataError` is logged and exits with status 1.

    The exit carries only the error's message (file, check, offending keys), not a traceback.
    BLAS thread pools are limited to the job's ``threads`` so parallel jobs do not oversubscribe
    the cores Snakemake gave them. The test switch :mod:`gvcpanel.faults` may fail the job here.
    """
    log_file, name, threads = job.log[0], job.rule, job.threads
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(f"gvcpanel.{name}")
    logger.setLevel(logging.INFO)
    logger.handlers.clear()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: tuple[logging.Handler, ...] = (
        logging.FileHandler(log_file, mode="w"),
        logging.StreamHandler(sys.stderr),
    )
    for handler in handlers:
        handler.setFormatter(fmt)
        logger.addHandler(handler)
    try:
        with threadpool_limits(limits=threads):
            faults.point(name)
            yield logger
    except DataError as exc:
        logger.error("%s", exc)
        raise SystemExit(f"gvcpanel: {exc}") from None
    finally:
        for handler in logger.handlers:
            handler.close()
        logger.handlers.clear()
