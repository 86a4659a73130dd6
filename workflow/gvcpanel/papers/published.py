"""Published numbers of the replicated papers (project copies of the papers' tables).

Each study's package holds one ``published.json`` (e.g. ``papers/qu_yang_2023/published.json``);
"paper vs. this run" tables read the published side from there at run time.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

from gvcpanel.errors import DataError

_NAME = re.compile(r"[A-Za-z0-9_]+")
_FILE = "published.json"


def available() -> list[str]:
    """Names of the studies whose published numbers ship with the package."""
    root = files("gvcpanel.papers")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / _FILE).is_file())


def load(name: str) -> dict[str, Any]:
    """The published numbers of study ``name`` (a package under ``gvcpanel/papers``)."""
    resource = files("gvcpanel.papers") / name / _FILE
    if not _NAME.fullmatch(name) or not resource.is_file():
        raise DataError(
            f"gvcpanel/papers/{name}/{_FILE}",
            "published numbers exist",
            [name],
            f"available: {', '.join(available()) or 'none'}",
        )
    return json.loads(resource.read_text(encoding="utf-8"))
