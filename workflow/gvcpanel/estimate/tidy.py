"""Tidy estimates: one JSON file per estimated model, from which every table is rendered.

A file holds the coefficient rows (term, coef, se, stat, p, ci_lower, ci_upper) and the model's
metadata (N, R², effects, SE type and its small-sample convention, sample, seed, package versions).
JSON is written with sorted keys and floats rounded to 12 significant digits (``gvcpanel.io``), so
equal inputs give byte-identical files and last-bit noise of another build does not change them.
"""

from __future__ import annotations

import importlib.metadata
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gvcpanel.io import rounded, write_json

PACKAGES = ("gvcpanel", "numpy", "scipy", "pandas", "linearmodels", "statsmodels")


@dataclass(frozen=True)
class Coef:
    """One coefficient row. ``stat`` is the t (or z) statistic."""

    term: str
    coef: float
    se: float
    stat: float
    p: float
    ci_lower: float
    ci_upper: float


@dataclass
class Estimates:
    """A fitted model in tidy form: coefficients plus everything a table note needs."""

    study: str
    model: str
    dependent: str
    estimator: str
    coefficients: list[Coef]
    nobs: int
    r2: float | None = None
    effects: list[str] = field(default_factory=list)
    se_type: str = ""
    se_convention: str = ""
    sample: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=lambda: package_versions())

    def coef(self, term: str) -> Coef:
        """The row for ``term`` (KeyError if the model has no such term)."""
        for row in self.coefficients:
            if row.term == term:
                return row
        raise KeyError(f"{self.study}/{self.model}: no term {term!r}")

    def to_dict(self) -> dict[str, Any]:
        return rounded(asdict(self))

    def write(self, path: str | Path) -> None:
        write_json(path, self.to_dict())

    @classmethod
    def read(cls, path: str | Path) -> Estimates:
        d = json.loads(Path(path).read_text())
        d["coefficients"] = [Coef(**c) for c in d["coefficients"]]
        return cls(**d)


def package_versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions of the packages that shape the numbers."""
    out = {}
    for name in packages:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
