"""Rule adapters' logging: everything to the job's log file, one short line per message to the
console; ``extra=DETAIL`` (a printed summary, a table) to the file only; a data error ends the
job with its message and no traceback."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from gvcpanel.errors import DataError
from gvcpanel.logs import DETAIL, rule_logging


def _job(tmp_path):
    return SimpleNamespace(log=[str(tmp_path / "logs" / "rule.log")], rule="some_rule", threads=1)


def test_detail_goes_to_the_log_file_only(tmp_path, capsys):
    job = _job(tmp_path)
    with rule_logging(job) as log:
        log.info("eq19: thresholds %s", "0.3448")
        log.info("%s", "Threshold | RSS\n----\nTh-1 | 18.4", extra=DETAIL)
    console = capsys.readouterr().err
    written = (tmp_path / "logs" / "rule.log").read_text()
    assert console == "    some_rule: eq19: thresholds 0.3448\n"
    assert "eq19: thresholds 0.3448" in written and "Th-1 | 18.4" in written


def test_a_data_error_ends_the_job_with_its_message(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_, rule_logging(_job(tmp_path)):
        raise DataError("x.csv", "unique keys", ["AUT 2001"])
    assert "x.csv" in str(exit_.value) and "AUT 2001" in str(exit_.value)
    assert "Traceback" not in capsys.readouterr().err


def test_the_package_modules_progress_reaches_the_console(tmp_path, capsys):
    with rule_logging(_job(tmp_path)):
        logging.getLogger("gvcpanel.sources.asif").info("step 2 of 6: identifier links")
    assert capsys.readouterr().err == "    some_rule: step 2 of 6: identifier links\n"
    assert "gvcpanel.sources.asif: step 2 of 6" in (tmp_path / "logs" / "rule.log").read_text()
