"""Monte Carlo size of the wild cluster bootstrap test of no threshold (F1) at the 5% level.

Data: ``simulate_threshold_panel`` with equal slopes in both regimes (no threshold effect),
heteroskedastic errors (scale varying with r and by entity), unbalanced panel (share ``--missing``
of observations dropped), entity and time effects; standard conventions with time effects.
Reports the rejection rate at 5% (and 10%) with its binomial standard error; the target is
[2%, 9%] at 5%.

    python benchmarks/mc_threshold_size.py --draws 200 --reps 199
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.simulate.threshold_panel import simulate_threshold_panel


def one_draw(draw: int, args: argparse.Namespace) -> float:
    df = simulate_threshold_panel(
        args.entities,
        args.periods,
        (0.5,),
        np.array([[1.0], [1.0]]),
        missing=args.missing,
        heteroskedastic=True,
        seed=10_000 + draw,
    )
    model = ThresholdPanel(
        df,
        y="y",
        x=["x"],
        regime_x=["r1"],
        q="q",
        entity="entity",
        time="time",
        time_effects=True,
        grid=args.grid,
        trim=(args.trim,) * 3,
    )
    return (
        model.fit(1, bootstrap=args.bootstrap, reps=args.reps, seed=draw, progress=False).tests[0].p
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--draws", type=int, default=200)
    p.add_argument("--reps", type=int, default=199)
    p.add_argument("--entities", type=int, default=100)
    p.add_argument("--periods", type=int, default=8)
    p.add_argument("--missing", type=float, default=0.2)
    p.add_argument("--grid", type=int, default=100)
    p.add_argument("--trim", type=float, default=0.1)
    p.add_argument("--bootstrap", default="wild_rademacher")
    args = p.parse_args()
    t0 = time.perf_counter()
    pvals = np.array([one_draw(d, args) for d in range(args.draws)])
    for level in (0.05, 0.10):
        rate = float(np.mean(pvals <= level))
        se = np.sqrt(rate * (1 - rate) / args.draws)
        print(f"rejection rate at {level:.0%}: {rate:.3f} (MC s.e. {se:.3f})")
    print(
        f"{args.draws} draws x {args.reps} {args.bootstrap} reps; "
        f"{args.entities} entities x {args.periods} periods, {args.missing:.0%} missing; "
        f"mean p = {pvals.mean():.3f}; {time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
