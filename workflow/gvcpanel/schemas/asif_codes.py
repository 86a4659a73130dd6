"""Codes of the Annual Survey of Industrial Firms (ASIF) that every firm extract uses (SPEC §3.3).

The survey revised its industry classification (CIC, GB/T 4754) in 2003; manufacturing is the
two-digit divisions 13-43 of GB/T 4754-2002, which has no division 38; firms are grouped by their
registration type.
"""

from __future__ import annotations

#: First year of the revised CIC codes (the 2003 concordance maps earlier years onto them).
REVISION_YEAR = 2003
#: The two-digit manufacturing industries (the rows of Liu's Table A1).
MANUFACTURING_CIC2: tuple[int, ...] = tuple(c for c in range(13, 44) if c != 38)
#: The ownership groups: the multinational subsidiaries (foreign, Hong Kong/Macao/Taiwan) and
#: domestic firms.
OWNERSHIP_GROUPS: tuple[str, ...] = ("foreign", "hmt", "domestic")
#: ASIF registration codes per ownership group, and their inclusive ranges.
REGISTRATION_CODES: dict[str, tuple[int, ...]] = {
    "domestic": (110, 120, 130, 141, 142, 143, 149, 151, 159, 160, 171, 172, 173, 174, 190),
    "hmt": (210, 220, 230, 240),
    "foreign": (310, 320, 330, 340),
}
REGISTRATION_RANGES: dict[str, tuple[int, int]] = {
    g: (min(codes), max(codes)) for g, codes in REGISTRATION_CODES.items()
}
