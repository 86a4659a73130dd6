"""Rule adapter: Qu & Yang Table 5 (sector ratios, US and China) and its paper-vs-run version,
in every configured format."""

from pathlib import Path

from gvcpanel.io import write_csv
from gvcpanel.logs import rule_logging
from gvcpanel.papers.qu_yang_2023.tables_4_5 import (
    TABLE5_COUNTRIES,
    table5,
    table5_source,
    table5_vs_paper,
)
from gvcpanel.report.table import write
from gvcpanel.sources.sector_costs import (
    read_sector_costs,
    read_wiod_sea,
    sea_labour,
    sector_ratios,
)

sm = snakemake  # noqa: F821  (injected by Snakemake)
year = sm.params.year
source = table5_source(sm.params.spec, sm.params.seed)

with rule_logging(sm) as log:
    costs = read_sector_costs(sm.input.costs, sm.params.failures) if sm.input.costs else None
    labour = None
    if sm.input.sea:
        sea = read_wiod_sea(sm.input.sea, sm.params.failures)
        labour = sea_labour(sea, year, list(TABLE5_COUNTRIES))
        log.info("labour input-output ratios from the WIOD SEA: %s", sm.input.sea)
    ratios = sector_ratios(costs, labour)
    write_csv(sm.output.ratios, ratios, float_format="%.10g")
    for stem, table in {
        "table5": table5(ratios, source, year),
        "table5_vs_paper": table5_vs_paper(ratios, source),
    }.items():
        write(table, Path(sm.output[f"{stem}_tex"]).with_suffix(""), sm.params.formats)
