"""The paths of a configuration: every raw path from one function, ``{data_dir}`` expanded from
it, and the rules of where paths may point.

The rules (checked before any job runs):

* ``results`` (where every output is written) must resolve inside the project, the working
  directory, with symbolic links followed (``Path.resolve``): a results folder that is a link to
  a folder elsewhere is refused, as is the project folder itself.
* A raw input must lie inside the project or inside ``data_dir``, judged on the path as written
  (``..`` counts, links are not followed): a data folder *linked into* ``data/raw`` from
  elsewhere stays usable. ``data_dir`` itself may be any folder the user names.
* A raw input that exists must be readable as a file: a broken symbolic link, a directory (except
  a Parquet dataset of firms) or an unreadable file is refused, naming its target.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gvcpanel.errors import ConfigProblem, KeyPath
from gvcpanel.io import raw_file_problem


@dataclass(frozen=True)
class RawPath:
    """One raw path of a configuration: its key, its value and whether a folder may stand there."""

    key: KeyPath
    value: str
    directory_ok: bool = False


def raw_paths(cfg: Mapping[str, Any]) -> list[RawPath]:
    """Every raw-data path of ``cfg``: country inputs, input-output tables, Table 5 files, firm
    files. The one list that every check of raw paths and the ``{data_dir}`` expansion use."""
    out = []
    panel = cfg.get("country_panel", {})
    for name, spec in panel.get("inputs", {}).items():
        out.append(RawPath(("country_panel", "inputs", name, "path"), spec["path"]))
    for key in ("path", "crosscheck_dva"):
        if key in panel.get("icio", {}):
            out.append(RawPath(("country_panel", "icio", key), panel["icio"][key]))
    table5 = cfg.get("qu_yang_2023", {}).get("table5", {})
    for key in ("costs", "sea"):
        if key in table5:
            out.append(RawPath(("qu_yang_2023", "table5", key), table5[key]))
    files = cfg.get("liu_2013", {}).get("firms", {}).get("files", {})
    for key, path in files.items():
        out.append(RawPath(("liu_2013", "firms", "files", key), path, directory_ok=key == "firms"))
    return out


def expand_data_dir(cfg: dict[str, Any]) -> None:
    """Replace ``{data_dir}`` in every raw path of ``cfg`` by ``cfg["data_dir"]``."""
    for raw in raw_paths(cfg):
        *parents, last = raw.key
        node: Any = cfg
        for part in parents:
            node = node[part]
        node[last] = raw.value.replace("{data_dir}", cfg["data_dir"])


def input_paths(cfg: Mapping[str, Any]) -> dict[str, str]:
    """Path of each country input, by input name (from :func:`raw_paths`)."""
    return {
        str(raw.key[2]): raw.value
        for raw in raw_paths(cfg)
        if raw.key[:2] == ("country_panel", "inputs")
    }


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _normal(path: str | Path) -> Path:
    """``path`` made absolute and normalised lexically (``..`` counts, links not followed)."""
    return Path(os.path.normpath(os.path.abspath(path)))


def _results(cfg: Mapping[str, Any], root: Path) -> Iterator[ConfigProblem]:
    results = cfg["results"]
    written = _normal(root / results)
    real, project = (root / results).resolve(), root.resolve()
    if written == root:
        why = "is the project folder itself"
    elif not _inside(written, root):
        why = f"is outside the project ({root})"
    elif real == project or not _inside(real, project):
        why = f"leads through a symbolic link to {real}, outside the project ({project})"
    else:
        return
    yield ConfigProblem(
        ("results",),
        f"'{results}' {why}: outputs are written only inside the project; give a folder inside "
        "it, e.g. results/my_panel",
    )


def _years(cfg: Mapping[str, Any]) -> list[int]:
    """Years whose input-output tables are read: the panel's and Table 4's."""
    first, last = cfg["country_panel"]["years"]
    table4 = cfg.get("qu_yang_2023", {}).get("table4", {}).get("years", [])
    return sorted({*range(first, last + 1), *table4})


def path_problems(cfg: Mapping[str, Any], root: str | Path | None = None) -> list[ConfigProblem]:
    """Every path of ``cfg`` that breaks the rules of the module docstring (``root``: the
    project, by default the working directory)."""
    root = _normal(Path.cwd() if root is None else root)
    data = _normal(root / str(cfg.get("data_dir", "data/raw")))
    problems = list(_results(cfg, root))
    for raw in raw_paths(cfg):
        path = _normal(root / raw.value.replace("{data_dir}", str(data)))
        if not (_inside(path, root) or _inside(path, data)):
            problems.append(
                ConfigProblem(
                    raw.key,
                    f"'{raw.value}' is outside the project ({root}) and the data folder "
                    f"data_dir ({data}); keep raw files in one of them or set data_dir",
                )
            )
            continue
        files = [str(path)]
        if "{year}" in raw.value:
            files = [str(path).replace("{year}", str(year)) for year in _years(cfg)]
        for file in files:
            problem = raw_file_problem(file, raw.directory_ok)
            if problem:
                problems.append(ConfigProblem(raw.key, f"{_relative(file, root)} {problem}"))
                break
    return problems


def _relative(path: str, root: Path) -> str:
    """``path`` relative to the project when inside it (as a user writes it), else absolute."""
    return os.path.relpath(path, root) if _inside(Path(path), root) else path
