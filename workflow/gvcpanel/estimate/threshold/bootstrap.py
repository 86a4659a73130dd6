"""Bootstrap distribution of the threshold F statistics (Hansen 1999, sec. 3.2 and 5).

For the test of k-1 against k thresholds the null model is the fitted (k-1)-threshold model. Each
replication draws y* = fitted + e* in transformed units and re-estimates all thresholds
sequentially from scratch (stage 1, stage 2 | stage 1, refinement, stage 3), then computes
F*_k = (S*_{k-1} - S*_k) / (S*_k / df). Per block of replications the stage-1 search is the bin
sums of the projected draws (``search``, eq. S2), later stages are Gram-matrix algebra.

Random stream and blocks. The draws of a test come from one generator in calls of ``n_draw`` =
min(chunk, block // entities) replications (all replications in one call for small panels); the
replications of each call are computed in blocks of min(n_draw, block // obs). Sharding
(``shard = (s, S)``) gives shard s the contiguous blocks floor(s nb / S) .. floor((s+1) nb / S) - 1
of the nb blocks; every shard consumes the test's whole stream, so each replication sees the same
draws and is computed in the same block for any S, and the F* concatenated over shards 0..S-1
(``merge_shards``) are identical to an unsharded run.

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
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from gvcpanel.errors import DataError

from .search import GridProjection
from .sequence import sequential, ssr_pair

KINDS = ("firm_block", "wild_rademacher", "wild_mammen")
LEVELS = (0.90, 0.95, 0.99)
GOLDEN = np.sqrt(5.0)


def draw_weights(kind: str, n_entities: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    """(reps x entities) draws: entity indices (``firm_block``) or entity weights v_i (wild)."""
    if kind == "firm_block":
        return rng.integers(0, n_entities, size=(reps, n_entities))
    if kind == "wild_rademacher":
        return rng.choice(np.array([-1.0, 1.0]), size=(reps, n_entities))
    if kind == "wild_mammen":
        lo, hi = -(GOLDEN - 1) / 2, (GOLDEN + 1) / 2
        return np.where(rng.random((reps, n_entities)) < (GOLDEN + 1) / (2 * GOLDEN), lo, hi)
    raise ValueError(f"bootstrap must be one of {KINDS}, got {kind!r}")


def errors_from(draws: np.ndarray, resid: np.ndarray, entity: np.ndarray, kind: str) -> np.ndarray:
    """(reps x obs) bootstrap errors from ``draw_weights`` and the entity-sorted null residuals."""
    if kind == "firm_block":
        return resid.reshape(draws.shape[1], -1)[draws].reshape(len(draws), -1)
    return draws[:, entity] * resid[None, :]


def draw_errors(
    resid: np.ndarray,
    entity: np.ndarray,
    n_entities: int,
    kind: str,
    reps: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """(reps x obs) bootstrap errors from the null residuals (transformed, entity-sorted)."""
    return errors_from(draw_weights(kind, n_entities, reps, rng), resid, entity, kind)


def rep_blocks(reps: int, n_draw: int, rows: int) -> list[tuple[int, int]]:
    """Replication blocks [start, stop): calls of ``n_draw`` split into blocks of ``rows``."""
    out = []
    for start in range(0, reps, n_draw):
        stop = min(start + n_draw, reps)
        out += [(a, min(a + rows, stop)) for a in range(start, stop, rows)]
    return out


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
    shard: tuple[int, int] = (0, 1),
) -> np.ndarray:
    """Bootstrap F*_k under the null of k-1 thresholds at ``null_fixed``: all ``reps``
    replications, or the contiguous run of them that belongs to ``shard`` = (s, S)."""
    s, n_shards = shard
    if not 0 <= s < n_shards:
        raise ValueError(f"shard must satisfy 0 <= s < S, got {shard}")
    resid = proj.residuals(null_fixed)
    fitted = proj.e0 - resid
    d = proj.design
    n_draw = max(1, min(chunk, proj.block // d.n_entities))
    blocks = rep_blocks(reps, n_draw, max(1, min(n_draw, proj.block // len(d.q))))
    mine = blocks[s * len(blocks) // n_shards : (s + 1) * len(blocks) // n_shards]
    lo = mine[0][0] if mine else 0
    out = np.empty(mine[-1][1] - lo if mine else 0)
    bar = _progress_bar(len(mine), f"bootstrap F{k}", progress)
    for start in range(0, reps, n_draw):
        draws = draw_weights(kind, d.n_entities, min(n_draw, reps - start), rng)
        for a, b in (blk for blk in mine if start <= blk[0] < start + n_draw):
            errors = errors_from(draws[a - start : b - start], resid, d.entity_used, kind)
            bs, ee = proj.draws(fitted, errors)
            seq = sequential(proj, bs, ee, k, trims, qn)
            s_null, s_alt = ssr_pair(seq, k)
            stat = (s_null - s_alt) / (s_alt / d.df_sigma)
            out[a - lo : b - lo] = np.where(np.isfinite(stat), stat, 0.0)
            bar.update()
    bar.close()
    return out


class _NoBar:
    """What the loop above calls on a progress bar, doing nothing."""

    def update(self) -> None:
        return None

    def close(self) -> None:
        return None


def _progress_bar(total: int, desc: str, progress: bool | None) -> Any:
    """A tqdm bar on standard error when ``progress`` (None: when it is a terminal), else one
    that shows nothing (tqdm is then not imported)."""
    if not (sys.stderr.isatty() if progress is None else progress):
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, file=sys.stderr)


def merge_shards(parts: Sequence[Mapping[int, np.ndarray]]) -> dict[int, np.ndarray]:
    """F*_k of all replications: each test's shard arrays concatenated in shard order 0..S-1."""
    return {k: np.concatenate([np.asarray(p[k], dtype=float) for p in parts]) for k in parts[0]}


def shard_record(stats: Mapping[int, np.ndarray], shard: int, shards: int) -> dict[str, Any]:
    """JSON-ready record of one shard's F*_k (floats round-trip exactly through JSON)."""
    return {
        "shard": int(shard),
        "shards": int(shards),
        "stats": {str(k): [float(v) for v in f] for k, f in stats.items()},
    }


def merge_records(records: Sequence[Mapping[str, Any]]) -> dict[int, np.ndarray]:
    """``merge_shards`` of ``shard_record`` outputs given in any order; all S shards required."""
    by_shard = {int(r["shard"]): r for r in records}
    n_shards = {int(r["shards"]) for r in records}
    if len(n_shards) != 1 or sorted(by_shard) != list(range(n_shards.pop())):
        raise ValueError(f"need shards 0..S-1 of one split, got {sorted(by_shard)}")
    return merge_shards(
        [{int(k): v for k, v in by_shard[s]["stats"].items()} for s in sorted(by_shard)]
    )


def p_value(stats: np.ndarray, f: float, conventions: str) -> float:
    """Share of bootstrap statistics above the sample F (strictly, under ``hansen``)."""
    if conventions == "hansen":
        return float(np.mean(stats > f))
    return float(np.mean(stats >= f))


def critical_values(stats: np.ndarray, conventions: str) -> tuple[float, float, float]:
    """10%, 5%, 1% critical values of the bootstrap distribution."""
    if conventions == "hansen":
        srt = np.sort(stats)
        c10, c5, c1 = (srt[int(np.ceil(lev * len(stats))) - 1] for lev in LEVELS)
    else:
        c10, c5, c1 = np.quantile(stats, LEVELS)
    return float(c10), float(c5), float(c1)
