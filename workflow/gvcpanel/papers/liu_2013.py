"""Liu (2013): the paper's firm-data facts and groups.

The Annual Survey of Industrial Firms revised its industry classification (CIC) in 2003; the
ownership groups are the registration-type groups of SPEC §3.3.
"""

from __future__ import annotations

import pandas as pd

from gvcpanel.report.published import load as published

STUDY = "liu_2013"
#: The paper's tables (``results/tables/liu_2013/table<k>.tex``), in order.
TABLES: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "A1")

#: First year of the revised CIC codes (the 2003 concordance maps earlier years onto them).
REVISION_YEAR = 2003
#: The ownership groups: the multinational subsidiaries (foreign, Hong Kong/Macao/Taiwan) and
#: domestic firms.
OWNERSHIP_GROUPS: tuple[str, ...] = ("foreign", "hmt", "domestic")
#: ASIF registration codes per ownership group (SPEC §3.3), and their inclusive ranges.
REGISTRATION_CODES: dict[str, tuple[int, ...]] = {
    "domestic": (110, 120, 130, 141, 142, 143, 149, 151, 159, 160, 171, 172, 173, 174, 190),
    "hmt": (210, 220, 230, 240),
    "foreign": (310, 320, 330, 340),
}
REGISTRATION_RANGES: dict[str, tuple[int, int]] = {
    g: (min(codes), max(codes)) for g, codes in REGISTRATION_CODES.items()
}
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


#: Columns of Table A1 (the published rows live in ``report/published/liu_2013.json``).
TABLE_A1_COLUMNS = ("cic2", "description", "kl_1000rmb_per_person", "training_intensity")


def read_table_a1() -> pd.DataFrame:
    """Liu (2013) Table A1 as published: ``cic2``, ``description``, K/L (thousand RMB per person)
    and training intensity (Σ training / Σ output), one row per two-digit industry."""
    return pd.DataFrame(
        published(STUDY)["tableA1_two_digit"]["rows"], columns=list(TABLE_A1_COLUMNS)
    )
