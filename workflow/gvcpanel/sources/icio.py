"""Inter-country input-output tables: one in-memory form for every release; the adapter protocol.

Every ICIO release (WIOD 2013 ``.RData``, OECD ICIO CSV, …) is read by an adapter into an
:class:`ICIOTable`; all value-added accounting (``gvcpanel.construct.icio``) works on that form.

Layout of an :class:`ICIOTable` with ``C`` countries and ``K`` industries (``n = C·K``):

- rows and columns of ``Z`` are country-major: index ``c·K + k`` is industry ``k`` of country
  ``c``; ``Z`` (n × n) is intermediate use, ``Z[i, j]`` = sales of industry ``i`` to industry ``j``;
- ``F`` (n × C·G) final demand by destination country (major) and category (minor, ``G`` categories,
  names in ``categories``), or (n × C) already summed over categories (``categories == ()``);
- ``x`` (n) gross output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from gvcpanel.errors import DataError


@dataclass(frozen=True, eq=False)
class ICIOTable:
    """One year of an inter-country input-output table (see the module docstring for the layout)."""

    year: int
    countries: list[str]
    industries: list[str]
    Z: np.ndarray
    F: np.ndarray
    x: np.ndarray
    categories: tuple[str, ...] = ()
    source: str = field(default="<memory>")

    def __post_init__(self) -> None:
        self.validate()

    @property
    def n_countries(self) -> int:
        return len(self.countries)

    @property
    def n_industries(self) -> int:
        return len(self.industries)

    @property
    def n(self) -> int:
        """Number of country-industry pairs, ``C·K``."""
        return self.n_countries * self.n_industries

    @property
    def labels(self) -> list[tuple[str, str]]:
        """(country, industry) of every row/column of ``Z``, country-major."""
        return [(c, k) for c in self.countries for k in self.industries]

    def final_by_destination(self) -> np.ndarray:
        """Final demand summed over categories: n × C, column ``s`` = final use in country ``s``."""
        if not self.categories:
            return self.F
        return self.F.reshape(self.n, self.n_countries, len(self.categories)).sum(axis=2)

    def validate(self) -> None:
        """Check labels, shapes and values; raise :class:`DataError` naming the offending keys."""
        file, n, c = self.source, self.n, self.n_countries
        for what, labels in (("countries", self.countries), ("industries", self.industries)):
            dup = sorted({x for x in labels if labels.count(x) > 1})
            if dup:
                raise DataError(file, f"unique {what}", dup)
        g = max(len(self.categories), 1)
        expected = {"Z": (n, n), "F": (n, c * g), "x": (n,)}
        for name, shape in expected.items():
            got = getattr(self, name).shape
            if got != shape:
                raise DataError(
                    file, f"shape of {name}", [self.year], f"expected {shape}, got {got}"
                )
        for name in expected:
            bad = ~np.isfinite(getattr(self, name))
            if bad.any():
                rows = np.unique(np.nonzero(bad)[0])
                raise DataError(file, f"finite {name}", [self.labels[i] for i in rows])
        neg = np.nonzero(self.x < 0)[0]
        if neg.size:
            raise DataError(file, "gross output x >= 0", [self.labels[i] for i in neg])


@runtime_checkable
class ICIOAdapter(Protocol):
    """A reader of one ICIO release's raw layout: ``read(path)`` gives one year as an ICIOTable."""

    name: str

    def read(self, path: str | Path) -> ICIOTable:
        """Read the table in ``path``; raise :class:`DataError` on bad input."""
        ...
