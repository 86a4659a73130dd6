"""The lock files and the provenance record: every pin parsed, differences found, and the
version-proof number format of every text file the pipeline writes."""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gvcpanel.io import format_float, json_text, round_float, write_csv
from gvcpanel.report.provenance import (
    canonical,
    installed_versions,
    lock_differences,
    provenance,
    read_lock,
)

LOCKS = ("lock.txt", "lock-test.txt")


@pytest.mark.parametrize("name", LOCKS)
def test_lock_pins_every_package_with_hashes(root: Path, name: str) -> None:
    text = (root / "requirements" / name).read_text()
    pins = read_lock(root / "requirements" / name)
    entries = re.findall(r"^(\S+)==(\S+) \\$", text, flags=re.M)
    assert len(pins) == len(entries) > 50
    assert {canonical(n): v for n, v in entries} == pins
    # every pin carries at least one hash; no unpinned requirement
    blocks = re.split(r"\n(?=\S)", text.split("\n", 2)[2])
    for block in blocks:
        if block.strip() and not block.startswith("#"):
            assert "==" in block.splitlines()[0] and "--hash=sha256:" in block, block[:80]
    for core in ("numpy", "pandas", "scipy", "linearmodels", "statsmodels", "snakemake"):
        assert core in pins, core


def test_test_lock_extends_pipeline_lock(root: Path) -> None:
    base, test = (read_lock(root / "requirements" / n) for n in LOCKS)
    assert {k: test[k] for k in base} == base
    assert {"pytest", "hypothesis", "ruff"} <= set(test) - set(base)


def test_lock_differences_and_provenance(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    numpy_version = importlib.metadata.version("numpy")
    lock.write_text(
        f"NumPy=={numpy_version} \\\n    --hash=sha256:00\n"
        "pandas==0.0.1 \\\n    --hash=sha256:11\n"
        "not-a-real-package-xyz==1.0 ; python_version >= '3.11' \\\n    --hash=sha256:22\n"
    )
    pins = read_lock(lock)
    assert pins == {"numpy": numpy_version, "pandas": "0.0.1", "not-a-real-package-xyz": "1.0"}
    installed = installed_versions()
    assert installed["numpy"] == np.__version__ and installed["pandas"] == pd.__version__
    diff = lock_differences(pins, installed)
    assert diff == {
        "pandas": {"locked": "0.0.1", "installed": pd.__version__},
        "not-a-real-package-xyz": {"locked": "1.0", "installed": "missing"},
    }
    record = provenance([lock])
    assert record["matches_lock"] is False and record["locks"]["lock.txt"]["differences"] == diff
    assert record["packages"]["numpy"] == np.__version__
    exact = tmp_path / "exact.txt"
    exact.write_text(f"numpy=={numpy_version} \\\n    --hash=sha256:00\n")
    assert provenance([lock, exact])["matches_lock"] is True


def test_float_format_is_twelve_significant_digits() -> None:
    # the example of a regenerated value that moved in its last binary digits
    a, b = 343303611.73849165, 343303611.7384917
    assert a != b and format_float(a) == format_float(b) == "343303611.738"
    assert format_float(1.0) == "1.0" and format_float(np.float64(0.1)) == "0.1"
    assert format_float(1.2345678901234567e-7) == "1.23456789012e-07"
    assert round_float(2 / 3) == 0.666666666667
    assert json_text({"x": np.float64(1 / 3), "y": [float("nan"), 2]}) == (
        '{\n  "x": 0.333333333333,\n  "y": [\n    null,\n    2\n  ]\n}\n'
    )


def test_write_csv_rounds_floats_and_keeps_missing(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write_csv(path, pd.DataFrame({"k": ["a", "b"], "v": [1 / 3, np.nan], "n": [1, 2]}))
    assert path.read_text() == "k,v,n\na,0.333333333333,1\nb,,2\n"
    assert json.loads(json_text({"v": 1 / 7}))["v"] == pytest.approx(1 / 7, rel=1e-12)
