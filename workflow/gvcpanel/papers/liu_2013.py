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
