"""Publishing and the results-folder guard, as functions: releases switch atomically and only
when complete; a second run on a folder is refused; leftovers of killed runs are removed without
touching another live run's files; a work area Snakemake has no records of is rebuilt."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from base64 import urlsafe_b64encode
from pathlib import Path

import pytest

from gvcpanel import faults, publish, run_guard
from gvcpanel.publish import PUBLISHED, WORK


def make_work(results: Path, text: str) -> None:
    for rel in ("tables/t1.tex", "estimates/m.json", "figures/f.png", "provenance.json"):
        path = results / WORK / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # as Snakemake does before a job runs: a new file
        path.write_text(f"{rel}: {text}\n")


def published(results: Path) -> dict[str, str]:
    return {
        p.relative_to(results).as_posix(): p.read_text()
        for name in PUBLISHED
        for p in ([results / name] if (results / name).is_file() else (results / name).rglob("*"))
        if p.is_file()
    }


def test_publish_links_every_file_and_switches(tmp_path):
    make_work(tmp_path, "run 1")
    manifest = publish.publish(tmp_path, {"config_sha256": "abc"})
    assert published(tmp_path)["tables/t1.tex"] == "tables/t1.tex: run 1\n"
    assert set(manifest["files"]) == {
        "tables/t1.tex", "estimates/m.json", "figures/f.png", "provenance.json"
    }  # fmt: skip
    assert (tmp_path / "tables").is_symlink()
    work_file, shown = tmp_path / WORK / "tables/t1.tex", tmp_path / "tables/t1.tex"
    assert work_file.stat().st_ino == shown.stat().st_ino  # a hard link, no copy
    first = publish.current_release(tmp_path)
    make_work(tmp_path, "run 2")
    publish.publish(tmp_path, {})
    assert published(tmp_path)["tables/t1.tex"] == "tables/t1.tex: run 2\n"
    assert not first.exists()  # the previous release is gone
    assert [p.name for p in (tmp_path / ".releases").iterdir() if p.name != "current"] == [
        publish.current_release(tmp_path).name
    ]


@pytest.mark.parametrize("where", ["link", "switch"])
def test_a_failing_publish_changes_nothing(tmp_path, monkeypatch, where):
    make_work(tmp_path, "good")
    publish.publish(tmp_path, {})
    before, release = published(tmp_path), publish.current_release(tmp_path)
    make_work(tmp_path, "new")
    if where == "link":

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(publish.os, "link", full)
        monkeypatch.setattr(publish.shutil, "copy2", full)
        with pytest.raises(OSError, match="No space"):
            publish.publish(tmp_path, {})
    else:
        monkeypatch.setenv(faults.ENV, "publish:switch=error")
        with pytest.raises(faults.InjectedFault):
            publish.publish(tmp_path, {})
    assert published(tmp_path) == before
    assert publish.current_release(tmp_path) == release
    assert len(list((tmp_path / ".releases").iterdir())) == 2  # current and its release


def test_publish_replaces_folders_of_the_older_layout(tmp_path, monkeypatch):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables/old.tex").write_text("old layout")
    make_work(tmp_path, "new")
    monkeypatch.setenv(faults.ENV, "publish:switch=error")
    with pytest.raises(faults.InjectedFault):
        publish.publish(tmp_path, {})
    assert (tmp_path / "tables/old.tex").read_text() == "old layout"  # a failed first publish
    monkeypatch.delenv(faults.ENV)
    publish.publish(tmp_path, {})
    assert (tmp_path / "tables").is_symlink()
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["t1.tex"]


def test_published_path_drops_the_work_area():
    assert publish.published_path("results/work/data/x.parquet") == "results/data/x.parquet"
    assert publish.published_path("data/raw/x.csv") == "data/raw/x.csv"


def test_a_second_run_on_a_folder_is_refused(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys, time; from gvcpanel.run_guard import acquire; "
            f"acquire({str(tmp_path)!r}, 'snakemake --cores 2'); print('held', flush=True); "
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(
            run_guard.ResultsBusy, match=r"another run is using .*snakemake --cores 2"
        ):
            run_guard.acquire(tmp_path, "second")
    finally:
        holder.kill()
        holder.wait()
    run_guard.acquire(tmp_path, "after the first ended")  # kill -9 released the lock


def test_clean_spares_a_nested_results_folder(tmp_path):
    outer, inner = tmp_path / "results", tmp_path / "results" / "wiod"
    (outer / WORK).mkdir(parents=True)
    (inner / WORK).mkdir(parents=True)
    (inner / run_guard.LOCK).write_text("{}")
    mine, theirs = outer / WORK / ".t.tex.x.tmp", inner / WORK / ".t.tex.y.tmp"
    mine.write_text("partial")
    theirs.write_text("a live run's file being written")
    (outer / ".releases" / "20260101T000000-abc").mkdir(parents=True)  # never switched to
    removed = run_guard.clean(outer)
    assert not mine.exists() and theirs.exists()
    assert outer / ".releases" / "20260101T000000-abc" in removed


def test_an_unknown_work_area_is_rebuilt(tmp_path):
    state, results = tmp_path / ".snakemake", tmp_path / "results"
    assert run_guard.adopt_work_area(results, state) is None  # a new one is registered
    (results / WORK / "x.json").write_text("{}")
    assert run_guard.adopt_work_area(results, state) is None  # known: kept
    other_state = tmp_path / "elsewhere" / ".snakemake"
    note = run_guard.adopt_work_area(results, other_state)
    assert "every job runs again" in note
    assert not (results / WORK / "x.json").exists()
    assert list(results.glob(".stale-work-*"))
    run_guard.clean(results)
    assert not list(results.glob(".stale-work-*"))


def test_a_dead_runs_lock_and_incomplete_outputs_are_released(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = Path(".snakemake")
    (state / "locks").mkdir(parents=True)
    (state / "incomplete").mkdir()
    mine, other = "results/work/tables/t.tex", "results/other/work/t.tex"
    for n, out in enumerate((mine, other)):
        (state / "locks" / f"{n}.output.lock").write_text(out + "\n")
        (state / "locks" / f"{n}.input.lock").write_text("data/x.csv\n")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text("half a job")
        (state / "incomplete" / urlsafe_b64encode(out.encode()).decode()).write_text("")
    note = run_guard.release_dead_run("results", state)
    assert "ended without finishing" in note
    assert sorted(os.listdir(state / "locks")) == ["1.input.lock", "1.output.lock"]
    assert not Path(mine).exists() and Path(other).exists()
    assert len(os.listdir(state / "incomplete")) == 1
    assert run_guard.release_dead_run("results", state) is None


def test_resume_command_is_the_command_without_forcing(tmp_path):
    argv = [str(tmp_path / ".venv/bin/snakemake"), "--cores", "2", "-F", "--configfile", "a b.yaml"]
    assert (
        run_guard.resume_command(argv, tmp_path)
        == ".venv/bin/snakemake --cores 2 --configfile 'a b.yaml'"
    )
