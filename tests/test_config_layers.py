"""Configurations a user writes: files read with their lines and a bounded alias expansion, the
layers (defaults, ``base:`` chains, the default panel under an override-only file, ``--config``),
and every message naming the file and line; the command line checked with ``snakemake -n``."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gvcpanel.config import ConfigError, load_config, load_yaml, merge
from gvcpanel.config.layers import Origins, file_layer, user_layers
from gvcpanel.config.yaml_file import MAX_VALUES, read_yaml

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "config" / "config.yaml"


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def _refused(*args, **kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(*args, **kwargs)
    message = str(info.value)
    assert "Traceback" not in message
    return message


def _bomb(levels: int = 8) -> str:
    """A 'billion laughs' in a model's regressors: each level repeats the one below nine times."""
    lines = [
        "qu_yang_2023:",
        "  models:",
        "    eq16: {dependent: gvcp, regressors: &l0 [omega, mu, upsilon, gr]}",
        "laughs:",
    ]
    for i in range(1, levels + 1):
        lines.append(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- reading the files


def test_lines_of_keys_and_items(tmp_path):
    path = _file(tmp_path, "c.yaml", "a:\n  b: 1\n  c: [x, y]\nd:\n  - {e: 2}\n")
    located = read_yaml(path)
    assert located.data == {"a": {"b": 1, "c": ["x", "y"]}, "d": [{"e": 2}]}
    assert located.lines[("a",)] == 1 and located.lines[("a", "b")] == 2
    assert located.lines[("a", "c", 1)] == 3 and located.lines[("d", 0, "e")] == 5


def test_shipped_files_load_as_before(root):
    for path in sorted((root / "config").glob("*.yaml")):
        assert load_yaml(path) == yaml.safe_load(path.read_text())


def test_alias_bomb_is_refused_with_file_and_line(tmp_path):
    path = _file(tmp_path, "bomb.yaml", _bomb())
    with pytest.raises(ConfigError) as info:
        read_yaml(path)
    message = str(info.value)
    assert "bomb.yaml:9: the alias *l4" in message  # level 5 (line 9) passes 100,000
    assert str(MAX_VALUES) in message and "aliases" in message


def test_small_aliases_are_fine(tmp_path):
    text = "countries: &c [AUS, AUT]\nother: *c\nmerged:\n  <<: {a: 1}\n  b: 2\n"
    located = read_yaml(_file(tmp_path, "ok.yaml", text))
    assert located.data["other"] == ["AUS", "AUT"]
    assert located.data["merged"] == {"a": 1, "b": 2} and located.lines[("merged", "b")] == 5


@pytest.mark.parametrize(
    "text,words",
    [
        ("a: 1\nb:\n  c: 2\n  c: 3\n", ["d.yaml:4", "'c' given twice", "line 3"]),
        ("a: [1, 2\n", ["d.yaml:2", "not valid YAML"]),
        ("a: !!python/object:os.system {}\n", ["d.yaml:1", "not valid YAML"]),
        ("- a\n- b\n", ["d.yaml:1", "a mapping of keys"]),
        ("a: &s [1, *s]\n", ["d.yaml:1", "inside itself"]),
    ],
)
def test_unreadable_files(tmp_path, text, words):
    with pytest.raises(ConfigError) as info:
        read_yaml(_file(tmp_path, "d.yaml", text))
    for word in words:
        assert word in str(info.value), (word, str(info.value))


# ------------------------------------------------------------------------------- the layers


def test_override_only_file_goes_over_the_default_panel(tmp_path):
    mine = _file(tmp_path, "mine.yaml", "qu_yang_2023: {threshold: {reps: 999}}\n")
    cfg = load_config([mine], None, ROOT)
    default = load_config([], None, ROOT)
    assert cfg["qu_yang_2023"]["threshold"]["reps"] == 999
    assert cfg == merge(default, {"qu_yang_2023": {"threshold": {"reps": 999}}})


def test_override_of_the_default_panel_years(tmp_path):
    mine = _file(tmp_path, "mine.yaml", "country_panel: {years: [2000, 2010]}\n")
    cfg = load_config([mine], None, ROOT)
    assert cfg["country_panel"]["years"] == [2000, 2010]
    assert cfg["country_panel"]["inputs"] == load_config([], None, ROOT)["country_panel"]["inputs"]


def test_a_panel_of_its_own_goes_over_the_defaults_only():
    layers = user_layers([ROOT / "config" / "wiod2013_qu_yang.yaml"], ROOT)
    assert [layer.source for layer in layers] == ["config/wiod2013_qu_yang.yaml"]


def test_base_chain_and_null(tmp_path):
    mid = _file(tmp_path, "mid.yaml", f"base: {SHIPPED}\nseed: 7\nliu_2013: null\n")
    top = _file(tmp_path, "top.yaml", f"base: {mid}\nqu_yang_2023: {{se: robust}}\n")
    cfg = load_config([top], {"seed": 8}, ROOT)
    assert cfg["seed"] == 8 and cfg["qu_yang_2023"]["se"] == "robust" and "liu_2013" not in cfg
    assert "base" not in cfg
    sources = [layer.source for layer in user_layers([top], ROOT)]
    assert sources[0] == "config/config.yaml" and sources[1:] == [str(mid), str(top)]


def test_base_relative_to_the_project(tmp_path):
    mine = _file(tmp_path, "mine.yaml", "base: config/wiod2013_qu_yang.yaml\nseed: 3\n")
    cfg = load_config([mine], {"data_dir": "../shared/data"}, ROOT)
    assert cfg["country_panel"]["route"] == "icio" and cfg["seed"] == 3


def test_base_cycle_and_missing_base(tmp_path):
    _file(tmp_path, "a.yaml", f"base: {tmp_path / 'b.yaml'}\n")
    _file(tmp_path, "b.yaml", f"base: {tmp_path / 'a.yaml'}\n")
    message = _refused([tmp_path / "a.yaml"], None, ROOT)
    assert "cycle" in message and "a.yaml" in message and "b.yaml" in message
    missing = _file(tmp_path, "m.yaml", "seed: 1\nbase: config/nope.yaml\n")
    message = _refused([missing], None, ROOT)
    assert "m.yaml:2: config.base: config/nope.yaml is not a file" in message
    assert "relative to the project" in message


def test_origins_follow_the_merge(tmp_path):
    defaults = file_layer(ROOT / "config" / "defaults.yaml")
    mine = file_layer(_file(tmp_path, "o.yaml", "qu_yang_2023:\n  threshold:\n    reps: 9\n"))
    where = Origins([defaults, mine])
    assert where(("qu_yang_2023", "threshold", "reps")) == f"{mine.source}:3"
    line = read_yaml(ROOT / "config" / "defaults.yaml").lines[("qu_yang_2023", "threshold", "grid")]
    assert where(("qu_yang_2023", "threshold", "grid")) == f"config/defaults.yaml:{line}"
    assert where(("qu_yang_2023", "threshold", "trim", 2)).startswith("config/defaults.yaml:")


# -------------------------------------------------------------- messages name file and line


def test_messages_name_the_file_and_line(tmp_path):
    text = "qu_yang_2023:\n  threshold:\n    reps: 50.0\ncountry_panel:\n  yeras: [2000, 2015]\n"
    message = _refused([_file(tmp_path, "my_panel.yaml", text)], None, ROOT)
    shown = str(tmp_path / "my_panel.yaml")
    assert (
        f"{shown}:3: config.qu_yang_2023.threshold.reps: 50.0 is not of type 'integer' "
        "(write 50, without a decimal point)" in message
    )
    assert (
        f"{shown}:5: config.country_panel.yeras: unknown key 'yeras' (did you mean 'years'?)"
        in (message)
    )


def test_a_default_is_named_in_the_defaults_file(tmp_path):
    """A two-country, three-year panel: the default models no longer fit; their keys are
    defaults, named in config/defaults.yaml."""
    text = "country_panel: {countries: [AUS, AUT], years: [2000, 2002]}\nliu_2013: null\n"
    message = _refused([_file(tmp_path, "tiny.yaml", text)], None, ROOT)
    lines = read_yaml(ROOT / "config" / "defaults.yaml").lines
    line = lines[("qu_yang_2023", "models", "eq16", "regressors")]
    assert f"config/defaults.yaml:{line}: config.qu_yang_2023.models.eq16.regressors: 4 " in message
    assert "leave no residual degree of freedom on the panel (2 countries x 3 years" in message


def test_command_line_overrides_are_named(tmp_path):
    message = _refused([], {"seed": "x"}, ROOT)
    assert "--config: config.seed: 'x' is not of type 'integer'" in message


# ------------------------------------------------------------------- the command line itself


def _limit_memory() -> None:
    """At most 3 GiB of address space: a regression of the alias bound cannot eat the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A working directory with the shipped data (the project's Snakefile is run from ROOT)."""
    work = tmp_path_factory.mktemp("cli")
    shutil.copytree(ROOT / "data", work / "data")
    return work


def _dry_run(workdir: Path, configfile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable, "-m", "snakemake", "-n", "-s", str(ROOT / "Snakefile"),
        "--directory", str(workdir), "--cores", "2", "--configfile", str(configfile), *args,
    ]  # fmt: skip
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, preexec_fn=_limit_memory
    )


def _stops(run: subprocess.CompletedProcess, *words: str) -> None:
    out = run.stdout + run.stderr
    assert run.returncode == 1, out[-3000:]
    assert "invalid configuration" in out and "Traceback" not in out, out[-3000:]
    for word in words:
        assert word in out, (word, out[-3000:])


def test_cli_override_only_file(workdir):
    mine = _file(workdir, "my.yaml", "qu_yang_2023: {threshold: {reps: 999}}\n")
    run = _dry_run(workdir, mine)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "estimate_qu_yang_threshold" in run.stdout


def test_cli_config_override(workdir):
    mine = _file(workdir, "seed.yaml", "seed: 5\n")
    run = _dry_run(workdir, mine, "--config", "seed=5.0")
    _stops(run, "--config: config.seed: 5.0 is not of type 'integer'")


@pytest.mark.parametrize(
    "name,text,words",
    [
        (
            "reps.yaml",
            "qu_yang_2023:\n  threshold: {reps: 50.0}\n",
            ["reps.yaml:2: config.qu_yang_2023.threshold.reps: 50.0 is not of type 'integer'"],
        ),
        (
            "escape.yaml",
            "country_panel:\n  inputs:\n    ../../../../escape_input:\n"
            "      {path: data/synthetic/country/oecd_stan_industry.csv, layout: oecd_sdmx}\n",
            [
                "escape.yaml:3: config.country_panel.inputs['../../../../escape_input']",
                "not a name",
            ],
        ),
        (
            "dangling.yaml",
            "country_panel:\n  inputs:\n    stan: {path: data/dangling.csv}\n",
            [
                "dangling.yaml:3: config.country_panel.inputs.stan.path: data/dangling.csv is a "
                "broken symbolic link (-> /nonexistent/stan.csv)"
            ],
        ),  # fmt: skip
        ("bomb.yaml", _bomb(), ["bomb.yaml:9: the alias *l4 makes the configuration larger"]),
    ],
)
def test_cli_refusals(workdir, name, text, words):
    link = workdir / "data" / "dangling.csv"
    if not link.is_symlink():
        link.symlink_to("/nonexistent/stan.csv")
    run = _dry_run(workdir, _file(workdir, name, text))
    _stops(run, *words)
    assert not (workdir.parents[3] / "escape_input.parquet").exists()
    assert not list(workdir.glob("results/**/*.json")), "a dry run writes nothing"
