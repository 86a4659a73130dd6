"""Qu & Yang (2023) Tables 4 and 5 (section 6) and their "paper vs. this run" companions.

- Table 4: market shares and the global HHI of the world export markets of manufactured
  intermediate inputs and industrial finished goods, by year
  (:func:`gvcpanel.papers.qu_yang_2023.export_markets.concentration_table`).
- Table 5: labour and energy input-output ratios and the tax burden of four labour-intensive
  sectors, US and China (:func:`gvcpanel.sources.sector_costs.sector_ratios`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023 import STUDY
from gvcpanel.papers.qu_yang_2023.tables import MINUS
from gvcpanel.report.cells import EMPTY, Number, Text, tex
from gvcpanel.report.table import Body, Column, Layout, Spanner, Table, columns
from gvcpanel.sources.sector_costs import SECTORS

#: Table 4's single-country rows, in the paper's order.
TABLE4_COUNTRIES: dict[str, str] = {
    "CHN": "China",
    "IND": "India",
    "MEX": "Mexico",
    "VNM": "Vietnam",
}
MARKET_TITLES = {
    "intermediate": "Share in the intermediate input market",
    "final": "Share in the industrial finished goods market",
}
REGION_NAMES = {"ROW": "Rest of the world (one region of the table)"}
TABLE5_MEASURES = {
    "labour": (("Labour", "ratio"), 2),
    "energy": (("Energy", "ratio"), 2),
    "tax": (("Tax", "burden"), 4),
}
TABLE5_COUNTRIES = {"USA": "US", "CHN": "China"}
MISSING = "n.a."
VS_COLUMNS = ("paper", "run", "diff.")
#: What each ICIO adapter reads, for the data notes.
ICIO_RELEASES = {
    "wiod2013": "WIOD 2013 release world input-output tables (Timmer et al. 2015)",
    "oecd_icio": "OECD inter-country input-output tables",
}


def _pct(x: float | None, digits: int = 2) -> Number | Text:
    """A share as percent with ``digits`` decimals; ``n.a.`` when missing."""
    if x is None or math.isnan(x):
        return Text(MISSING)
    return Number(100 * x, digits)


def _study(paper: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return published.load(STUDY) if paper is None else paper


def _table4_rows(conc: pd.DataFrame) -> list[tuple[str, str]]:
    """(column of ``conc``, label) in the paper's order, then the aggregate regions."""
    regions = [c for c in conc.columns if c in REGION_NAMES]
    return [
        ("hhi", "Global HHI"),
        *((c, name) for c, name in TABLE4_COUNTRIES.items()),
        ("other_emerging", "Other emerging economies combined"),
        *((r, REGION_NAMES[r]) for r in regions),
    ]


def _absent(conc: pd.DataFrame) -> list[str]:
    return [name for c, name in TABLE4_COUNTRIES.items() if conc[c].isna().all()]


def _table4_notes(conc: pd.DataFrame, emerging: Sequence[str], source: str) -> list[Text]:
    other = [c for c in emerging if c not in TABLE4_COUNTRIES]
    hhi = tex(r"$\sum_s \sigma_s^2$", "Σₛ σₛ²")
    notes = [
        Text(
            "Market share = a country's exports in the market / world exports in the market,"
            " percent. Intermediate input market: manufactured intermediate inputs sold to any"
            " industry of another country; industrial finished goods market: manufactured goods"
            " sold to the final demand of another country; world = every origin of the"
            " input-output table, the rest of the world included."
        ),
        "Global HHI = " + hhi + " over the single countries of the table, percent; the"
        " rest-of-the-world region is not one supplier and is left out of the sum (the HHI is a"
        " lower bound).",
        Text(f"Other emerging economies: {', '.join(other) or 'none'}."),
    ]  # fmt: skip
    absent = _absent(conc)
    if absent:
        notes.append(
            Text(
                f"{', '.join(absent)}: not a separate country of the input-output table"
                f" (part of its rest-of-the-world region), hence {MISSING}"
            )
        )
    notes.append(Text(f"Data: {source}."))
    return notes


def table4_source(adapter: str, manufacturing: Sequence[str]) -> str:
    """The data note of Table 4: the input-output release and the manufacturing industries."""
    release = ICIO_RELEASES.get(adapter, f"input-output tables ({adapter} adapter)")
    return f"{release}; manufacturing = industries {', '.join(manufacturing)}"


def table4(conc: pd.DataFrame, emerging: Sequence[str], source: str) -> Table:
    """Table 4: market shares and global HHI by year (percent), one block per market."""
    years = sorted(conc.index.get_level_values("year").unique())
    body = Body()
    for i, (market, title) in enumerate(MARKET_TITLES.items()):
        if i:
            body.rule()
        body.add(Text(title, italic=True), *[EMPTY] * len(years))
        block = conc.xs(market, level="market")
        for col, label in _table4_rows(conc):
            body.add(label, *(_pct(block.at[y, col]) for y in years))
    return Table(
        title="Market trends of global intermediate inputs and industrial finished goods",
        columns=columns(["Year", *(str(y) for y in years)]),
        blocks=body.blocks,
        notes=_table4_notes(conc, emerging, source),
        number="4",
        label=f"tab:{STUDY}_table4",
        layout=Layout(latex_number=False),
    )


def _vs_columns(
    first: Sequence[Column | str], groups: Sequence[tuple[str, ...]], heads: Sequence[str]
) -> tuple[list[Column], list[Spanner]]:
    """``first`` columns, then per group label its columns ``heads`` under one spanner."""
    cols = [c if isinstance(c, Column) else Column(c, "l") for c in first]
    spanners = []
    for label in groups:
        spanners.append(Spanner(label, len(cols), len(cols) + len(heads)))
        cols += [Column(h) for h in heads]
    return cols, spanners


def table4_vs_paper(
    conc: pd.DataFrame, emerging: Sequence[str], source: str, paper: Mapping[str, Any] | None = None
) -> Table:
    """Table 4 of the paper beside this run for the years both cover (percent; difference = this
    run − paper in percentage points)."""
    pub = _study(paper)["table4"]
    years = [y for y in pub["years"] if y in set(conc.index.get_level_values("year"))]
    keys = [("hhi", "Global HHI"), *TABLE4_COUNTRIES.items()]
    keys.append(("other_emerging", "Other emerging economies combined"))
    body = Body()
    for i, (col, label) in enumerate(keys):
        if i:
            body.rule()
        for j, year in enumerate(years):
            cells: list[Number | Text | str] = [label if j == 0 else "", str(year)]
            for market in MARKET_TITLES:
                p = pub[market][col][pub["years"].index(year)]
                ours = 100 * conc.at[(market, year), col]
                cells += [Number(p, 2), _pct(ours / 100), _diff(ours, p)]
            body.add(*cells)
    notes = [
        "Paper: Table 4 as published (trade data; source not named in the paper); this run:"
        " the input-output tables named below. Interm.: intermediate input market; Final:"
        " industrial finished goods market. Percent; diff. = this run " + MINUS + " paper,"
        " percentage points. Differences reflect the source (trade statistics against the"
        " exports of an input-output table) and the country coverage: the paper does not list"
        " its other emerging economies, and the countries an input-output table does not"
        " separate are inside its rest-of-the-world region.",
        *(
            _table4_notes(conc, emerging, source)
            if years
            else [Text(f"No year of the paper's table is covered. Data: {source}.")]
        ),
    ]  # fmt: skip
    cols, spanners = _vs_columns(
        [Column("Row", "l", width="2.6cm"), "Year"], [("Interm.",), ("Final",)], VS_COLUMNS
    )
    return Table(
        title="Paper vs. this run",
        columns=cols,
        spanners=spanners,
        blocks=body.blocks,
        notes=notes,
        number="4",
        label=f"tab:{STUDY}_table4_vs_paper",
    )


def _diff(ours: float, paper: float) -> Number | Text:
    return Text(MISSING) if math.isnan(ours) else Number(ours - paper, 2)


def _table5_columns() -> tuple[list[Column], list[Spanner]]:
    first = Column("Representative sectors", "l", width="4.6cm")
    titles = [title for title, _ in TABLE5_MEASURES.values()]
    return _vs_columns([first], titles, list(TABLE5_COUNTRIES.values()))


def _table5_cells(get: Any, sector: str) -> list[Number | Text]:
    cells: list[Number | Text] = []
    for measure, (_, digits) in TABLE5_MEASURES.items():
        for country in TABLE5_COUNTRIES:
            value = get(measure, sector, country)
            missing = value is None or math.isnan(value)
            cells.append(Text(MISSING) if missing else Number(value, digits))
    return cells


def _ratio_getter(ratios: pd.DataFrame, year: int) -> Any:
    d = ratios[ratios["year"] == year].set_index(["sector", "country"])

    def get(measure: str, sector: str, country: str) -> float | None:
        key = (sector, country)
        return float(d.at[key, measure]) if key in d.index else None

    return get


def _table5_notes(year: int, source: str) -> list[Text]:
    return [
        Text(
            f"Year {year}. Labour ratio: labour input-output ratio = sectoral value added / labour"
            " cost; energy ratio: energy input-output ratio = value added / cost of energy"
            " consumption; tax burden ratio = taxes / value added. Higher labour and energy"
            f" ratios and a lower tax burden mean higher competitiveness; {MISSING} = input not"
            " supplied."
        ),
        Text(f"Data: {source}."),
    ]


def table5_source(spec: Mapping[str, Any], seed: int) -> str:
    """The data note of Table 5 from its configuration (``qu_yang_2023.table5``)."""
    if spec["source"] == "simulate":
        return f"gvcpanel synthetic sector costs (seed {seed}), centred on the published values"
    parts = [f"sector costs: {spec['costs']}"] if spec.get("costs") else []
    if spec.get("sea"):
        parts.append(f"labour ratio: WIOD Socio-Economic Accounts, {spec['sea']}")
    return "; ".join(parts)


def table5(ratios: pd.DataFrame, source: str, year: int = 2014) -> Table:
    """Table 5: the three ratios of the four labour-intensive sectors, US and China."""
    cols, spanners = _table5_columns()
    get = _ratio_getter(ratios, year)
    body = Body()
    for sector, name in SECTORS.items():
        body.add(name, *_table5_cells(get, sector))
    title = tex("``labor-intensive''", "“labor-intensive”")
    return Table(
        title="China and US's competitiveness for representative " + title + " sectors",
        columns=cols,
        spanners=spanners,
        blocks=body.blocks,
        notes=_table5_notes(year, source),
        number="5",
        label=f"tab:{STUDY}_table5",
        layout=Layout(latex_number=False),
    )


def table5_vs_paper(
    ratios: pd.DataFrame, source: str, paper: Mapping[str, Any] | None = None
) -> Table:
    """Table 5 of the paper beside this run: per sector the published row, then this run's."""
    pub = _study(paper)["table5"]
    cols, spanners = _table5_columns()
    ours = _ratio_getter(ratios, pub["year"])

    def paper_get(measure: str, sector: str, country: str) -> float:
        return pub[measure][sector][country]

    body = Body()
    for i, (sector, name) in enumerate(SECTORS.items()):
        if i:
            body.rule()
        body.add(f"{name} (paper)", *_table5_cells(paper_get, sector))
        body.add(tex(r"\quad this run", "\u2003this run"), *_table5_cells(ours, sector))
    notes = [
        Text(
            f"Paper: Table 5 as published ({pub['year']} national statistics of China and the"
            " US; China's tax burden includes export tax rebates); this run: the inputs below."
        ),
        *_table5_notes(pub["year"], source),
    ]
    return Table(
        title="Paper vs. this run",
        columns=cols,
        spanners=spanners,
        blocks=body.blocks,
        notes=notes,
        number="5",
        label=f"tab:{STUDY}_table5_vs_paper",
    )
