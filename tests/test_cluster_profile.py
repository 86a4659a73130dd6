"""The cluster profile and the per-rule resources it submits (no cluster needed)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml


def rule_blocks(root: Path) -> dict[str, str]:
    """Every rule of rules/*.smk and the text of its body."""
    blocks = {}
    for path in sorted((root / "rules").glob("*.smk")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"^(\s*)rule (\w+):", line)
            if not m:
                continue
            indent, body = len(m.group(1)), []
            for nxt in lines[i + 1 :]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                body.append(nxt)
            blocks[m.group(2)] = "\n".join(body)
    return blocks


def test_every_rule_declares_threads_memory_and_runtime(root: Path) -> None:
    blocks = rule_blocks(root)
    assert len(blocks) >= 18
    for name, body in blocks.items():
        assert re.search(r"^\s+threads: \d+$", body, re.M), f"{name}: no threads"
        resources = re.search(r"resources:\n\s+mem_mb=(\d+),\n\s+runtime=(\d+),", body)
        assert resources, f"{name}: no resources mem_mb, runtime"
        mem_mb, runtime = map(int, resources.groups())
        assert 500 <= mem_mb <= 16000 and 1 <= runtime <= 240, name


def test_slurm_profile_and_cluster_extra(root: Path) -> None:
    profile = yaml.safe_load((root / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    assert profile["executor"] == "slurm"
    assert {"mem_mb", "runtime"} <= set(profile["default-resources"])
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = project["optional-dependencies"]["cluster"]
    assert any(dep.startswith("snakemake-executor-plugin-slurm") for dep in extra)
    assert not any("executor-plugin" in dep for dep in project["dependencies"])
