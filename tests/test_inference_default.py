"""Table 1 of the default run under Stata's xtreg, fe vce(cluster) inference: t(G − 1).

The expected p-values are derived here from each estimate's own t statistic and Student t with
G − 1 degrees of freedom (G = the estimate's countries), independently of the estimator's code.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import run_snakemake
from scipy import stats

from gvcpanel.estimate.tidy import Estimates

pytestmark = pytest.mark.slow

QY = "results/work/estimates/qu_yang_2023"  # a target short of publish: read the work area
TABLE1 = "results/work/tables/qu_yang_2023/table1.tex"


@pytest.fixture(scope="module")
def default_run(root, tmp_path_factory):
    """Table 1 and its estimates from the default configuration (embedded synthetic data)."""
    work = tmp_path_factory.mktemp("default_table1")
    shutil.copytree(root / "data", work / "data")
    run = run_snakemake(root, work, root / "config" / "config.yaml", TABLE1)
    assert run.returncode == 0, run.stderr[-4000:]
    return work


def _omega(work, model: str):
    est = Estimates.read(work / QY / f"{model}.json")
    row = est.coef("omega")
    g = len(est.sample["countries"])
    return est, row, 2 * stats.t.sf(abs(row.stat), g - 1)


@pytest.mark.parametrize(
    ("model", "column", "expected_stars", "lower", "upper"),
    [("eq17", 2, "**", 0.01, 0.05), ("eq18_4y", 4, "*", 0.05, 0.10)],
)
def test_table1_stars_from_t_with_g_minus_1_df(
    default_run, model, column, expected_stars, lower, upper
):
    est, row, p = _omega(default_run, model)
    assert len(est.sample["countries"]) == 21 and est.extra["df_inference"] == 20
    assert row.p == pytest.approx(p, rel=1e-9)
    assert lower <= p < upper
    half = stats.t.ppf(0.975, 20) * row.se
    assert (row.ci_lower, row.ci_upper) == pytest.approx((row.coef - half, row.coef + half))
    lines = (default_run / TABLE1).read_text().splitlines()
    line = next(r for r in lines if r.startswith(r"$\omega$"))
    cell = line.removesuffix(r" \\").split(" & ")[column]
    assert re.fullmatch(rf"\$-?\d+\.\d+\${re.escape(expected_stars)}", cell.strip()), cell


def test_table1_notes_state_the_convention(default_run):
    """The notes name the convention and the t distribution; the report's form (HTML) gives the
    small-sample factor in its details."""
    tex = (default_run / TABLE1).read_text()
    assert "clustered by country (Stata's convention), p-values from t(20)" in tex
    assert "Dependent variable: GVC participation rate." in tex  # in words, not the column name
    html = (default_run / TABLE1).with_suffix(".html").read_text()
    details = html.split('<div class="details">')[1]
    assert "t(G-1), as Stata's xtreg, fe vce(cluster)" in details
    assert "20 degrees of freedom" in details
