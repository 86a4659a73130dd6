"""Qu & Yang (2023) Tables 4–5 (LaTeX, paper vs. run), Figures 1–2 and the master document.

The published Table 4 and 5 values in ``papers/qu_yang_2023/published.json`` are checked against
the paper's text (../shared/seeds) where it is present.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SHARED
from html_table import parse_page

from gvcpanel.errors import DataError
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023.figures import country_means, qy_figure1, qy_figure2
from gvcpanel.papers.qu_yang_2023.tables_4_5 import (
    table4,
    table4_source,
    table4_vs_paper,
    table5,
    table5_source,
    table5_vs_paper,
)
from gvcpanel.report.master import compile_pdf, write_master

PAPER = SHARED / "seeds" / "000_584fa2df9655eb41.txt"
EMERGING = ["CHN", "IND", "MEX", "BRA", "TUR"]
SOURCE = table4_source("wiod2013", ["c3", "c4"])


def conc_frame() -> pd.DataFrame:
    """Table 4 rows for 1995, 1997, 2009 (fractions); China's 2009 final share = paper + 1 pp."""
    rows = {}
    for market in ("intermediate", "final"):
        for year in (1995, 1997, 2009):
            rows[(market, year)] = {
                "CHN": 0.1794 if (market, year) == ("final", 2009) else 0.05,
                "IND": 0.01,
                "MEX": 0.02,
                "VNM": np.nan,
                "other_emerging": 0.06,
                "ROW": 0.12,
                "hhi": 0.055,
            }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index = pd.MultiIndex.from_tuples(frame.index, names=["market", "year"])
    return frame


def ratio_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["USA", "CHN", "USA"],
            "year": 2014,
            "sector": ["food", "food", "textiles"],
            "labour": [3.5, 2.0, 1.5],
            "energy": [25.0, np.nan, 100.0],
            "tax": [0.07, 0.1, 0.02],
        }
    )


def _paper_rows(text: str, label: str) -> list[list[float]]:
    """Every tab-separated row of the paper whose first cell is ``label``, as percent numbers."""
    return [
        [float(v.rstrip("%")) for v in line.split("\t")[1:]]
        for line in text.splitlines()
        if line.split("\t")[0].strip() == label
    ]


def test_published_table4_and_5_match_the_paper_text():
    if not PAPER.is_file():
        pytest.skip(f"paper text not found at {PAPER}")
    text = PAPER.read_text(encoding="utf-8")
    pub = published.load("qu_yang_2023")
    t4 = pub["table4"]
    assert _paper_rows(text, "Year")[0] == t4["years"]
    for key, label in [
        ("hhi", "Global HHI"),
        ("CHN", "China"),
        ("IND", "India"),
        ("MEX", "Mexico"),
        ("VNM", "Vietnam"),
        ("other_emerging", "Other emerging economies combined"),
    ]:
        inter, final = _paper_rows(text, label)[:2]
        assert (inter, final) == (t4["intermediate"][key], t4["final"][key]), key
    t5 = pub["table5"]
    for sector, label in [
        ("food", "Food production"),
        ("printing", "Printing and reproduction of recording media"),
        ("furniture", "Furniture manufacturing"),
        ("textiles", "Textiles, apparels, footwear and hat manufacturing"),
    ]:
        (row,) = _paper_rows(text, label)
        expected = [t5[k][sector][c] for k in ("labour", "energy", "tax") for c in ("USA", "CHN")]
        assert row == expected, sector


def test_table4_layout_and_notes():
    tex = table4(conc_frame(), EMERGING, SOURCE).to_latex()
    assert r"Year & 1995 & 1997 & 2009 \\" in tex
    assert r"Vietnam & n.a. & n.a. & n.a. \\" in tex
    assert r"China & 5.00 & 5.00 & 5.00 \\" in tex  # intermediate block first
    assert r"China & 5.00 & 5.00 & 17.94 \\" in tex
    assert r"Global HHI & 5.50" in tex
    assert "Other emerging economies: BRA, TUR." in tex  # CHN, IND, MEX have their own rows
    assert "Vietnam: not a separate country" in tex
    assert "WIOD 2013 release" in tex and "c3, c4" in tex
    assert tex.count(r"\midrule") == 2


def test_table4_vs_paper_overlapping_years_and_differences():
    tex = table4_vs_paper(conc_frame(), EMERGING, SOURCE).to_latex()
    years = set(re.findall(r"& (\d{4}) &", tex))
    assert years == {"1997", "2009"}  # 1995 is not a column of the paper; 2013 not in the run
    # China 2009: intermediate paper 7.42 vs 5.00; finished goods paper 16.94 vs 17.94 (+1 pp)
    assert r" & 2009 & 7.42 & 5.00 & $-2.42$ & 16.94 & 17.94 & 1.00 \\" in tex
    assert r"Vietnam & 1997 & 0.05 & n.a. & n.a. & 0.12 & n.a. & n.a. \\" in tex


def test_table5_and_vs_paper():
    src = table5_source({"source": "files", "costs": "x/costs.csv", "sea": "x/sea.csv"}, 1)
    assert src == "sector costs: x/costs.csv; labour ratio: WIOD Socio-Economic Accounts, x/sea.csv"
    tex = table5(ratio_frame(), src).to_latex()
    assert r"Food production & 3.50 & 2.00 & 25.00 & n.a. & 0.0700 & 0.1000 \\" in tex
    assert r"Furniture manufacturing & n.a. & n.a. & n.a. & n.a. & n.a. & n.a. \\" in tex
    assert r"Textiles, apparels, footwear and hat manufacturing & 1.50 & n.a." in tex
    vs = table5_vs_paper(ratio_frame(), src).to_latex()
    assert r"Food production (paper) & 3.21 & 2.27 & 27.55 & 16.98 & 0.0707 & 0.1128 \\" in vs
    assert r"\quad this run & 3.50 & 2.00 & 25.00 & n.a. & 0.0700 & 0.1000 \\" in vs


def test_master_with_tables_4_5_and_a_skip_note_compiles(pdflatex, tmp_path):
    folder = tmp_path / "tables" / "qu_yang_2023"
    folder.mkdir(parents=True)
    texts = {
        "table4": table4(conc_frame(), EMERGING, SOURCE).to_latex(),
        "table4_vs_paper": table4_vs_paper(conc_frame(), EMERGING, SOURCE).to_latex(),
        "table5": table5(ratio_frame(), "synthetic").to_latex(),
        "table5_vs_paper": table5_vs_paper(ratio_frame(), "synthetic").to_latex(),
    }
    paths = []
    for name, text in texts.items():
        paths.append(folder / f"{name}.tex")
        paths[-1].write_text(text)
    out = tmp_path / "tables" / "tables.tex"
    write_master(paths, out, {"Table 9": "needs qu_yang_2023.x & y"})
    tex = out.read_text()
    assert re.findall(r"\\input\{([^}]*)\}", tex) == [f"qu_yang_2023/{n}.tex" for n in texts]
    assert r"\item Not built on this route: Table 9: needs qu\_yang\_2023.x \& y." in tex
    assert compile_pdf(out).read_bytes().startswith(b"%PDF")


def small_panel() -> pd.DataFrame:
    years = np.arange(2000, 2006)
    rows = []
    for i, iso3 in enumerate(["CHN", "USA", "DEU", "JPN"]):
        for t in years:
            rows.append((iso3, t, 0.4 + 0.05 * i, 0.5 + 0.1 * i, 0.6 + 0.05 * i, 0.3, 0.01 * t))
    return pd.DataFrame(rows, columns=["iso3", "year", "gvcp", "omega", "mu", "upsilon", "x"])


def test_figures_1_and_2(tmp_path):
    panel = small_panel()
    means = country_means(panel)
    assert means.loc["DEU", "omega"] == pytest.approx(0.7)  # constant over years: its value
    assert list(means.columns) == ["gvcp", "omega", "mu", "upsilon"]
    for paths in (qy_figure1(panel, tmp_path / "f1"), qy_figure2(panel, tmp_path / "f2")):
        assert [p.suffix for p in paths] == [".png", ".pdf"]
        assert all(p.stat().st_size > 1000 for p in paths)
    with pytest.raises(DataError, match="Figure 1 countries"):
        qy_figure1(panel[panel["iso3"] == "DEU"], tmp_path / "f1b")


def test_figures_are_byte_identical_on_rerun(tmp_path: Path):
    panel = small_panel()
    a = qy_figure2(panel, tmp_path / "a")
    b = qy_figure2(panel, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_tables_4_5_html_pages():
    """The HTML pages: market blocks headed in italics, the markets and the three ratios as
    headings spanning their columns, the LaTeX's numbers (minus as U+2212)."""
    t4 = parse_page(table4(conc_frame(), EMERGING, SOURCE).to_html())
    assert t4.caption.startswith("Table 4: Market trends")
    assert ["China", "5.00", "5.00", "17.94"] in [[c for c, _, _ in r] for r in t4.body]
    assert table4(conc_frame(), EMERGING, SOURCE).to_html().count("<i>Share in the") == 2
    vs = parse_page(table4_vs_paper(conc_frame(), EMERGING, SOURCE).to_html())
    assert vs.head[0][2:] == [("Interm.", "3", "1"), ("Final", "3", "1")]
    assert [c for c, _, _ in vs.head[1]] == ["paper", "run", "diff."] * 2
    assert ["", "2009", "7.42", "5.00", "\u22122.42", "16.94", "17.94", "1.00"] in [
        [c for c, _, _ in r] for r in vs.body
    ]
    t5 = parse_page(table5_vs_paper(ratio_frame(), "synthetic").to_html())
    assert [c for c, _, _ in t5.head[0][1:]] == ["Labour ratio", "Energy ratio", "Tax burden"]
    assert ["\u2003this run", "3.50", "2.00", "25.00", "n.a.", "0.0700", "0.1000"] in [
        [c for c, _, _ in r] for r in t5.body
    ]
