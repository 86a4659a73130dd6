"""The papers' structure modules against the published references and SPEC §3.3, and each fact
written once in the package, the rules and the simulator."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from gvcpanel.papers import liu_2013, published, qu_yang_2023

ROOT = Path(__file__).resolve().parents[1]


def test_qu_yang_models_are_the_published_columns(reference):
    ref = reference["qu_yang_2023"]
    assert list(qu_yang_2023.TABLE1_MODELS) == ref["table1"]["columns"]
    assert list(qu_yang_2023.THRESHOLD_MODELS) == list(ref["table3_threshold_regressions"])
    assert list(qu_yang_2023.COUNTRIES) == ref["sample"]["countries"]
    assert len(ref["table2_threshold_tests"]["mu"]) == qu_yang_2023.MAX_THRESHOLDS
    # the regime regressors are the keys of Table 2's tests (threshold in mu, upsilon)
    assert (
        set(qu_yang_2023.THRESHOLD_REGIMES.values())
        == {"mu", "upsilon"}
        <= set(ref["table2_threshold_tests"])
    )


def test_liu_groups_codes_and_table_a1(reference):
    ref = reference["liu_2013"]
    assert set(liu_2013.REGISTRATION_CODES) == set(liu_2013.OWNERSHIP_GROUPS)
    # SPEC §3.3: 110-190 domestic, 210-240 HMT, 310-340 foreign
    assert liu_2013.REGISTRATION_RANGES == {
        "domestic": (110, 190),
        "hmt": (210, 240),
        "foreign": (310, 340),
    }
    heads = [c.split()[0].lower() for c in ref["table8_counter_groups"]["columns"]]
    assert liu_2013.counter_groups() == tuple(dict.fromkeys(heads)) == liu_2013.TABLE8_GROUPS
    a1 = liu_2013.read_table_a1()
    assert tuple(a1["cic2"]) == liu_2013.MANUFACTURING_CIC2  # the screens' industries are A1's
    assert list(a1.columns) == list(liu_2013.TABLE_A1_COLUMNS)
    pd.testing.assert_frame_equal(
        a1,
        pd.DataFrame(ref["tableA1_two_digit"]["rows"], columns=list(liu_2013.TABLE_A1_COLUMNS)),
    )
    assert published.load("liu_2013")["tableA1_two_digit"]["rows"] == a1.values.tolist()


def _sources() -> dict[Path, str]:
    files = [*(ROOT / "workflow").rglob("*.py"), *(ROOT / "rules").glob("*.smk")]
    files += [ROOT / "Snakefile", *(ROOT / "schemas").glob("*.py")]
    codes = ROOT / "workflow" / "gvcpanel" / "schemas" / "asif_codes.py"  # the survey's codes
    return {p: p.read_text() for p in files if "papers" not in p.parts and p != codes}


def test_each_paper_fact_is_written_once():
    """Outside ``gvcpanel/papers`` no file spells a threshold model's or a Table 1 model's
    name, the registration codes, the revision year, the Table A1 columns or the Liu table list
    (the specification curve names its own models)."""
    patterns = {
        "Table 1 / threshold model names": r"""["'](eq18_[24]y|eq19|eq20)["']""",
        "registration codes": r"\b(110|210|310)\b.*\b(190|240|340)\b",
        "revision year": r"REVISION_YEAR\s*=",
        "Table A1 columns": r"TABLE_A1_COLUMNS\s*=",
        "ownership groups": r"""\(\s*["'](foreign|hmt|domestic)["'],\s*["'](hmt|domestic)""",
        "Liu table list": r"""["']7["'],\s*["']8["'],\s*["']A1["']""",
    }
    hits = {
        (what, str(p.relative_to(ROOT)))
        for p, text in _sources().items()
        for what, pattern in patterns.items()
        if re.search(pattern, text) and not p.name.startswith("speccurve")
    }
    assert hits == set()
