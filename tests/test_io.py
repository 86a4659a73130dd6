"""Atomic writes leave either the complete new file or the old one."""

import pytest

from gvcpanel.errors import DataError
from gvcpanel.io import atomic_open, write_text


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_data_error_names_file_check_keys():
    err = DataError("raw/x.csv", "unique key (iso3, year)", [("AUS", 2001), ("AUS", 2002)])
    assert str(err) == (
        "raw/x.csv: check 'unique key (iso3, year)' failed for keys: (AUS, 2001), (AUS, 2002)"
    )
