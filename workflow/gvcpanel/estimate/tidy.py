"""Tidy estimates: one JSON file per estimated model, from which every table is rendered.

A file holds the coefficient rows (term, coef, se, stat, p, ci_lower, ci_upper) and the model's
metadata (N, R², effects, SE type and its small-sample convention, sample, seed, package versions).
:class:`Estimates` is immutable: tuples for sequences and read-only mappings for ``sample``,
``extra`` and ``versions`` (nested mappings too), so notes and sample descriptions are constructor
arguments; :meth:`Estimates.replace` gives a changed copy. ``SCHEMA`` (JSON Schema 2020-12) is
checked on every read. JSON is written with sorted keys and floats rounded to 12 significant
digits (``gvcpanel.io``), so equal inputs give byte-identical files and last-bit noise of another
build does not change them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gvcpanel.errors import DataError
from gvcpanel.io import rounded, write_json

if TYPE_CHECKING:
    import pandas as pd

PACKAGES = ("gvcpanel", "numpy", "scipy", "pandas", "linearmodels", "statsmodels")

_NUMBER = {"type": ["number", "null"]}  # NaN and inf are written as null
_COEF = {
    "type": "object",
    "additionalProperties": False,
    "required": ["term", "coef", "se", "stat", "p", "ci_lower", "ci_upper"],
    "properties": {"term": {"type": "string"}}
    | {k: _NUMBER for k in ("coef", "se", "stat", "p", "ci_lower", "ci_upper")},
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "tidy estimates",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "study",
        "model",
        "dependent",
        "estimator",
        "coefficients",
        "nobs",
        "r2",
        "effects",
        "se_type",
        "se_convention",
        "sample",
        "seed",
        "extra",
        "versions",
    ],  # fmt: skip
    "properties": {
        "study": {"type": "string"},
        "model": {"type": "string"},
        "dependent": {"type": "string"},
        "estimator": {"type": "string"},
        "coefficients": {"type": "array", "items": _COEF},
        "nobs": {"type": "integer", "minimum": 0},
        "r2": {"type": ["number", "null"]},
        "effects": {"type": "array", "items": {"type": "string"}},
        "se_type": {"type": "string"},
        "se_convention": {"type": "string"},
        "sample": {"type": "object"},
        "seed": {"type": ["integer", "null"]},
        "extra": {"type": "object"},
        "versions": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def frozen(value: Any, depth: int = 0) -> Any:
    """A copy of ``value`` with every mapping read-only; sequences are tuples at the top level
    and lists inside mappings (the JSON values table builders read, e.g. ``extra["thresholds"]``,
    are lists)."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: frozen(v, depth + 1) for k, v in value.items()})
    if isinstance(value, list | tuple):
        items = [frozen(v, depth + 1) for v in value]
        return tuple(items) if depth == 0 else items
    return value


def validate(doc: Any, schema: Mapping[str, Any], file: str | Path, check: str) -> None:
    """DataError naming ``file``, ``check`` and every key path where ``doc`` breaks ``schema``."""
    import jsonschema  # where a document is checked, not by every estimator that imports this

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        keys = [
            f"{'/'.join(str(p) for p in e.absolute_path) or '<document>'}: {e.message}"
            for e in errors
        ]
        raise DataError(file, check, keys)


def thawed(value: Any) -> Any:
    """The JSON form of a ``frozen`` value: dicts and lists."""
    if isinstance(value, Mapping):
        return {k: thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thawed(v) for v in value]
    return value


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


def coef_rows(table: pd.DataFrame, terms: Mapping[str, str] | None = None) -> tuple[Coef, ...]:
    """Rows of a ``covariance.coef_table``; ``terms`` renames them (name → term)."""
    terms = terms or {}
    return tuple(
        Coef(
            str(terms.get(name, name)),
            float(r.coef),
            float(r.se),
            float(r.t),
            float(r.p),
            float(r.ci_lower),
            float(r.ci_upper),
        )
        for name, r in table.iterrows()
    )


@dataclass(frozen=True)
class Estimates:
    """A fitted model in tidy form: coefficients plus everything a table note needs."""

    study: str
    model: str
    dependent: str
    estimator: str
    coefficients: tuple[Coef, ...]
    nobs: int
    r2: float | None = None
    effects: tuple[str, ...] = ()
    se_type: str = ""
    se_convention: str = ""
    sample: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    versions: Mapping[str, str] = field(default_factory=lambda: package_versions())

    def __post_init__(self) -> None:
        rows = tuple(c if isinstance(c, Coef) else Coef(**c) for c in self.coefficients)
        object.__setattr__(self, "coefficients", rows)
        for name in ("effects", "sample", "extra", "versions"):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    def coef(self, term: str) -> Coef:
        """The row for ``term`` (KeyError if the model has no such term)."""
        for row in self.coefficients:
            if row.term == term:
                return row
        raise KeyError(f"{self.study}/{self.model}: no term {term!r}")

    def replace(self, **changes: Any) -> Estimates:
        """A copy with ``changes`` (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: thawed(getattr(self, f.name)) for f in fields(self)}
        out["coefficients"] = [dataclasses.asdict(c) for c in self.coefficients]
        return rounded(out)

    def write(self, path: str | Path) -> None:
        write_json(path, self.to_dict())

    @classmethod
    def from_dict(cls, doc: Any, file: str | Path = "<estimates>") -> Estimates:
        """Validate ``doc`` against ``SCHEMA``; DataError naming ``file`` and every offending key
        path otherwise."""
        validate(doc, SCHEMA, file, "estimates schema")
        return cls(**doc)

    @classmethod
    def read(cls, path: str | Path) -> Estimates:
        """Read and validate a file written by ``write``."""
        try:
            doc = json.loads(Path(path).read_text())
        except (OSError, json.JSONDecodeError) as err:
            raise DataError(path, "readable JSON", [], str(err)) from err
        return cls.from_dict(doc, path)


def package_versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions of the packages that shape the numbers."""
    import importlib.metadata  # read when estimates are written, not at import

    out = {}
    for name in packages:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
