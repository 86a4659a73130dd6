"""Rule adapter: write the synthetic ASIF-style firm panel and its companion files."""

from pathlib import Path

from gvcpanel.logs import DETAIL, rule_logging
from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    paths = write_firm_raw(
        FirmDGP().scaled(sm.params.scale), sm.params.seed, Path(sm.output.firms).parent
    )
    log.info("synthetic firm panel: %d files in %s", len(paths), Path(sm.output.firms).parent)
    log.info("written: %s", ", ".join(str(p) for p in paths.values()), extra=DETAIL)
