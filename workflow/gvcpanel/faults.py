"""A test switch: make a named point of a run fail, to show that a failure loses nothing.

``GVCPANEL_FAULT="<point>=<kind>[,<point>=<kind>...]"`` in the environment of a run makes the
job at ``<point>`` fail in the way ``<kind>`` says. Points are rule names (each rule adapter
passes its rule when it starts, :func:`gvcpanel.logs.rule_logging`) and ``publish:switch``, the
moment before a publish switches releases. Kinds:

* ``error``: an exception inside the job (as a ``TypeError`` or a ``LinAlgError`` would be);
* ``disk_full``: every file the job writes fails with ``ENOSPC`` when it is committed;
* ``kill``: SIGKILL to the job's whole process group, i.e. ``kill -9`` of the run;
* ``interrupt``: SIGINT to the process group, i.e. Ctrl-C.

Unset (always, outside the tests) it does nothing.
"""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

ENV = "GVCPANEL_FAULT"
KINDS = ("error", "disk_full", "kill", "interrupt")
_disk_full = False


class InjectedFault(RuntimeError):
    """The failure asked for with ``GVCPANEL_FAULT``."""


def point(name: str) -> None:
    """Fail here if ``GVCPANEL_FAULT`` names this point."""
    global _disk_full
    for item in filter(None, os.environ.get(ENV, "").split(",")):
        where, _, kind = item.partition("=")
        if where.strip() != name:
            continue
        kind = kind.strip() or "error"
        if kind == "error":
            raise InjectedFault(f"failure injected at {name} ({ENV})")
        if kind == "disk_full":
            _disk_full = True
        elif kind in ("kill", "interrupt"):
            sig = signal.SIGKILL if kind == "kill" else signal.SIGINT
            os.killpg(os.getpgid(0), sig)
        else:
            raise ValueError(f"{ENV}: unknown kind {kind!r} at {name} (known: {', '.join(KINDS)})")


def check_write(path: str | Path) -> None:
    """Raise ``ENOSPC`` for ``path`` when a ``disk_full`` fault is active in this process."""
    if _disk_full:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
