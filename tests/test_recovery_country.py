"""Recovery of the generating parameters through the whole country route of the package.

A large synthetic draw (300 countries × 16 years, linear DGP with the slopes of Table 1 eq. 16) is
written in the publishers' layouts, read back by the readers, assembled by the default component
mapping, turned into the panel by the paper's formulas and estimated by the project's eq. (16)
wrapper. The estimates must lie within 4 standard errors of the generating values (Table 1 of the
paper, read from the reference file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gvcpanel.config import load_yaml
from gvcpanel.construct.components import Input, assemble
from gvcpanel.papers.qu_yang_2023.country_panel import build_country_panel
from gvcpanel.papers.qu_yang_2023.models import fit_linear
from gvcpanel.papers.qu_yang_2023.simulate import (
    simulate_country,
    synthetic_codes,
)
from gvcpanel.papers.qu_yang_2023.simulate_dgp import CountryDGP
from gvcpanel.papers.qu_yang_2023.simulate_files import write_country_raw
from gvcpanel.schemas.codes import allow_user_assigned
from gvcpanel.sources.layouts import read_observations


def country_route(cfg: dict, raw_dir: Path, countries: list[str], years: list[int]):
    """Raw files → validated observations → components → country panel (as the workflow does
    for a panel configured ``synthetic: true``: the simulator's codes are user-assigned)."""
    inputs = {}
    for name, spec in cfg["inputs"].items():
        path = raw_dir / Path(spec["path"]).name
        with allow_user_assigned(True):
            inputs[name] = Input(name, path, read_observations(spec["layout"], path))
    components, lineage = assemble(inputs, cfg["components"], countries, years)
    panel, audit = build_country_panel(components, lineage, countries, years)
    return panel, audit


@pytest.fixture(scope="module")
def large_linear_panel(root, tmp_path_factory):
    countries, years = synthetic_codes(300), list(range(2000, 2016))
    draw = simulate_country(CountryDGP(threshold_effects=False), countries, years, seed=11)
    raw_dir = tmp_path_factory.mktemp("large_draw")
    write_country_raw(draw, raw_dir)
    cfg = load_yaml(root / "config" / "config.yaml")["country_panel"]
    return country_route(cfg, raw_dir, countries, years)


def test_panel_is_complete(large_linear_panel):
    panel, audit = large_linear_panel
    assert len(panel) == 300 * 16
    assert all(not a["rows_dropped"] for a in audit["variables"].values())


def test_eq16_recovers_table1(large_linear_panel, reference):
    panel, _ = large_linear_panel
    spec = {"dependent": "gvcp", "regressors": ["omega", "mu", "upsilon", "gr"]}
    est = fit_linear(
        panel, "eq16", spec, {"standardize": "zscore", "se": "clustered", "inference": "stata"}
    )
    table1 = reference["qu_yang_2023"]["table1"]
    for term in spec["regressors"]:
        true, row = table1[term][0]["coef"], est.coef(term)
        assert abs(row.coef - true) < 4 * row.se, (term, row.coef, true, row.se)
        assert row.se < 0.1  # the draw is informative enough for the check to bite
