"""The data-source registry detects a raw file that changed under its entry, refuses to record
new content under an old vintage, and names a raw file that cannot be read."""

import logging
import subprocess
import sys

import pytest

from gvcpanel.errors import DataError
from gvcpanel.io import sha256
from gvcpanel.sources.registry import check_file, read_registry, register, verify


def test_register_and_detect_change(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = tmp_path / "raw.csv"
    raw.write_text("a,b\n1,2\n")
    register("sources.csv", ["raw.csv"], "test", "v1", "https://example.org", "CC BY 4.0")
    reg = read_registry("sources.csv")
    assert reg["raw.csv"].sha256 == sha256(raw)
    assert check_file("raw.csv", reg).status == "match"
    raw.write_text("a,b\n1,3\n")
    status = check_file("raw.csv", reg)
    assert status.status == "changed" and "CHANGED" in status.message()
    other = tmp_path / "other.csv"
    other.write_text("x\n")
    assert check_file("other.csv", reg).status == "unregistered"
    register("sources.csv", ["raw.csv"], "test", "v2", "https://example.org", "CC BY 4.0")
    reg = read_registry("sources.csv")
    assert len(reg) == 1 and reg["raw.csv"].vintage == "v2"


def _register(tmp_path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "gvcpanel.cli", "register", "--registry", "sources.csv", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)


def test_changed_file_needs_a_new_vintage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = tmp_path / "raw.csv"
    raw.write_text("a,b\n1,2\n")
    register("sources.csv", ["raw.csv"], "test", "v1", "https://example.org", "CC BY 4.0")
    raw.write_text("a,b\n1,3\n")
    with pytest.raises(DataError) as err:
        register("sources.csv", ["raw.csv"], "test", "v1", "https://example.org", "CC BY 4.0")
    assert "changed since it was registered as vintage 'v1'" in str(err.value)
    run = _register(tmp_path, "raw.csv")  # the command keeps the old vintage unless told
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--vintage '<new vintage" in run.stderr and sha256(raw) in run.stderr
    assert read_registry("sources.csv")["raw.csv"].vintage == "v1"
    run = _register(tmp_path, "raw.csv", "--vintage", "v2")
    assert run.returncode == 0, run.stderr
    assert read_registry("sources.csv")["raw.csv"].vintage == "v2"
    assert _register(tmp_path, "raw.csv").returncode == 0  # unchanged content: nothing to say


@pytest.mark.parametrize("kind", ["broken link", "directory", "missing"])
def test_unreadable_raw_file_at_the_checksum_step(tmp_path, kind):
    """A file removed or replaced after the configuration was checked: a DataError naming it."""
    path = tmp_path / "raw.csv"
    if kind == "broken link":
        path.symlink_to(tmp_path / "gone.csv")
    elif kind == "directory":
        path.mkdir()
    with pytest.raises(DataError) as err:
        verify(str(path), {}, strict=True, log=logging.getLogger("t"))
    words = {
        "broken link": f"is a broken symbolic link (-> {tmp_path / 'gone.csv'})",
        "directory": "is a directory, not a file",
        "missing": "no such file",
    }
    assert str(path) in str(err.value) and words[kind] in str(err.value)
    run = _register(tmp_path, "raw.csv", "--dataset", "d")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert words[kind] in run.stderr
