# GVC decompositions of gross exports (ICIO route): the Leontief, KWW or WWZ decomposition of
# each year's input-output table (gvcpanel.construct.decompose), one job per method and year,
# in the layout of `gvcpanel decompose`. Every year of the panel gets the methods listed in
# country_panel.icio.decompositions; the KWW terms of other years are made when a rule reads them
# (the GVCP measures kww* of the country panel and of the specification curve).
# The decomposition `method` of the table of `year`, in the work area
decomposition = lambda method, year: f"{W}/decompositions/{method}_{year}.parquet"
DECOMPOSITIONS = []

if PANEL["route"] == "icio":
    from gvcpanel.construct.decompose import METHODS

    DECOMPOSITIONS = [decomposition(m, y) for m in ICIO["decompositions"] for y in YEARS]

    rule icio_decomposition:
        input:
            table=lambda w: ICIO["path"].format(year=w.year),
        output:
            table=decomposition("{method}", "{year}"),
        log:
            logs("icio_decomposition", "{method}_{year}"),
        wildcard_constraints:
            method="|".join(METHODS),
            year=r"\d{4}",
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=4096,
            runtime=15,
        params:
            **runs("icio_decomposition"),
            adapter=ICIO["adapter"],
            strict=PANEL["strict_checksums"],
            registry="data/sources.csv",
        script:
            RULE_SCRIPT
