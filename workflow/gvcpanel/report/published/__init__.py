"""Published numbers of the replicated papers (project copies of the papers' tables).

Each study has one JSON file in this folder, named after the study (e.g. ``qu_yang_2023.json``);
"paper vs. this run" tables read the published side from here at run time.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

from gvcpanel.errors import DataError

_NAME = re.compile(r"[A-Za-z0-9_]+")


def available() -> list[str]:
    """Names of the studies whose published numbers ship with the package."""
    return sorted(p.name[:-5] for p in files(__name__).iterdir() if p.name.endswith(".json"))


def load(name: str) -> dict[str, Any]:
    """The published numbers of study ``name`` (the stem of a JSON file in this folder)."""
    resource = files(__name__) / f"{name}.json"
    if not _NAME.fullmatch(name) or not resource.is_file():
        raise DataError(
            f"gvcpanel/report/published/{name}.json",
            "published numbers exist",
            [name],
            f"available: {', '.join(available()) or 'none'}",
        )
    return json.loads(resource.read_text(encoding="utf-8"))
