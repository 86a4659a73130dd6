"""Bootstrap distribution of the threshold F statistics (Hansen 1999, sec. 3.2 and 5).

For the test of k-1 against k thresholds the null model is the fitted (k-1)-threshold model. Each
replication draws y* = fitted + e* in transformed units and re-estimates all thresholds
sequentially from scratch (stage 1, stage 2 | stage 1, refinement, stage 3), then computes
F*_k = (S*_{k-1} - S*_k) / (S*_k / df). Replications are processed in chunks: per chunk the
stage-1 search of all replications is ONE (grid x obs)(obs x B) product, later stages are
Gram-matrix algebra (see ``search``).

Kinds of draws:

* ``firm_block`` (Hansen): e* = residual vectors of whole entities drawn with replacement
  (needs equal-length blocks, i.e. a balanced panel);
* ``wild_rademacher`` / ``wild_mammen``: wild cluster bootstrap, e*_it = v_i e_it with one weight
  v_i per ENTITY (Rademacher +-1, or Mammen's two-point law); works on unbalanced panels and under
  heteroskedasticity.

p-values and critical values: ``hansen`` conventions use p = share of F* strictly greater than F and
critical values = sorted F* at 1-based index ceil(level * B); ``standard`` uses p = share of F*
at least F and linearly interpolated quantiles.
"""

from __future__ import annotations

import sys

import numpy as np
from tqdm import tqdm

from gvcpanel.errors import DataError

from .search import GridProjection
from .sequence import sequential, ssr_pair

KINDS = ("firm_block", "wild_rademacher", "wild_mammen")
LEVELS = (0.90, 0.95, 0.99)
GOLDEN = np.sqrt(5.0)


def draw_errors(
    resid: np.ndarray,
    entity: np.ndarray,
    n_entities: int,
    kind: str,
    reps: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """(reps x obs) bootstrap errors from the null residuals (transformed, entity-sorted)."""
    if kind == "firm_block":
        blocks = resid.reshape(n_entities, -1)
        draws = rng.integers(0, n_entities, size=(reps, n_entities))
        return blocks[draws].reshape(reps, -1)
    if kind == "wild_rademacher":
        v = rng.choice(np.array([-1.0, 1.0]), size=(reps, n_entities))
    elif kind == "wild_mammen":
        lo, hi = -(GOLDEN - 1) / 2, (GOLDEN + 1) / 2
        v = np.where(rng.random((reps, n_entities)) < (GOLDEN + 1) / (2 * GOLDEN), lo, hi)
    else:
        raise ValueError(f"bootstrap must be one of {KINDS}, got {kind!r}")
    return v[:, entity] * resid[None, :]


def check_kind(proj: GridProjection, kind: str) -> None:
    """Firm blocks need equal-length blocks on a common set of periods."""
    if kind not in KINDS:
        raise ValueError(f"bootstrap must be one of {KINDS}, got {kind!r}")
    d = proj.design
    if kind == "firm_block" and not (d.counts == len(d.time_labels)).all():
        short = d.entity_labels[d.counts != len(d.time_labels)]
        raise DataError(
            d.source,
            "balanced panel (firm-block bootstrap)",
            list(short),
            "use bootstrap='wild_rademacher' or 'wild_mammen' on unbalanced panels",
        )


def bootstrap_f(
    proj: GridProjection,
    null_fixed: np.ndarray,
    k: int,
    kind: str,
    reps: int,
    rng: np.random.Generator,
    trims: tuple[float, ...],
    qn: int,
    chunk: int = 500,
    progress: bool | None = None,
) -> np.ndarray:
    """Bootstrap F*_k (length ``reps``) under the null of k-1 thresholds at ``null_fixed``."""
    resid = proj.residuals(null_fixed)
    fitted = proj.e0 - resid
    d = proj.design
    out = np.empty(reps)
    show = sys.stderr.isatty() if progress is None else progress
    starts = range(0, reps, chunk)
    for s in tqdm(starts, desc=f"bootstrap F{k}", disable=not show, file=sys.stderr):
        nb = min(chunk, reps - s)
        errors = draw_errors(resid, d.entity_used, d.n_entities, kind, nb, rng)
        b, ee = proj.draws(fitted, errors)
        seq = sequential(proj, b, ee, k, trims, qn)
        s_null, s_alt = ssr_pair(seq, k)
        stat = (s_null - s_alt) / (s_alt / d.df_sigma)
        out[s : s + nb] = np.where(np.isfinite(stat), stat, 0.0)
    return out


def p_value(stats: np.ndarray, f: float, conventions: str) -> float:
    """Share of bootstrap statistics above the sample F (strictly, under ``hansen``)."""
    if conventions == "hansen":
        return float(np.mean(stats > f))
    return float(np.mean(stats >= f))


def critical_values(stats: np.ndarray, conventions: str) -> list[float]:
    """10%, 5%, 1% critical values of the bootstrap distribution."""
    if conventions == "hansen":
        srt = np.sort(stats)
        return [float(srt[int(np.ceil(lev * len(stats))) - 1]) for lev in LEVELS]
    return [float(v) for v in np.quantile(stats, LEVELS)]
