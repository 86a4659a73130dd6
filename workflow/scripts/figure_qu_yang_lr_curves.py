"""Rule adapter: LR(γ) curves of the single-threshold models of eqs (19) and (20)."""

from pathlib import Path

import pandas as pd

from gvcpanel.estimate.tidy import Estimates
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.lr_figures import lr_curve_figure

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    curves = {}
    for csv, est_path in zip(sm.input.curves, sm.input.estimates, strict=True):
        curve, est = pd.read_csv(csv), Estimates.read(est_path)
        curves[Path(est_path).stem] = {
            "gamma": curve["threshold"].tolist(),
            "lr": curve["lr"].tolist(),
            "threshold": est.extra["thresholds"][0],
        }
    lr_curve_figure(curves, sm.output.png, sm.output.pdf)
