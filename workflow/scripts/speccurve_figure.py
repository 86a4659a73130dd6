"""Rule adapter: every specification's rows → curve figure, moves-most table, replication.md."""

from pathlib import Path

import pandas as pd

from gvcpanel.estimate.covariance import Clustered
from gvcpanel.io import atomic_path, write_csv
from gvcpanel.logs import rule_logging
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023.agreement import paper_significance
from gvcpanel.papers.qu_yang_2023.speccurve_report import (
    draw_curve,
    moves_most,
    paper_values,
    replication_markdown,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm):
    rows = pd.concat([pd.read_csv(p) for p in sm.input.rows], ignore_index=True)
    reference = published.load("qu_yang_2023")
    paper = paper_values(reference)
    significance = paper_significance(reference)
    moved = moves_most(rows)
    fig = draw_curve(rows, paper)
    fig.savefig(sm.output.png, dpi=130, metadata={"Software": None})
    write_csv(sm.output.estimates, rows)
    write_csv(sm.output.moves, moved)
    convention = Clustered(convention=sm.params.inference).describe()
    ci_note = (
        "95% CIs of the slopes: SEs clustered by country, "
        f"{convention}; the threshold's interval inverts the LR statistic, "
        "its p value is from the bootstrap set by speccurve.bootstrap."
    )
    compared = {k: (v, significance[k]) for k, v in paper.items()}
    text = replication_markdown(rows, moved, compared, sm.params.specs, ci_note=ci_note)
    with atomic_path(sm.output.report) as tmp:
        Path(tmp).write_text(text)
