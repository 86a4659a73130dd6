"""The data-source registry detects a raw file that changed under its entry."""

from gvcpanel.io import sha256
from gvcpanel.sources.registry import check_file, read_registry, register


def test_register_and_detect_change(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = tmp_path / "raw.csv"
    raw.write_text("a,b\n1,2\n")
    register("sources.csv", ["raw.csv"], "test", "v1", "https://example.org", "CC BY 4.0")
    reg = read_registry("sources.csv")
    assert reg.loc["raw.csv", "sha256"] == sha256(raw)
    assert check_file("raw.csv", reg).status == "match"
    raw.write_text("a,b\n1,3\n")
    status = check_file("raw.csv", reg)
    assert status.status == "changed" and "CHANGED" in status.message()
    other = tmp_path / "other.csv"
    other.write_text("x\n")
    assert check_file("other.csv", reg).status == "unregistered"
    register("sources.csv", ["raw.csv"], "test", "v2", "https://example.org", "CC BY 4.0")
    reg = read_registry("sources.csv")
    assert len(reg) == 1 and reg.loc["raw.csv", "vintage"] == "v2"
