"""Errors raised on bad input: each names the file, the check that failed and the offending keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


class InputError(DataError, ValueError):
    """A model's input is unusable: a missing or non-numeric column, a missing value, a regressor
    the effects absorb, too few observations for the trimming, an unknown option.

    Raised by the estimators of the public API (``gvcpanel.twoway``, ``gvcpanel.threshold``) before
    any arithmetic; the message names the data, the check and the offending columns or rows, e.g.
    ``data: check 'finite values in q1' failed for keys: (3, 1975)``.
    """


def _fmt_key(key: object) -> str:
    if isinstance(key, tuple):
        return "(" + ", ".join(str(k) for k in key) + ")"
    return str(key)


#: A key of the configuration: mapping keys and list positions from the top, e.g.
#: ``("qu_yang_2023", "threshold", "trim", 2)``.
KeyPath = tuple[str | int, ...]


class ConfigError(ValueError):
    """The configuration is invalid; the message lists every problem with its file and line."""


def config_key(path: KeyPath) -> str:
    """``("a", "b", 2)`` as written in messages: ``config.a.b[2]`` (``config.a['x y']`` for a key
    that is not an identifier)."""
    out = "config"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if str(part).isidentifier() else f"[{str(part)!r}]"
    return out


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a configuration: the key it concerns and what is wrong with it."""

    path: KeyPath
    message: str

    def __str__(self) -> str:
        return f"{config_key(self.path)}: {self.message}"
