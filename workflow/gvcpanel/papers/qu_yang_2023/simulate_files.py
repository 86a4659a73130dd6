"""The raw files of a synthetic country draw, in their publishers' layouts (SPEC §3.4).

UNCTAD-Eora's GVC accounts, OECD STAN and TiVA as SDMX-CSV, and the World Bank's WDI bulk layout
(byte for byte as each publisher distributes them), with the truth table and the DGP beside them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from gvcpanel.io import format_float, json_text, write_text
from gvcpanel.papers.qu_yang_2023.simulate import CountryDraw

SYNTHETIC_VINTAGE = "2023-01-04"
SYNTH_MARK = "SYNTH"
WDI_FIRST_YEAR = 1960
WDI_LAST_YEAR = 2023


def _csv_text(rows: Sequence[Sequence[str]], quote_all: bool = False, eol: str = "\n") -> str:
    buf = io.StringIO()
    writer = csv.writer(
        buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=eol
    )
    writer.writerows(rows)
    return buf.getvalue()


def _eora_text(draw: CountryDraw) -> str:
    tr = draw.truth
    rows = [["Country", "ISO3", "Year", "Exports", "DVA", "FVA", "DVX"]]
    for rec in tr.itertuples(index=False):
        rows.append(
            [
                draw.names[rec.iso3],
                rec.iso3,
                str(rec.year),
                format_float(rec.exports),
                format_float(rec.dva),
                format_float(rec.fva),
                format_float(rec.dvx),
            ]
        )
    return _csv_text(rows)


SDMX_COLUMNS = (
    "STRUCTURE",
    "STRUCTURE_ID",
    "ACTION",
    "REF_AREA",
    "ACTIVITY",
    "MEASURE",
    "UNIT_MEASURE",
    "UNIT_MULT",
    "TIME_PERIOD",
    "OBS_VALUE",
    "OBS_STATUS",
)
STAN_MEASURES = {"PROD": "output", "VALU": "value_added", "INTI": "intermediate_inputs"}
TIVA_MEASURES = {
    "EXGR": "mfg_exports",
    "IMGR": "mfg_imports",
    "IMGR_FNL": "final_imports",
    "IMGR_INT": "intermediate_imports",
}
STAN_STRUCTURE_ID = f"OECD.STI.PIE:DSD_STAN@DF_STAN_{SYNTH_MARK},1.0"
TIVA_STRUCTURE_ID = f"OECD.STI.PIE:DSD_TIVA@DF_TIVA_{SYNTH_MARK},1.0"


def _sdmx_text(draw: CountryDraw, structure_id: str, measures: dict[str, str]) -> str:
    rows = [list(SDMX_COLUMNS)]
    for rec in draw.truth.itertuples(index=False):
        for code, col in measures.items():
            rows.append(
                [
                    "DATAFLOW",
                    structure_id,
                    "I",
                    rec.iso3,
                    "C",
                    code,
                    "USD",
                    "6",
                    str(rec.year),
                    format_float(getattr(rec, col)),
                    "A",
                ]
            )
    return _csv_text(rows)


WDI_INDICATORS = {
    "NY.GDP.MKTP.KD.ZG": ("GDP growth (annual %)", "gdp_growth"),
    "NY.GDP.PCAP.CD": ("GDP per capita (current US$)", "gdp_per_capita"),
    "SP.POP.TOTL": ("Population, total", "population"),
}


def _wdi_text(draw: CountryDraw, code: str) -> str:
    """WDI bulk layout: BOM, 4 preamble lines, CRLF, all fields quoted, trailing comma."""
    label, col = WDI_INDICATORS[code]
    last = max(WDI_LAST_YEAR, max(draw.years))
    all_years = list(range(min(WDI_FIRST_YEAR, min(draw.years)), last + 1))
    wide = draw.truth.pivot(index="iso3", columns="year", values=col)
    series: list[tuple[str, str, pd.Series]] = [(draw.names[c], c, wide.loc[c]) for c in draw.names]
    if code == "NY.GDP.MKTP.KD.ZG":
        series.append(("World", "WLD", draw.world.set_index("year")["world_gdp_growth"]))

    def cell(values: pd.Series, year: int) -> str:
        if year not in values.index:
            return ""
        v = float(values.loc[year])
        return str(int(v)) if col == "population" else format_float(v)

    header = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    rows = [header + [str(y) for y in all_years]]
    for name, iso3, values in series:
        rows.append([name, iso3, label, code, *(cell(values, y) for y in all_years)])
    body = _csv_text(rows, quote_all=True, eol=",\r\n")
    preamble = (
        f'"Data Source","gvcpanel synthetic data (seed {draw.seed})",\r\n\r\n'
        f'"Last Updated Date","{SYNTHETIC_VINTAGE}",\r\n\r\n'
    )
    return "\ufeff" + preamble + body


def _dgp_json(draw: CountryDraw) -> dict:
    return {
        "synthetic": True,
        "description": "gvcpanel synthetic country panel (Qu & Yang 2023 DGP); not real data",
        "seed": draw.seed,
        "countries": draw.names,
        "years": list(draw.years),
        "parameters": asdict(draw.dgp),
        "true_slopes": draw.dgp.slopes(),
        "standardisation": "z(x) = (x - mean) / sd, ddof = 1, over all drawn country-years",
        "moments": draw.moments,
        "kappa": draw.kappa,
    }


def write_country_raw(draw: CountryDraw, outdir: str | Path) -> dict[str, Path]:
    """Write the raw inputs of ``draw`` in their publishers' layouts (atomically) into ``outdir``.

    Returns {file name: path} for unctad_eora_gvc.csv, oecd_stan_industry.csv,
    oecd_tiva_industry.csv, the WDI bulk-layout files wdi_NY.GDP.MKTP.KD.ZG_synthetic.csv,
    wdi_NY.GDP.PCAP.CD_synthetic.csv and wdi_SP.POP.TOTL_synthetic.csv, truth.csv and dgp.json.
    Floats are written to 12 significant digits (``gvcpanel.io.format_float``), the same in
    every file, so the components read back equal across files and across library builds.
    """
    outdir = Path(outdir)
    texts = {
        "unctad_eora_gvc.csv": _eora_text(draw),
        "oecd_stan_industry.csv": _sdmx_text(draw, STAN_STRUCTURE_ID, STAN_MEASURES),
        "oecd_tiva_industry.csv": _sdmx_text(draw, TIVA_STRUCTURE_ID, TIVA_MEASURES),
    }
    for code in WDI_INDICATORS:
        texts[f"wdi_{code}_synthetic.csv"] = _wdi_text(draw, code)
    truth_rows = [list(draw.truth.columns)]
    for rec in draw.truth.itertuples(index=False):
        truth_rows.append([rec[0], str(rec[1]), *(format_float(v) for v in rec[2:])])
    texts["truth.csv"] = _csv_text(truth_rows)
    texts["dgp.json"] = json_text(_dgp_json(draw))
    paths = {}
    for name, text in texts.items():
        paths[name] = outdir / name
        write_text(paths[name], text)
    return paths
