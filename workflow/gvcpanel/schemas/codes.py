"""Country codes the raw-table schemas accept: ISO 3166-1 alpha-3 and publishers' aggregates."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache

#: World Bank WDI aggregates (regions, income groups, lending groups, the world ``WLD``) and the two
#: non-ISO codes WDI reports (Channel Islands ``CHI``, Kosovo ``XKX``, not classified ``INX``).
_WDI_CODES = (
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX LAC LCN "
    "LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN "
    "TSA TSS UMC WLD CHI XKX INX"
)
WDI_AGGREGATES = frozenset(_WDI_CODES.split())
#: OECD and input-output aggregates: OECD total, world, EU, and the rest of the world of an ICIO.
OTHER_AGGREGATES = frozenset({"OECD", "WXD", "W", "EU27_2020", "EU28", "ROW"})


@cache
def known_codes() -> frozenset[str]:
    """Every named code a raw file may carry in its country column."""
    import pycountry  # its country list, read when a raw file's codes are first checked

    iso = {c.alpha_3 for c in pycountry.countries}
    return frozenset(iso) | WDI_AGGREGATES | OTHER_AGGREGATES


def is_user_assigned(code: str) -> bool:
    """ISO 3166-1 user-assigned alpha-3 ranges (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ).

    ISO reserves these for users' own entities; the simulator's synthetic countries use them.
    """
    return (
        len(code) == 3
        and code.isalpha()
        and code.isupper()
        and (
            code.startswith("AA")
            or "QMA" <= code <= "QZZ"
            or code[0] == "X"
            or code.startswith("ZZ")
        )
    )


_USER_ASSIGNED_OK: ContextVar[bool] = ContextVar("user_assigned_ok", default=False)


@contextlib.contextmanager
def allow_user_assigned(allowed: bool) -> Iterator[None]:
    """Within the block, user-assigned codes count as known (a synthetic panel) or not."""
    token = _USER_ASSIGNED_OK.set(allowed)
    try:
        yield
    finally:
        _USER_ASSIGNED_OK.reset(token)


def is_known(code: str) -> bool:
    """A named code (ISO 3166-1, publishers' aggregates), or a user-assigned one on a synthetic
    panel (inside :func:`allow_user_assigned` ``(True)``)."""
    return code in known_codes() or (_USER_ASSIGNED_OK.get() and is_user_assigned(code))
