"""Bounded-memory threshold search and sharded bootstrap.

* The Gram matrix A = W'W and b = W'e built from bin sums (``search``, eqs S1-S3) equal the
  definition W = M T(r 1(q below gamma)) formed densely here, with M from a least-squares fit on
  Z (relative 1e-10, entries scaled by sqrt(A_gg A_hh)).
* Small memory blocks (many grid blocks and replication blocks) give the same fit (1e-10).
* Sharded bootstrap: the F* of shards 0..S-1, computed in any order and concatenated, are
  identical (exactly) to an unsharded fit for S = 1, 4, 7, and so are p-values and critical values.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from gvcpanel.estimate.threshold import ThresholdPanel
from gvcpanel.estimate.threshold.bootstrap import merge_records, merge_shards, shard_record
from gvcpanel.sources.hansen import hansen_invest_panel

X_COLS = ["Q1", "Q2", "Q3", "D1", "QD1"]
HANSEN = {
    "y": "I", "x": X_COLS, "regime_x": ["CF1"], "q": "D1", "entity": "firm", "time": "year",
    "conventions": "hansen",
}  # fmt: skip


@pytest.fixture(scope="module")
def invest(shared_data):
    return hansen_invest_panel(shared_data / "hansen1999" / "invest.dat")


@pytest.fixture(scope="module")
def hansen_model(invest):
    return ThresholdPanel(invest, **HANSEN)


def unbalanced_model(seed: int = 5) -> ThresholdPanel:
    """Unbalanced 120-entity panel, two regime regressors, year effects, standard conventions."""
    rng = np.random.default_rng(seed)
    rows = [(i, t) for i in range(120) for t in range(10) if rng.random() > 0.15]
    ent, year = np.array(rows).T
    n = len(ent)
    x, r1, r2, e = rng.normal(size=(4, n))
    q = rng.gamma(2.0, size=n)
    y = 0.5 * x + np.where(q <= 2.0, 1.0, -0.5) * r1 + 0.3 * r2 + 0.1 * year + e
    df = pd.DataFrame({"y": y, "x": x, "r1": r1 + 3.0, "r2": r2, "q": q, "e": ent, "t": year})
    cols = {"y": "y", "x": ["x"], "regime_x": ["r1", "r2"], "q": "q", "entity": "e", "time": "t"}
    return ThresholdPanel(df, **cols, time_effects=True, grid=60)


def dense(model: ThresholdPanel) -> tuple[np.ndarray, np.ndarray]:
    """(W'W, W'e) from the definition, W = M T(r 1(q below gamma)) for every grid point."""
    d = model.design
    below = d.q[:, None] < model.grid if d.conventions == "hansen" else d.q[:, None] <= model.grid
    raw = (below[:, :, None] * d.r[:, None, :]).reshape(len(d.q), -1)
    z = np.column_stack([d.within(d.x), d.within(d.r), d.time_dummies()])

    def resid(a: np.ndarray) -> np.ndarray:
        return a - z @ np.linalg.lstsq(z, a, rcond=None)[0]

    w = resid(d.within(raw))
    return w.T @ w, w.T @ resid(d.within(d.y))


@pytest.mark.parametrize("which", ["hansen", "unbalanced"])
def test_gram_and_cross_products_equal_definition(which, hansen_model):
    model = hansen_model if which == "hansen" else unbalanced_model()
    proj = model.projection
    a, b = dense(model)
    gm = a.shape[0]
    scale = np.sqrt(np.outer(np.diag(a), np.diag(a)))
    live = np.diag(a) > 1e-8 * np.diag(a).max()  # the top grid point's column is zero
    err = np.abs(proj.gram.reshape(gm, gm) - a) / np.where(scale > 0, scale, 1.0)
    assert err[np.ix_(live, live)].max() < 1e-10
    np.testing.assert_allclose(proj.gram.reshape(gm, gm)[np.ix_(~live, ~live)], 0.0, atol=1e-8)
    b_scale = np.sqrt(np.diag(a)) * np.linalg.norm(proj.e0)
    assert (np.abs(proj.b0.ravel() - b) / np.maximum(b_scale, 1e-300))[live].max() < 1e-10


def test_small_memory_blocks_give_the_same_fit(invest, hansen_model):
    rows = hansen_model.design.nobs + hansen_model.design.n_entities
    small = ThresholdPanel(
        invest, **HANSEN, block=7 * rows
    )  # Gram in blocks of 7 grid points, bootstrap in blocks of 7 replications
    assert small.projection.block // rows < len(small.grid)
    np.testing.assert_allclose(small.projection.gram, hansen_model.projection.gram, rtol=1e-10)
    np.testing.assert_allclose(small.projection.b0, hansen_model.projection.b0, rtol=1e-10)
    r_small = small.fit(2, reps=40, seed=3, progress=False)
    r_plain = hansen_model.fit(2, reps=40, seed=3, progress=False)
    for t_s, t_p in zip(r_small.tests, r_plain.tests, strict=True):
        assert t_s.threshold == t_p.threshold
        np.testing.assert_allclose(t_s.F, t_p.F, rtol=1e-10)
        np.testing.assert_allclose(t_s.boot_stats, t_p.boot_stats, rtol=1e-10)


@pytest.mark.parametrize("n_shards", [1, 4, 7])
def test_sharded_bootstrap_is_identical_for_any_shard_count(hansen_model, n_shards):
    reps, chunk = 70, 5  # 14 replication blocks of 5
    kwargs = dict(n_thresholds=3, bootstrap="firm_block", reps=reps, seed=11, chunk=chunk)
    full = hansen_model.fit(progress=False, **kwargs)
    order = np.random.default_rng(n_shards).permutation(n_shards)  # any scheduling order
    parts = {
        int(s): hansen_model.bootstrap_shard(
            shard=int(s), shards=n_shards, progress=False, **kwargs
        )
        for s in order
    }
    assert sum(len(parts[s][1]) for s in parts) == reps
    merged = merge_shards([parts[s] for s in range(n_shards)])
    res = hansen_model.fit(progress=False, boot_stats=merged, **kwargs)
    for t_m, t_f in zip(res.tests, full.tests, strict=True):
        np.testing.assert_array_equal(merged[t_f.k], t_f.boot_stats)
        assert t_m.p == t_f.p
        assert t_m.crit_10_5_1 == t_f.crit_10_5_1
    assert len(set(np.round(full.tests[0].boot_stats, 8))) > reps // 2  # distinct draws


def test_sharded_wild_bootstrap_on_unbalanced_panel():
    model = unbalanced_model()
    kwargs = dict(n_thresholds=2, bootstrap="wild_mammen", reps=30, seed=2, chunk=4)
    full = model.fit(progress=False, **kwargs)
    merged = merge_shards(
        [model.bootstrap_shard(shard=s, shards=3, progress=False, **kwargs) for s in range(3)]
    )
    for t in full.tests:
        np.testing.assert_array_equal(merged[t.k], t.boot_stats)


def test_wrong_number_of_bootstrap_statistics_is_refused(hansen_model):
    with pytest.raises(ValueError, match="bootstrap statistics"):
        hansen_model.fit(1, reps=10, boot_stats={1: np.zeros(9)}, progress=False)


def test_shard_records_round_trip_and_merge_in_any_order(hansen_model):
    kwargs = dict(n_thresholds=1, bootstrap="firm_block", reps=20, seed=4, chunk=3)
    full = hansen_model.fit(progress=False, **kwargs)
    records = [
        json.loads(
            json.dumps(
                shard_record(hansen_model.bootstrap_shard(shard=s, shards=4, **kwargs), s, 4)
            )
        )
        for s in (2, 0, 3, 1)
    ]
    np.testing.assert_array_equal(merge_records(records)[1], full.tests[0].boot_stats)
    with pytest.raises(ValueError, match="shards 0..S-1"):
        merge_records(records[:3])


def _sparse_sums(codes: np.ndarray, weights: np.ndarray, rows: int, a: np.ndarray) -> np.ndarray:
    """The sums of a sparse (rows x obs) product, the reference of the reductions' bits."""
    from scipy import sparse

    mat = sparse.csr_matrix((weights, (codes, np.arange(len(codes)))), shape=(rows, len(codes)))
    return np.asarray(mat @ a)


@pytest.mark.parametrize("which", ["hansen", "unbalanced"])
def test_the_reductions_add_in_the_order_of_a_sparse_product(which, hansen_model):
    """Entity means and grid bin sums are bit for bit those of the sparse products they
    replace (signed zeros included), on balanced and unbalanced panels."""
    model = hansen_model if which == "hansen" else unbalanced_model()
    d, proj = model.design, model.projection
    rng = np.random.default_rng(3)
    a = rng.normal(size=(len(d.q), 9)) * (rng.random((len(d.q), 1)) < 0.7)
    a *= np.sign(rng.normal(size=(len(d.q), 1)))  # zeros of both signs
    sums = _sparse_sums(d.entity, np.ones(len(d.q)), d.n_entities, a)
    assert (d._entity_means(a).view(np.int64) == (sums / d.counts[:, None]).view(np.int64)).all()
    size = len(model.grid) + 1
    for k in range(proj.m):
        ref = _sparse_sums(proj.bins, d.r[:, k], size, a)
        assert (proj._bin_sums(a)[k].view(np.int64) == ref.view(np.int64)).all()


def test_a_mapping_of_arrays_gives_the_dataframe_fit(invest):
    """The numpy-only input path: the same design, and the same fit to the last bit."""
    flat = invest.reset_index()
    arrays = {c: flat[c].to_numpy() for c in flat.columns}
    from_frame = ThresholdPanel(invest, **HANSEN).fit(2, reps=19, seed=2, progress=False)
    from_arrays = ThresholdPanel(arrays, **HANSEN).fit(2, reps=19, seed=2, progress=False)
    assert [t.to_dict() for t in from_arrays.tests] == [t.to_dict() for t in from_frame.tests]
    assert from_arrays.coef_table().equals(from_frame.coef_table())
    model = unbalanced_model()
    frame = model.design.data
    same = ThresholdPanel(
        {c: frame[c].to_numpy() for c in frame.columns},
        y="y", x=["x"], regime_x=["r1", "r2"], q="q", entity="e", time="t", time_effects=True,
        grid=60,
    )  # fmt: skip
    for name in ("y", "x", "r", "q", "entity", "time", "rows"):
        assert np.array_equal(getattr(same.design, name), getattr(model.design, name))
    assert same.design.dropped_singletons == model.design.dropped_singletons


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("q"), "check 'columns present' failed"),
        (lambda d: d.update(q=np.array(["a"] * len(d["y"]))), "check 'numeric columns' failed"),
        (lambda d: d.update(y=np.r_[np.nan, d["y"][1:]]), "check 'finite values in y' failed"),
        (lambda d: d.update(x=d["x"][:-1]), "one-dimensional columns of equal length"),
        (lambda d: d.update(t=np.zeros(len(d["t"]))), "check 'unique key (e, t)' failed"),
    ],
)
def test_a_bad_mapping_is_one_input_error(change, message):
    from gvcpanel.errors import InputError

    frame = unbalanced_model().design.data
    arrays = {c: frame[c].to_numpy() for c in frame.columns}
    change(arrays)
    with pytest.raises(InputError, match=re.escape(message)):
        ThresholdPanel(arrays, y="y", x=["x"], regime_x=["r1", "r2"], q="q", entity="e", time="t")
