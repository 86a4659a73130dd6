"""Errors raised on bad input: each names the file, the check that failed and the offending keys."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class DataError(Exception):
    """A raw or constructed table failed a check.

    The message always names the file, the check and (up to ``max_keys``) offending keys, e.g.
    ``data/x.csv: check 'unique key (iso3, year)' failed for keys: (AUS, 2001), (AUS, 2001)``.
    """

    def __init__(
        self,
        file: str | Path,
        check: str,
        keys: Sequence[object] = (),
        detail: str = "",
        max_keys: int = 10,
    ) -> None:
        self.file = str(file)
        self.check = check
        self.keys = list(keys)
        self.detail = detail
        shown = ", ".join(_fmt_key(k) for k in self.keys[:max_keys])
        more = f" (+{len(self.keys) - max_keys} more)" if len(self.keys) > max_keys else ""
        msg = f"{self.file}: check '{check}' failed"
        if self.keys:
            msg += f" for keys: {shown}{more}"
        if detail:
            msg += f" — {detail}"
        super().__init__(msg)


def _fmt_key(key: object) -> str:
    if isinstance(key, tuple):
        return "(" + ", ".join(str(k) for k in key) + ")"
    return str(key)
