"""Liu (2013): the paper's tables, groups and published Table A1.

The survey's own codes (revision year, registration groups) live in
:mod:`gvcpanel.schemas.asif_codes`; they are re-exported here for the paper's code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gvcpanel.papers.published import load as published
from gvcpanel.schemas.asif_codes import (  # noqa: F401  (the paper's data facts, re-exported)
    MANUFACTURING_CIC2,
    OWNERSHIP_GROUPS,
    REGISTRATION_CODES,
    REGISTRATION_RANGES,
    REVISION_YEAR,
)

if TYPE_CHECKING:
    import pandas as pd

STUDY = "liu_2013"
#: The paper's tables (``results/tables/liu_2013/table<k>.tex``), in order.
TABLES: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "A1")

#: The group of Tables 1-7 and A1 (``liu_2013.group`` may choose another).
PAPER_GROUP = "foreign"
#: Table 8's counter-groups of the paper, in column order.
TABLE8_GROUPS: tuple[str, ...] = ("domestic", "hmt")
#: Each group's name in table titles and headers.
GROUP_OPERATION = {
    "foreign": "Multinational Operation",
    "domestic": "Local Production",
    "hmt": "HMT-Owned Operation",
}
GROUP_HEADERS = {"foreign": "Foreign", "domestic": "Domestic", "hmt": "HMT"}
GROUP_LABELS = {"foreign": "foreign-owned", "domestic": "domestic", "hmt": "HMT-owned"}


def counter_groups(group: str = PAPER_GROUP) -> tuple[str, ...]:
    """Table 8's groups when Tables 3-7 study ``group``: the other two ownership groups
    (the paper's domestic and HMT columns for ``foreign``)."""
    if group not in OWNERSHIP_GROUPS:
        raise ValueError(f"group must be one of {OWNERSHIP_GROUPS}, not {group!r}")
    return tuple(g for g in (*TABLE8_GROUPS, PAPER_GROUP) if g != group)


#: Columns of Table A1 (the published rows live in ``papers/liu_2013/published.json``).
TABLE_A1_COLUMNS = ("cic2", "description", "kl_1000rmb_per_person", "training_intensity")


def read_table_a1() -> pd.DataFrame:
    """Liu (2013) Table A1 as published: ``cic2``, ``description``, K/L (thousand RMB per person)
    and training intensity (Σ training / Σ output), one row per two-digit industry."""
    import pandas as pd  # not when the rule files read the paper's tables at parse time

    return pd.DataFrame(
        published(STUDY)["tableA1_two_digit"]["rows"], columns=list(TABLE_A1_COLUMNS)
    )


def paper_specs(group: str = PAPER_GROUP) -> list[dict[str, Any]]:
    """The specs of Liu's Tables 3–8: ``table<k>_col<j>``, Table 7 ``table7_<year>_<dep>``.

    Tables 3–7 fit ``group``'s firms (the paper's foreign subsidiaries by default), Table 8 the
    two other ownership groups (:func:`gvcpanel.papers.liu_2013.counter_groups`).
    """
    counter = counter_groups(group)
    specs: list[dict[str, Any]] = []
    cols = [
        ({}, "all"),
        ({"controls": ["kl"]}, "all"),
        ({"controls": ["kl"]}, "high_kl"),
        ({"controls": ["kl"]}, "low_kl"),
    ]
    for table, dep in ((3, "dvr"), (4, "within"), (5, "cross")):
        for j, (extra, sample) in enumerate(cols, start=1):
            specs.append(
                {
                    "name": f"table{table}_col{j}",
                    "dependent": dep,
                    "group": group,
                    "sample": sample,
                    **extra,
                }
            )
    for j, (dep, controls) in enumerate(
        [(d, c) for d in ("dvr", "within", "cross") for c in ([], ["kl"])], start=1
    ):
        specs.append(
            {
                "name": f"table6_col{j}",
                "dependent": dep,
                "group": group,
                "controls": controls,
                "time": "wage_index",
            }
        )
    for year in (1999, 2001, 2003, 2005):
        for dep in ("dvr", "within", "cross"):
            specs.append(
                {
                    "name": f"table7_{year}_{dep}",
                    "dependent": dep,
                    "group": group,
                    "controls": ["kl"],
                    "initial_year": year,
                }
            )
    for j, (group, dep) in enumerate(
        [(g, d) for g in counter for d in ("dvr", "within", "cross")], start=1
    ):
        specs.append(
            {"name": f"table8_col{j}", "dependent": dep, "group": group, "controls": ["kl"]}
        )
    return specs
