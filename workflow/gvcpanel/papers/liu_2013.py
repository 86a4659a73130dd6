"""Liu (2013): the paper's firm-data facts and groups.

The Annual Survey of Industrial Firms revised its industry classification (CIC) in 2003; the
ownership groups are the registration-type groups of SPEC §3.3.
"""

from __future__ import annotations

STUDY = "liu_2013"

#: First year of the revised CIC codes (the 2003 concordance maps earlier years onto them).
REVISION_YEAR = 2003
#: The ownership groups: the multinational subsidiaries (foreign, Hong Kong/Macao/Taiwan) and
#: domestic firms.
OWNERSHIP_GROUPS: tuple[str, ...] = ("foreign", "hmt", "domestic")
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
