"""The replication report's rules: agreement in sign and significance, the threshold at the edge of
its interval, duplicate specifications from the design, and counts over distinct specifications."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from gvcpanel.config import validate_config
from gvcpanel.papers import published
from gvcpanel.papers.qu_yang_2023.agreement import (
    at_edge,
    design_section,
    distinct_specs,
    paper_significance,
    phi_verdict,
    slope_verdict,
)
from gvcpanel.papers.qu_yang_2023.speccurve import (
    DIMENSIONS,
    build_grid,
    distinct,
    edge_steps,
    estimate_spec,
)
from gvcpanel.papers.qu_yang_2023.speccurve_report import replication_markdown

BASE = {"countries": "paper", "years": "2000-2011", "standardize": "zscore", "gvcp": "fva_dvx",
        "denominator": "exports", "gr": "world_adjusted", "time_effects": True}  # fmt: skip


@pytest.fixture(scope="module")
def grid(root):
    user = yaml.safe_load((root / "config" / "wiod2013_qu_yang.yaml").read_text())
    cfg = validate_config(user, root / "schemas" / "config.schema.yaml")["speccurve"]
    return build_grid(cfg)


def test_paper_significance_reads_stars_at_five_percent():
    sig = paper_significance(published.load("qu_yang_2023"))
    assert sig[("eq16", "omega")] and sig[("eq16", "upsilon")]  # *** and **
    assert not sig[("eq17", "upsilon")]  # one star: 10% only
    assert sig[("threshold", "phi")]  # single-threshold bootstrap p 0.034


def test_same_sign_agrees_only_with_the_same_significance():
    # eq. (16) ω: t −1.45 here against the paper's −5.90: same sign, not significant here
    v = slope_verdict(-0.20, -0.47, 0.07, ref=-0.52, ref_sig=True)
    assert v.kind == "sign_only" and "not significant at 5% here" in v.text
    assert slope_verdict(-0.40, -0.60, -0.20, -0.52, True).kind == "agrees"
    assert slope_verdict(-0.10, -0.30, 0.10, -0.57, False).kind == "agrees"  # neither
    assert slope_verdict(-0.40, -0.60, -0.20, -0.57, False).kind == "sign_only"
    v = slope_verdict(0.30, 0.10, 0.50, -0.68, True)
    assert v.kind == "differs" and v.text.startswith("opposite sign")


def test_threshold_agrees_inside_its_interval_with_the_tests_significance():
    assert phi_verdict(0.30, 0.40, p=0.02, ref=0.345, ref_sig=True).kind == "agrees"
    assert phi_verdict(0.30, 0.40, p=0.40, ref=0.345, ref_sig=True).kind == "sign_only"
    assert phi_verdict(0.547, 0.706, p=0.02, ref=0.345, ref_sig=True).kind == "differs"


def test_threshold_at_the_edge_of_its_own_interval():
    grid = np.array([0.50, 0.547, 0.60, 0.65, 0.68, 0.706, 0.80])
    assert edge_steps(grid, 0.547, 0.547, 0.706) == 0  # φ is the lower bound
    assert edge_steps(grid, 0.60, 0.547, 0.706) == 1  # one candidate above the bound
    assert edge_steps(grid, 0.65, 0.50, 0.80) == 3
    assert at_edge({"coef": 0.547, "ci_lower": 0.547, "ci_upper": 0.706, "edge_steps": 0})
    assert at_edge({"coef": 0.60, "ci_lower": 0.547, "ci_upper": 0.706, "edge_steps": 1})
    assert not at_edge({"coef": 0.65, "ci_lower": 0.50, "ci_upper": 0.80, "edge_steps": 2})
    assert at_edge({"coef": 0.706, "ci_lower": 0.547, "ci_upper": 0.706})  # without the grid
    assert not at_edge({"coef": 0.6, "ci_lower": 0.547, "ci_upper": 0.706, "edge_steps": np.nan})


def test_grid_marks_design_duplicates_and_keeps_ids(grid):
    assert [s["id"] for s in grid] == [f"s{i:02d}" for i in range(21)]
    dups = {s["id"]: s["duplicate_of"] for s in grid if s["duplicate_of"]}
    assert dups == {"s11": "s00", "s17": "s04", "s19": "s06"}  # gr=raw with year effects
    assert all("year effects" in s["same_because"][0] for s in grid if s["duplicate_of"])
    assert len(distinct(grid)) == 18


def test_gr_raw_without_year_effects_and_kww_backward():
    combos = [{"gr": "raw", "time_effects": False}, {"time_effects": False}]
    cfg = {"baseline": BASE, "variations": {"gvcp": ["fva_dvx_backward", "kww_backward"]},
           "combinations": combos}  # fmt: skip
    grid = {s["id"]: s for s in build_grid(cfg)}
    assert grid["s02"]["duplicate_of"] == "s01"  # FV/E is FVA/E
    assert grid["s03"]["duplicate_of"] is None  # gr raw matters without year effects
    assert grid["s04"]["duplicate_of"] is None


def _rows(specs: dict[str, tuple[dict, float, str]]) -> pd.DataFrame:
    """eq. (16) ω and φ per spec: (departures from BASE, ω, changed label)."""
    out = []
    for spec, (dims, omega, changed) in specs.items():
        values = {d: str(v).lower() for d, v in (BASE | dims).items()}
        common = {"spec": spec, "changed": changed, "nobs": 216, "n_countries": 18, **values}
        out.append(common | {"model": "eq16", "term": "omega", "coef": omega, "se": 0.1,
                             "ci_lower": omega - 0.2, "ci_upper": omega + 0.2, "p": 0.01,
                             "edge_steps": np.nan})  # fmt: skip
        out.append(common | {"model": "threshold", "term": "phi", "coef": 0.547, "se": np.nan,
                             "ci_lower": 0.547, "ci_upper": 0.706, "p": 0.02,
                             "edge_steps": 0.0})  # fmt: skip
    return pd.DataFrame(out)


TOY = {
    "s00": ({}, -0.50, "baseline"),
    "s01": ({"gr": "raw"}, 0.90, "gr=raw"),  # a duplicate of s00 by design, whatever its estimate
    "s02": ({"standardize": "none"}, -0.05, "standardize=none"),
    "s03": ({"time_effects": False}, 0.30, "time_effects=false"),
}


def test_distinct_specs_from_the_design_not_the_results():
    rows = _rows(TOY)
    assert distinct_specs(rows) == ["s00", "s02", "s03"]
    assert distinct_specs(rows, ignore=("standardize",)) == ["s00", "s03"]
    assert set(DIMENSIONS) <= set(rows.columns)


def test_report_counts_distinct_specifications_and_flags_the_edge():
    rows = _rows(TOY)
    grid = [{"id": s, "changed": [] if c == "baseline" else [c], **(BASE | dims),
             "duplicate_of": "s00" if s == "s01" else None,
             "same_because": ["gr=raw is gr=world_adjusted: year effects"] if s == "s01" else []}
            for s, (dims, _, c) in TOY.items()]  # fmt: skip
    paper = {("eq16", "omega"): (-0.52, True), ("threshold", "phi"): (0.345, True)}
    moved = pd.DataFrame(columns=["model", "term", "choice", "shift"])
    text = replication_markdown(rows, moved, paper, grid, headlines=(
        ("eq16", "omega", "ω"), ("threshold", "phi", "φ")))  # fmt: skip
    agree, partial, differ = (text.split("## ")[i] for i in (1, 2, 3))
    assert "**ω**" in agree and "**φ**" in differ and "none of" in partial
    # s01 (a duplicate) and s02 (units only) are not counted: the paper's sign in 1 of 2
    assert "paper's sign in 1 of 2 distinct specifications" in text
    assert "at the edge of its own LR interval**" in text
    # the threshold model counts s02: centring μ moves φ
    assert "φ inside the LR interval in 0 of 3 distinct" in text
    assert "φ at the edge of its own interval in 3 of them" in text
    assert "Generated from 3 distinct specifications of a grid of 4" in text
    assert "- s01 (gr=raw) = s00: gr=raw is gr=world_adjusted" in text
    assert any(line.startswith("- `gr`: ") for line in design_section(grid))


def _synthetic(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A 12-country, 12-year panel and its world growth (one number per year)."""
    keys = [(f"C{c:02d}", y) for c in range(12) for y in range(2000, 2012)]
    panel = pd.DataFrame(keys, columns=["iso3", "year"])
    n = len(panel)
    for col in ("omega", "mu", "upsilon", "gdpp", "pop"):
        panel[col] = rng.uniform(0.1, 0.9, n)
    panel["gr"] = rng.normal(0, 2, n)
    panel["gvcp"] = 0.3 - 0.2 * panel["omega"] + 0.1 * panel["mu"] + rng.normal(0, 0.05, n)
    world = pd.DataFrame({"year": range(2000, 2012), "w": rng.normal(3, 1.5, 12)})
    return panel, world


def test_the_equivalences_hold_on_a_synthetic_panel(root):
    """gr raw = gr net of world growth with year effects (only gr's z-scored slope changes
    units), not without; standardize leaves eqs (16) and (17)'s t values alone."""
    user = yaml.safe_load((root / "config" / "wiod2013_qu_yang.yaml").read_text())
    cfg = validate_config(user, root / "schemas" / "config.schema.yaml")
    qy = cfg["qu_yang_2023"]
    models = {m: qy["models"][m] for m in ("eq16", "eq17")}
    th = qy["threshold"] | {"reps": 9, "grid": 20, "bootstrap": "wild_rademacher"}
    adjusted, world = _synthetic(np.random.default_rng(5))
    raw = adjusted.merge(world, on="year").assign(gr=lambda d: d["gr"] + d["w"])

    def fit(panel: pd.DataFrame, **choice) -> pd.DataFrame:
        spec = BASE | {"id": "s", "changed": []} | choice
        out = estimate_spec(panel, spec, models, qy["threshold_models"]["eq19"], th,
                            qy["inference"], seed=1)  # fmt: skip
        return out.set_index(["model", "term"]).assign(t=lambda d: d["coef"] / d["se"])

    a, b = fit(adjusted), fit(raw, gr="raw")
    same = a.index.get_level_values("term") != "gr"
    np.testing.assert_allclose(a.loc[same, "coef"], b.loc[same, "coef"], rtol=1e-8)
    np.testing.assert_allclose(a["t"].dropna(), b["t"].dropna(), rtol=1e-8)
    a, b = fit(adjusted, time_effects=False), fit(raw, gr="raw", time_effects=False)
    assert not np.allclose(a["coef"], b["coef"])
    a, b = fit(adjusted), fit(adjusted, standardize="none")
    linear = a.index.get_level_values("model") != "threshold"
    np.testing.assert_allclose(a.loc[linear, "t"], b.loc[linear, "t"], rtol=1e-8)
    assert not np.allclose(a.loc[linear, "coef"], b.loc[linear, "coef"])
