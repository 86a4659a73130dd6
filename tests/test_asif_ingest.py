"""DuckDB ingest of ASIF-style firm files: structural errors, cleaning audit, links, concordance."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from liu_data import shipped_cleaning_rules
from test_simulate_firms import dirt_masks

from gvcpanel.errors import DataError
from gvcpanel.papers.liu_2013 import REGISTRATION_RANGES
from gvcpanel.papers.liu_2013.simulate import FirmDGP, write_firm_raw
from gvcpanel.schemas.firms import CleanFirmTable
from gvcpanel.sources.asif import ingest_firms

CLEANING_RULES = shipped_cleaning_rules()
#: ingest rule names matched to the simulator's defects (every other rule drops nothing)
RULE_OF_DEFECT = {
    "invalid_registration": "unknown_registration_type",
    "missing": "drop_missing",
    "negative": "drop_negative",
    "va_exceeds_output": "va_exceeds_output",
    "small_employment": "min_employment",
    "duplicate": "deduplicate",
}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    return write_firm_raw(FirmDGP().scaled(0.004), 21, tmp_path_factory.mktemp("sim"))


@pytest.fixture(scope="module")
def ingested(sim, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    report = ingest_firms(
        sim["firms"], out / "firms.parquet", out / "audit.csv", CLEANING_RULES,
        concordance=sim["concordance"], id_links=sim["id_links"],
    )  # fmt: skip
    return report, pd.read_parquet(out / "firms.parquet")


@pytest.fixture(scope="module")
def raw(sim) -> pd.DataFrame:
    return pd.read_parquet(sim["firms"])


def test_audit_counts_equal_injected_dirt_by_year(ingested, raw):
    report, _ = ingested
    masks = dirt_masks(raw)
    audit = report.audit.dropna(subset=["year"]).set_index(["rule", "year"])["rows_dropped"]
    for defect, rule in RULE_OF_DEFECT.items():
        expected = masks[defect].groupby(raw["year"]).sum().astype("int64")
        got = audit.loc[rule]
        got.index = got.index.astype("int64")
        pd.testing.assert_series_equal(got, expected, check_names=False, obj=rule)
    total = report.audit.loc[report.audit.year.isna(), "rows_dropped"].item()
    assert total == sum(int(m.sum()) for m in masks.values())
    assert report.rows_in == len(raw) and report.rows_out == len(raw) - total
    on_disk = pd.read_csv(report.audit_path)
    assert list(on_disk.columns) == ["rule", "year", "rows_dropped"]
    by_rule = on_disk[on_disk.rule != "total"]
    assert by_rule.rows_dropped.sum() == total
    rules = {"unknown_registration_type", *(r.get("name", r["rule"]) for r in CLEANING_RULES)}
    assert set(by_rule.rule) == rules
    assert len(by_rule) == len(rules) * raw.year.nunique()  # zeros written explicitly
    assert (by_rule.loc[~by_rule.rule.isin(RULE_OF_DEFECT.values()), "rows_dropped"] == 0).all()
    per_year = on_disk[(on_disk.rule == "total") & on_disk.year.notna()]
    assert per_year.rows_dropped.sum() == total


def test_clean_table_has_no_dirt(ingested, raw):
    report, clean = ingested
    CleanFirmTable.validate(clean)
    assert len(clean) == report.rows_out
    assert not clean.duplicated(["firm_id", "year"]).any()
    assert (clean.value_added <= clean.output).all() and (clean.employment >= 8).all()
    kept = ~pd.concat(dirt_masks(raw), axis=1).any(axis=1)
    assert clean.output.sum() == pytest.approx(raw.loc[kept, "output"].sum(), rel=1e-12)


def test_concordance_and_id_links_applied(ingested, raw, sim):
    report, clean = ingested
    conc = pd.read_csv(sim["concordance"])
    links = pd.read_csv(sim["id_links"])
    assert set(clean.cic4).isdisjoint(conc.old_cic4)
    assert set(clean.firm_id).isdisjoint(links.new_id)
    kept = raw[~pd.concat(dirt_masks(raw), axis=1).any(axis=1)].copy()
    kept["firm_id"] = kept.firm_id.replace(dict(zip(links.new_id, links.old_id, strict=True)))
    new = dict(zip(conc.old_cic4, conc.new_cic4, strict=True))
    kept["cic4"] = kept.cic4.map(new).fillna(kept.cic4).astype("int64")
    merged = kept.merge(clean, on=["firm_id", "year"], suffixes=("_raw", ""), validate="1:1")
    assert len(merged) == len(clean)
    assert (merged.cic4_raw == merged.cic4).all()
    assert report.recoded_cic4 == (raw.year.lt(2003) & raw.cic4.isin(conc.old_cic4)).sum()
    assert report.relinked_ids == raw.firm_id.isin(links.new_id).sum()
    span = clean.groupby("firm_id").year.agg(["min", "max"]).reindex(links.old_id)
    assert ((span["min"] < links.year.to_numpy()) & (span["max"] >= links.year.to_numpy())).any()


def test_groups_from_registration_codes(ingested):
    _, clean = ingested
    for group, (lo, hi) in REGISTRATION_RANGES.items():
        in_range = clean.registration_type.between(lo, hi)
        assert (in_range == (clean.group == group)).all()
        assert in_range.any()
    assert (clean.cic2 == clean.cic4 // 100).all()


def test_same_input_same_bytes_whatever_threads_and_memory(ingested, sim, tmp_path):
    report, _ = ingested
    again = ingest_firms(
        sim["firms"], tmp_path / "f.parquet", tmp_path / "a.csv", CLEANING_RULES,
        concordance=sim["concordance"], id_links=sim["id_links"],
        threads=1, memory_limit="256MB",
    )  # fmt: skip
    assert again.out_path.read_bytes() == report.out_path.read_bytes()
    assert again.audit_path.read_bytes() == report.audit_path.read_bytes()


def test_column_map_renames_raw_columns(raw, ingested, tmp_path):
    names = {"firm_id": "id", "output": "gross_output", "employment": "workers"}
    path = tmp_path / "renamed.parquet"
    raw.rename(columns=names).to_parquet(path, index=False)
    report = ingest_firms(
        path, tmp_path / "f.parquet", tmp_path / "a.csv", CLEANING_RULES,
        column_map={v: k for k, v in names.items()},
    )  # fmt: skip
    assert report.audit.rows_dropped.sum() == ingested[0].audit.rows_dropped.sum()


def test_deduplicate_keeps_largest_output(raw, tmp_path):
    rules = [*CLEANING_RULES[:-1], {"rule": "deduplicate", "keep": "largest_output"}]
    raw_path = tmp_path / "r.parquet"
    raw.to_parquet(raw_path, index=False)
    report = ingest_firms(raw_path, tmp_path / "f.parquet", tmp_path / "a.csv", rules)
    clean = pd.read_parquet(report.out_path)
    dup = raw[raw.duplicated(["firm_id", "year"], keep=False)]
    best = dup.groupby(["firm_id", "year"]).output.max().rename("best").reset_index()
    merged = best.merge(clean, on=["firm_id", "year"])
    assert len(merged) == len(best)
    assert (merged.output == merged.best).all()


def _write(tmp_path, table: pa.Table):
    path = tmp_path / "bad.parquet"
    pq.write_table(table, path)
    return path


def _ingest(path, tmp_path, **kwargs):
    return ingest_firms(path, tmp_path / "out.parquet", tmp_path / "audit.csv", CLEANING_RULES,
                        **kwargs)  # fmt: skip


def test_missing_column_names_file_check_and_column(raw, tmp_path):
    path = _write(tmp_path, pa.Table.from_pandas(raw.drop(columns=["exports"])))
    with pytest.raises(DataError, match=r"bad\.parquet: check 'required columns'.*exports"):
        _ingest(path, tmp_path)
    assert not (tmp_path / "out.parquet").exists() and not (tmp_path / "audit.csv").exists()


def test_wrong_type_names_columns(raw, tmp_path):
    df = raw.head(100).astype({"output": "string", "year": "float64"})
    path = _write(tmp_path, pa.Table.from_pandas(df))
    with pytest.raises(DataError, match=r"column types.*output.*year|column types.*year.*output"):
        _ingest(path, tmp_path)


def test_corrupt_and_truncated_files(sim, tmp_path):
    data = sim["firms"].read_bytes()
    truncated = tmp_path / "truncated.parquet"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="truncated.parquet: check 'readable Parquet file'"):
        _ingest(truncated, tmp_path)
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(data[:4] + bytes(len(data) - 8) + data[-4:])
    with pytest.raises(DataError, match="readable Parquet file"):
        _ingest(garbage, tmp_path)
    assert not (tmp_path / "out.parquet").exists()


def test_null_identifier_names_row(raw, tmp_path):
    table = pa.Table.from_pandas(raw.head(50), preserve_index=False)
    years = pa.array([None, *raw.year.head(49)], type=pa.int64())
    path = _write(tmp_path, table.set_column(1, "year", years))
    with pytest.raises(DataError, match=r"non-null identifiers.*row 0"):
        _ingest(path, tmp_path)


def test_duplicates_without_rule_stop_before_output(sim, tmp_path):
    rules = [r for r in CLEANING_RULES if r["rule"] != "deduplicate"]
    with pytest.raises(
        DataError, match=r"asif_firms\.parquet: check 'unique key \(firm_id, year\) after cleaning'"
    ):
        ingest_firms(sim["firms"], tmp_path / "out.parquet", tmp_path / "a.csv", rules)
    assert not (tmp_path / "out.parquet").exists()


def test_bad_rules_and_lookup_files(sim, tmp_path):
    with pytest.raises(DataError, match="known rule.*drop_everything"):
        ingest_firms(sim["firms"], tmp_path / "o", tmp_path / "a", [{"rule": "drop_everything"}])
    with pytest.raises(DataError, match="unique rule names.*va_exceeds_output"):
        ingest_firms(sim["firms"], tmp_path / "o", tmp_path / "a",
                     [{"rule": "va_exceeds_output"}] * 2)  # fmt: skip
    conc = tmp_path / "conc.csv"
    conc.write_text("old_cic4,new_cic4\n1360,1301\n1360,1302\n")
    with pytest.raises(DataError, match=r"conc\.csv: check 'one new code per old code'.*1360"):
        _ingest(sim["firms"], tmp_path, concordance=conc)
    links = tmp_path / "links.csv"
    links.write_text("old_id,new_id,year\n1,2,2000\n2,1,2001\n")
    with pytest.raises(DataError, match=r"links\.csv: check 'no cycles in id links'"):
        _ingest(sim["firms"], tmp_path, id_links=links)


def test_rules_apply_in_configured_order(raw, tmp_path):
    """Deduplicate first, then the row rules reversed: a row counts for the first rule it fails."""
    rules = [{"rule": "deduplicate"}, *reversed(CLEANING_RULES[:-1])]
    report = _ingest_with(raw, tmp_path, rules)
    values = raw[["output", "value_added", "intermediate_inputs", "exports", "employment",
                  "fixed_assets", "training_expense", "wage_bill"]]  # fmt: skip
    conditions = {
        "unknown_registration_type": dirt_masks(raw)["invalid_registration"],
        "deduplicate": raw.duplicated(["firm_id", "year"], keep="first"),
        "min_employment": raw.employment < 8,
        "va_exceeds_output": raw.value_added > raw.output,
        "drop_nonpositive": raw.output <= 0,
        "drop_negative": (values < 0).any(axis=1),
        "drop_missing": values.isna().any(axis=1),
    }
    taken = pd.Series(False, index=raw.index)
    totals = report.audit.dropna(subset=["year"]).groupby("rule").rows_dropped.sum()
    for rule, cond in conditions.items():
        assert totals[rule] == int((cond & ~taken).sum()), rule
        taken |= cond


def _ingest_with(raw, tmp_path, rules):
    path = tmp_path / "raw.parquet"
    raw.to_parquet(path, index=False)
    return ingest_firms(path, tmp_path / "f.parquet", tmp_path / "a.csv", rules)


def test_dataset_in_parts_equals_one_file(ingested, sim, tmp_path):
    """A raw panel written as a directory of Parquet parts is ingested exactly like one file:
    rows keep their order across parts, so "keep first" picks the same duplicates."""
    report, _ = ingested
    table = pq.read_table(sim["firms"])
    parts = tmp_path / "raw_dataset"
    parts.mkdir()
    cut = [0, table.num_rows // 3, 2 * table.num_rows // 3, table.num_rows]
    for i, (lo, hi) in enumerate(zip(cut[:-1], cut[1:], strict=True)):
        pq.write_table(table.slice(lo, hi - lo), parts / f"part-{i}.parquet")
    again = ingest_firms(
        parts, tmp_path / "f.parquet", tmp_path / "a.csv", CLEANING_RULES,
        concordance=sim["concordance"], id_links=sim["id_links"],
    )  # fmt: skip
    assert again.out_path.read_bytes() == report.out_path.read_bytes()
    assert again.audit_path.read_bytes() == report.audit_path.read_bytes()
