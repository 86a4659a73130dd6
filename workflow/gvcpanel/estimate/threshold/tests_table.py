"""The threshold-test artefact: one JSON document per fitted model, with a declared schema.

A document holds, for each stage k = 1..K (Hansen 1999, sec. 5), the threshold estimated at that
stage, its LR interval (eq. 16), the SSR S_k, F_k = (S_{k-1} - S_k) / (S_k / df) and the bootstrap
p value and 10/5/1% critical values, plus the threshold variable, the regime-dependent
regressors, the convention set, the bootstrap (kind, reps, seed) and N. ``SCHEMA`` (JSON Schema
2020-12) is checked on every read, so readers never re-check the shape.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from gvcpanel.errors import DataError
from gvcpanel.estimate.tidy import frozen, thawed, validate
from gvcpanel.io import Exact, write_json

_NUMBER = {"type": "number"}
_PAIR = {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "threshold tests",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "threshold_variable",
        "regime_variables",
        "conventions",
        "bootstrap",
        "nobs",
        "tests",
    ],
    "properties": {
        "model": {"type": ["string", "null"]},
        "seed": {"type": ["integer", "null"]},
        "source": {"type": "object"},
        "threshold_variable": {"type": "string"},
        "regime_variables": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "conventions": {"type": "string"},
        "nobs": {"type": "integer", "minimum": 1},
        "bootstrap": {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "reps", "seed"],
            "properties": {
                "kind": {"type": "string"},
                "reps": {"type": "integer", "minimum": 0},
                "seed": {"type": "integer"},
            },
        },
        "tests": {
            "type": "array",
            "minItems": 1,
            "maxItems": 3,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["k", "threshold", "ci95", "sse", "F", "p", "crit_10_5_1"],
                "properties": {
                    "k": {"type": "integer", "minimum": 1, "maximum": 3},
                    "threshold": _NUMBER,
                    "ci95": _PAIR,
                    "sse": {"type": "number", "minimum": 0},
                    "F": _NUMBER,
                    "p": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "crit_10_5_1": {
                        "oneOf": [
                            {"type": "null"},
                            {"type": "array", "items": _NUMBER, "minItems": 3, "maxItems": 3},
                        ]
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True)
class StageTest:
    """Stage k: the newly estimated threshold, its LR interval and the test of k-1 vs k."""

    k: int
    threshold: float
    ci95: tuple[float, float]
    sse: float
    F: float
    p: float | None = None
    crit_10_5_1: tuple[float, float, float] | None = None
    boot_stats: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ci95", (float(self.ci95[0]), float(self.ci95[1])))
        if self.crit_10_5_1 is not None:
            object.__setattr__(self, "crit_10_5_1", tuple(float(c) for c in self.crit_10_5_1))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (without the bootstrap draws)."""
        return {
            "k": int(self.k),
            "threshold": Exact(self.threshold),
            "ci95": [Exact(self.ci95[0]), Exact(self.ci95[1])],
            "sse": float(self.sse),
            "F": float(self.F),
            "p": None if self.p is None else float(self.p),
            "crit_10_5_1": None
            if self.crit_10_5_1 is None
            else [float(c) for c in self.crit_10_5_1],
        }


@dataclass(frozen=True)
class ThresholdTests:
    """The threshold-test document of one model (schema ``SCHEMA``); immutable, ``source`` and
    ``bootstrap`` are read-only mappings (``replace`` gives a changed copy)."""

    threshold_variable: str
    regime_variables: tuple[str, ...]
    conventions: str
    bootstrap: Mapping[str, Any]
    nobs: int
    tests: tuple[StageTest, ...]
    model: str | None = None
    seed: int | None = None
    source: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regime_variables", tuple(self.regime_variables))
        object.__setattr__(self, "tests", tuple(self.tests))
        for name in ("bootstrap", "source"):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    def replace(self, **changes: Any) -> ThresholdTests:
        """A copy with ``changes`` (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: thawed(getattr(self, f.name)) for f in fields(self)}
        return out | {"tests": [t.to_dict() for t in self.tests]}

    def write(self, path: str | Path) -> None:
        write_json(path, self.to_dict())

    @classmethod
    def from_dict(cls, doc: Any, file: str | Path = "<threshold tests>") -> ThresholdTests:
        """Validate ``doc`` against ``SCHEMA`` (and k = 1, 2, ... in order); DataError naming
        ``file`` and every offending key path otherwise."""
        validate(doc, SCHEMA, file, "threshold-tests schema")
        ks = [t["k"] for t in doc["tests"]]
        if ks != list(range(1, len(ks) + 1)):
            raise DataError(file, "tests hold k = 1, 2, ... in order", ks)
        tests = [
            StageTest(
                k=t["k"],
                threshold=t["threshold"],
                ci95=(t["ci95"][0], t["ci95"][1]),
                sse=t["sse"],
                F=t["F"],
                p=t["p"],
                crit_10_5_1=t["crit_10_5_1"],
            )
            for t in doc["tests"]
        ]
        return cls(**(doc | {"tests": tests}))

    @classmethod
    def read(cls, path: str | Path) -> ThresholdTests:
        """Read and validate a document written by ``write``."""
        try:
            doc = json.loads(Path(path).read_text())
        except (OSError, json.JSONDecodeError) as err:
            raise DataError(path, "readable JSON", [], str(err)) from err
        return cls.from_dict(doc, path)
