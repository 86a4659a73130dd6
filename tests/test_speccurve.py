"""Specification curve: grid, the KWW parts of the GVCP measures, the "moves most" table, the
drawn figure, the GVCP-measure table of the report, and one Snakemake job per specification."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.colors import to_rgba

from gvcpanel.config import validate_config
from gvcpanel.construct.gvcp import kww_parts
from gvcpanel.construct.kww import kww
from gvcpanel.errors import DataError
from gvcpanel.papers.qu_yang_2023.speccurve import (
    DIMENSIONS,
    base_panel,
    build_grid,
    distinct,
    icio_variants,
    spec_panel,
)
from gvcpanel.papers.qu_yang_2023.speccurve_report import (
    curve_data,
    draw_curve,
    measure_table,
    moves_most,
)
from gvcpanel.sources.icio import ICIOTable


@pytest.fixture(scope="module")
def sc_config(root):
    """The WIOD configuration's grid, merged over the shipped defaults and validated."""
    user = yaml.safe_load((root / "config" / "wiod2013_qu_yang.yaml").read_text())
    return validate_config(user, root / "schemas" / "config.schema.yaml")["speccurve"]


def test_grid_is_baseline_single_departures_and_combinations(sc_config):
    grid = build_grid(sc_config)
    n_single = sum(len(v) for v in sc_config["variations"].values())
    assert len(grid) == 1 + n_single + len(sc_config["combinations"])
    assert 10 <= len(grid) <= 40
    assert [s["id"] for s in grid] == [f"s{i:02d}" for i in range(len(grid))]
    base = grid[0]
    assert base["changed"] == [] and all(base[d] == sc_config["baseline"][d] for d in DIMENSIONS)
    for spec in grid[1 : 1 + n_single]:
        differs = [d for d in DIMENSIONS if str(spec[d]) != str(base[d])]
        assert len(differs) == 1 and spec["changed"] == [
            f"{differs[0]}={str(spec[differs[0]]).lower()}"
        ]
    for spec, combo in zip(grid[1 + n_single :], sc_config["combinations"], strict=True):
        assert {c.split("=")[0] for c in spec["changed"]} == set(combo)


def test_grid_drops_duplicates_and_rejects_unknown_dimensions(sc_config):
    cfg = dict(sc_config) | {"combinations": [{"gvcp": "kww"}]}  # same as the single departure
    assert len(build_grid(cfg)) == len(build_grid(sc_config)) - len(sc_config["combinations"])
    with pytest.raises(DataError, match="dimension in"):
        build_grid(dict(sc_config) | {"variations": {"deflator": ["cpi"]}})


def _toy_table() -> ICIOTable:
    rng = np.random.default_rng(3)
    c, k = 3, 2
    n = c * k
    Z = rng.uniform(1, 10, (n, n))
    F = rng.uniform(5, 20, (n, c))
    x = Z.sum(axis=1) + F.sum(axis=1) + rng.uniform(5, 10, n)  # value added > 0
    return ICIOTable(
        year=2000, countries=["AAA", "BBB", "CCC"], industries=["c1", "c2"], Z=Z, F=F, x=x
    )


def test_kww_parts_match_the_explicit_leontief_inverse():
    """IV_s = Σ_{r≠s} Σ_{t≠s,r} v_s B_sr Y_rt and FV_s = Σ_{t≠s} v_t B_ts E_s with B = (I − A)⁻¹
    formed explicitly; FV is the Leontief route's FVA, IV less than its DVX."""
    t = _toy_table()
    out = icio_variants(t, ["c1", "c2"]).merge(kww_parts(kww(t), t.year), on=["iso3", "year"])
    A = t.Z / t.x[None, :]
    B = np.linalg.inv(np.eye(6) - A)
    v = 1 - A.sum(axis=0)
    blk = [slice(2 * i, 2 * i + 2) for i in range(3)]
    exports = [sum(t.Z[blk[s], blk[r]].sum(axis=1) + t.F[blk[s], r] for r in range(3) if r != s)
               for s in range(3)]  # fmt: skip
    for s in range(3):
        iv = sum(
            v[blk[s]] @ B[blk[s], blk[r]] @ t.F[blk[r], u]
            for r in range(3)
            for u in range(3)
            if r != s and u not in (s, r)
        )
        fv = sum(v[blk[r]] @ B[blk[r], blk[s]] @ exports[s] for r in range(3) if r != s)
        assert out["iv"].iloc[s] == pytest.approx(iv, rel=1e-10)
        assert out["fv"].iloc[s] == pytest.approx(fv, rel=1e-10)
        assert out["exports_kww"].iloc[s] == pytest.approx(exports[s].sum(), rel=1e-10)
        assert out["value_added"].iloc[s] == pytest.approx((t.x - t.Z.sum(axis=0))[blk[s]].sum())
    np.testing.assert_allclose(out["fv"], out["fva"], rtol=1e-12)
    assert (out["iv"] < out["dvx"]).all()  # re-exported VA is part of VA in others' exports


def _toy_rows() -> pd.DataFrame:
    """Baseline s00, single departures s01-s03 and one combination s04, two terms."""
    specs = {
        "s00": ("baseline", {"omega": -0.30, "mu": -0.20}),
        "s01": ("gvcp=kww", {"omega": -0.35, "mu": 0.10}),
        "s02": ("gr=raw", {"omega": -0.10, "mu": -0.25}),
        "s03": ("time_effects=false", {"omega": -0.45, "mu": -0.21}),
        "s04": ("gvcp=kww; gr=raw", {"omega": 0.40, "mu": 0.90}),  # combinations are not compared
    }
    rows = [
        {
            "spec": spec,
            "model": "eq16",
            "term": term,
            "coef": coef,
            "se": 0.1,
            "ci_lower": coef - 0.2,
            "ci_upper": coef + 0.2,
            "changed": changed,
        }
        for spec, (changed, coefs) in specs.items()
        for term, coef in coefs.items()
    ]
    return pd.DataFrame(rows)


def test_moves_most_picks_the_largest_single_departure():
    moved = moves_most(_toy_rows()).set_index("term")
    # omega: |−0.35+0.30| = 0.05, |−0.10+0.30| = 0.20, |−0.45+0.30| = 0.15
    assert moved.loc["omega", "choice"] == "gr=raw"
    assert moved.loc["omega", "shift"] == pytest.approx(0.20)
    assert moved.loc["mu", "choice"] == "gvcp=kww"
    assert moved.loc["mu", "shift"] == pytest.approx(0.30)
    assert moved.loc["mu", "shift_in_se"] == pytest.approx(3.0)
    assert (moved["specs"] == 3).all()


def test_figure_draws_sorted_estimates_paper_line_and_choice_matrix():
    rows = _toy_rows()
    fig = draw_curve(rows, {("eq16", "omega"): -0.52}, [("eq16", "omega", "ω")])
    top, bottom = fig.axes[0], fig.axes[1]
    expected = np.sort(rows.loc[rows["term"] == "omega", "coef"].to_numpy())
    points = top.lines[0]  # the errorbar markers
    np.testing.assert_allclose(points.get_ydata(), expected)
    paper = [ln for ln in top.lines if ln.get_linestyle() == "--"]
    assert len(paper) == 1 and paper[0].get_ydata()[0] == pytest.approx(-0.52)
    d, labels = curve_data(rows, "eq16", "omega")
    assert labels == ["gr=raw", "gvcp=kww", "time_effects=false"]
    marks = {i: ln.get_xdata().tolist() for i, ln in enumerate(bottom.lines)}
    for i, label in enumerate(labels):  # a mark at the rank of every spec making the choice
        assert marks[i] == np.flatnonzero(d[label].to_numpy()).tolist()
    plt.close(fig)


def _dry_run(root, configfile, *args):
    cmd = [
        sys.executable, "-m", "snakemake", "-s", str(root / "Snakefile"), "-n",
        "--directory", str(root), "--configfile", str(configfile), *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def _job_count(stdout: str, rule: str) -> int:
    m = re.search(rf"^{rule}\s+(\d+)$", stdout, re.MULTILINE)
    return int(m.group(1)) if m else 0


def test_each_specification_is_its_own_job(root, shared_data, sc_config, tmp_path):
    cfg = root / "config" / "wiod2013_qu_yang.yaml"
    run = _dry_run(
        root,
        cfg,
        "--config",
        f"data_dir={shared_data}",
        "results=results/speccurve_dry_run",
        "--forceall",
    )
    assert run.returncode == 0, run.stderr[-3000:]
    grid = build_grid(sc_config)
    assert _job_count(run.stdout, "speccurve_spec") == len(distinct(grid)) < len(grid)
    for spec in grid:  # design duplicates (speccurve.EQUIVALENCES) are not estimated
        estimated = f"speccurve/specs/{spec['id']}.csv" in run.stdout
        assert estimated == (spec["duplicate_of"] is None)
    assert _job_count(run.stdout, "speccurve_figure") == 1
    assert {s["gvcp"] for s in grid} >= {"fva_dvx", "kww", "fva_dvx_backward", "kww_forward"}
    # the KWW terms of every year of the curve (1995-2011; the panel's 2000-2011 among them)
    assert _job_count(run.stdout, "icio_decomposition") == 2011 - 1995 + 1
    assert "decompositions/kww_1995.parquet" in run.stdout


def test_default_run_has_no_speccurve_jobs(root):
    run = _dry_run(root, root / "config" / "config.yaml", "--forceall")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "speccurve" not in run.stdout
    assert "icio_decomposition" not in run.stdout


def _measure_rows() -> pd.DataFrame:
    """The baseline (fva_dvx), two single departures in the measure and one joint departure:
    eq. (16) ω, μ and the threshold model's φ and μ slopes."""
    specs = {
        "s00": ("baseline", "fva_dvx", 0.0),
        "s01": ("gvcp=kww", "kww", 0.1),
        "s02": ("gvcp=kww_forward", "kww_forward", 0.4),
        "s03": ("gvcp=kww; gr=raw", "kww", 0.9),  # not a single departure: not in the table
    }
    terms = [("eq16", "omega", -0.3), ("eq16", "mu", 0.2), ("threshold", "phi", 0.5),
             ("threshold", "mu_low", -0.4), ("threshold", "mu_high", 0.3)]  # fmt: skip
    return pd.DataFrame(
        [
            {
                "spec": spec,
                "model": model,
                "term": term,
                "coef": coef + shift,
                "se": 0.1,
                "ci_lower": coef + shift - 0.2,
                "ci_upper": coef + shift + 0.2,
                "changed": changed,
                "gvcp": measure,
            }  # fmt: skip
            for spec, (changed, measure, shift) in specs.items()
            for model, term, coef in terms
        ]
    )


def test_measure_table_shows_each_measure_with_coefficients_and_cis():
    paper = {("eq16", "omega"): -0.52, ("eq16", "mu"): -0.50}
    lines = measure_table(_measure_rows(), paper)
    header, _, *body = lines[: lines.index("")]
    assert "eq. (16) ω" in header and "eq. (19) φ" in header
    assert "eq. (19) μ, low regime" in header and "eq. (19) μ, high regime" in header
    assert [row.split(" | ")[1] for row in body] == ["s00", "s01", "s02"]
    assert body[0].startswith("| `fva_dvx` (FVA + DVX)/E | s00 | -0.300 [-0.500, -0.100] |")
    assert body[2].startswith("| `kww_forward` IV/E | s02 | 0.100 [-0.100, 0.300] |")
    assert body[2].endswith("| 0.700 [0.500, 0.900] |")  # μ, high regime: 0.3 + 0.4
    notes = lines[lines.index("") + 1 :]
    assert (
        "- eq. (16) ω: the paper's sign under 2 of 3 measures (95% CI excluding 0 under 1 of them),"
        " the opposite sign with a CI excluding 0 under 0; from -0.300 to 0.100." in notes
    )
    assert not any("φ" in n for n in notes)  # φ has no sign to compare
    assert measure_table(_toy_rows(), paper) == []  # no GVCP dimension: no table


def test_figure_colours_the_gvcp_measures():
    rows = _measure_rows()
    fig = draw_curve(rows, {}, [("eq16", "omega", "ω")])
    top = fig.axes[0]
    marked = {c.get_label(): c.get_offsets()[:, 1].tolist() for c in top.collections
              if c.get_label().startswith("GVCP")}  # fmt: skip
    assert marked == {
        "GVCP (IV + FV)/E (kww)": pytest.approx([-0.2, 0.6]),
        "GVCP IV/E (kww_forward)": pytest.approx([0.1]),
    }
    legend = [t.get_text() for t in top.get_legend().get_texts()]
    assert "GVCP IV/E (kww_forward)" in legend
    _, labels = curve_data(rows, "eq16", "omega")
    assert labels == ["gr=raw", "gvcp=kww", "gvcp=kww_forward"]
    kww = next(c for c in top.collections if c.get_label().endswith("(kww)"))
    bottom = fig.axes[1]  # the choice matrix marks the measure in its colour
    np.testing.assert_allclose(to_rgba(bottom.lines[1].get_color()), kww.get_facecolor()[0])
    assert to_rgba(bottom.lines[0].get_color()) == to_rgba("0.1")
    plt.close(fig)


#: Numerators of the measures on the variants of the construction test (E = 10, VA = 40)
NUMERATORS = {
    "fva_dvx": 5.0,
    "fva_dvx_backward": 2.0,
    "fva_dvx_forward": 3.0,
    "kww": 3.0,
    "kww_backward": 2.0,
    "kww_forward": 1.0,
}


def test_spec_panel_applies_each_construction_choice():
    """GVCP = the chosen measure's numerator over the chosen denominator (fva_dvx, kww and their
    backward and forward parts over exports or value added); gr with or without world growth."""
    keys = pd.DataFrame([(c, y) for c in ("AAA", "BBB", "TWN") for y in (2000, 2001)])
    variants = keys.set_axis(["iso3", "year"], axis=1).assign(
        exports=10.0,
        value_added=40.0,
        fva=2.0,
        dvx=3.0,
        iv=1.0,
        fv=2.0,
        exports_kww=10.0,
        omega=0.5,
        mu=0.6,
        upsilon=0.3,
    )
    macro = variants[["iso3", "year"]].assign(
        gdp_growth=3.0, world_gdp_growth=2.5, gdp_per_capita=np.e, population=np.e**2
    )
    macro.loc[macro["iso3"] == "TWN", "gdp_growth"] = np.nan  # no WDI data
    base = base_panel(variants, macro)
    sets = {"all": "all", "two": ["AAA", "BBB", "TWN"]}
    spec = {"countries": "two", "years": "2000-2001", "gvcp": "fva_dvx", "denominator": "exports"}
    panel, lacking = spec_panel(base, spec | {"gr": "world_adjusted"}, sets)
    assert lacking == ["TWN"] and sorted(panel["iso3"].unique()) == ["AAA", "BBB"]
    assert panel["gr"].tolist() == pytest.approx([0.5] * 4)
    assert panel[["gdpp", "pop"]].to_numpy() == pytest.approx(np.tile([1.0, 2.0], (4, 1)))
    for measure, num in NUMERATORS.items():
        for denominator, den in (("exports", 10.0), ("value_added", 40.0)):
            choice = spec | {"gvcp": measure, "denominator": denominator, "gr": "raw"}
            panel, _ = spec_panel(base, choice, sets)
            assert panel["gvcp"].tolist() == pytest.approx([num / den] * 4), (measure, den)
            assert panel["gr"].tolist() == pytest.approx([3.0] * 4)
    one_year, _ = spec_panel(base, spec | {"gr": "raw", "years": "2001-2001"}, sets)
    assert one_year["year"].unique().tolist() == [2001]
