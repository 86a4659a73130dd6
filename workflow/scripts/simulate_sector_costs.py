"""Rule adapter: synthetic sector costs (Qu & Yang Table 5 layout) and their true ratios."""

from pathlib import Path

from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.simulate_sector_costs import (
    simulate_sector_costs,
    write_sector_costs,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    costs, truth = simulate_sector_costs(sm.params.seed, year=sm.params.year)
    write_sector_costs(costs, truth, Path(sm.output.costs), Path(sm.output.dgp))
    log.info("synthetic sector costs: %d rows", len(costs))
