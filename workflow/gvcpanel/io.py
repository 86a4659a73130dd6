"""File output: atomic (a result is either complete or absent, never half-written) and
version-proof (every float in a text file is written to ``SIGNIFICANT_DIGITS`` significant digits,
so noise in the last binary digits from another numpy, BLAS or pandas build does not change bytes).
The exception is :class:`Exact`: a value of the data, such as an estimated threshold, written in
full so that it reads back bit for bit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from gvcpanel import faults

if TYPE_CHECKING:
    import pandas as pd

SIGNIFICANT_DIGITS = 12
"""Significant digits of every float written to a text file (CSV, JSON) by the pipeline."""


class Exact(float):
    """A float written at full precision (shortest ``repr`` that reads back bit for bit): a value
    of the data rather than a computed result, e.g. an estimated threshold, which is one sample
    value of the threshold variable. Rounded to 12 digits it could fall below the observation it
    stands for, and the rule ``q <= threshold`` would then move that observation to the upper
    regime."""

    __slots__ = ()


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp creates 0600; give the usual permissions
    try:
        yield tmp_path
        faults.check_write(path)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open`` that writes to a temporary file and renames it onto ``path`` on success."""
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "\n")
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` atomically (UTF-8, ``\\n`` line ends)."""
    with atomic_open(path) as fh:
        fh.write(text)


def round_float(x: float) -> float:
    """``x`` rounded to ``SIGNIFICANT_DIGITS`` significant digits (NaN and ±inf unchanged)."""
    return float(f"{x:.{SIGNIFICANT_DIGITS}g}")


def format_float(x: float) -> str:
    """Shortest text of ``x`` rounded to ``SIGNIFICANT_DIGITS`` digits (``repr`` of the rounded
    value: at most 12 digits, ``.0`` kept for whole numbers, identical on every platform)."""
    return repr(round_float(float(x)))


def rounded(obj: Any) -> Any:
    """``obj`` with every float (also numpy scalars, inside dicts, lists and tuples) rounded by
    ``round_float``; NaN and ±inf become ``None`` (JSON has no such numbers)."""
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, Exact):
        return obj
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else round_float(obj)
    if isinstance(obj, dict):
        return {k: rounded(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [rounded(v) for v in obj]
    return obj


def json_text(obj: Any) -> str:
    """Indented, key-sorted JSON with rounded floats (byte-stable for equal inputs)."""
    return json.dumps(rounded(obj), indent=2, sort_keys=True, default=_json_default) + "\n"


def write_json(path: str | Path, obj: Any) -> None:
    """Write ``obj`` as ``json_text`` atomically."""
    write_text(path, json_text(obj))


def write_exact_json(path: str | Path, obj: Any) -> None:
    """Write ``obj`` as JSON with every float at full precision (``repr``) atomically: for
    intermediate files whose numbers must read back bit for bit (bootstrap shards), not for
    published results."""
    write_text(path, json.dumps(obj, sort_keys=True, default=_json_default) + "\n")


def write_parquet(path: str | Path, df: pd.DataFrame) -> None:
    """Write a DataFrame to Parquet atomically."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)


def write_csv(path: str | Path, df: pd.DataFrame, exact: Sequence[str] = (), **kwargs: Any) -> None:
    """Write a DataFrame to CSV atomically (no index, ``\\n`` line ends, floats by
    ``format_float``; the columns ``exact`` in full, as :class:`Exact` values are)."""
    if exact:
        df = df.assign(**{c: df[c].map(lambda x: repr(float(x))) for c in exact})
    kwargs.setdefault("index", False)
    kwargs.setdefault("float_format", format_float)
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(path) as tmp:
        df.to_csv(tmp, **kwargs)


def write_frames(frames: Mapping[str, pd.DataFrame], paths: Mapping[str, str | Path]) -> None:
    """Write ``frames[name]`` to ``paths[name]`` for every name: Parquet for ``.parquet``, CSV
    (:func:`write_csv`) otherwise; the two must name the same outputs."""
    if set(frames) != set(paths):
        raise ValueError(f"frames {sorted(frames)} differ from the outputs {sorted(paths)}")
    for name, df in frames.items():
        path = str(paths[name])
        (write_parquet if path.endswith(".parquet") else write_csv)(path, df)


def sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def raw_file_problem(path: str | Path, directory_ok: bool = False) -> str | None:
    """Why ``path`` cannot be read as a raw file, or None (also when it is simply absent: a
    registered file is then downloaded, and Snakemake names any other missing input).

    A broken symbolic link (the file's or one of its folders'), a directory where a file is
    expected (unless ``directory_ok``, e.g. a Parquet dataset), something other than a regular
    file, or a file without read permission.
    """
    path = Path(path)
    if not path.exists():
        for link in (path, *path.parents):
            if link.is_symlink() and not link.exists():
                where = "is" if link == path else f"lies in {link}, which is"
                return f"{where} a broken symbolic link (-> {os.readlink(link)})"
        return None
    if path.is_dir():
        return None if directory_ok else "is a directory, not a file"
    if not path.is_file():
        return "is not a regular file"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "item"):
        return obj.item()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
