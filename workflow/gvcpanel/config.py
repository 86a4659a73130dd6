"""Configuration: shipped defaults under the user's file, JSON-Schema validation with readable
messages, and cross-references.

The defaults (``config/defaults.yaml``) are the one place where a default value is written: the
user's file is merged over them (mappings key by key, recursively; a list or a scalar replaces the
default; ``null`` removes a default section, e.g. ``liu_2013: null`` runs only the country side).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from gvcpanel.config_checks import config_problems
from gvcpanel.coverage import coverage_problems


class ConfigError(ValueError):
    """The configuration is invalid; the message lists every problem with its location."""


def load_yaml(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def merge(defaults: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    """``user`` over ``defaults``: mappings merge key by key, ``None`` deletes, others replace."""
    out = copy.deepcopy(dict(defaults))
    for key, value in user.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def validate_config(
    config: Mapping[str, Any],
    schema_path: str | Path,
    defaults_path: str | Path | None = None,
) -> dict[str, Any]:
    """Merge ``config`` over the shipped defaults, validate it against the JSON Schema and check
    cross-references.

    Raises :class:`ConfigError` naming each offending key (``a.b[2]: message``) before any job runs.
    """
    schema = load_yaml(schema_path)
    if defaults_path is None:
        defaults_path = Path(schema_path).parents[1] / "config" / "defaults.yaml"
    cfg = merge(load_yaml(defaults_path), config)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(cfg), key=lambda e: list(e.absolute_path))
    problems = [f"{_where(e.absolute_path)}: {_message(e)}" for e in errors]
    if not problems:
        problems = _cross_checks(cfg) + config_problems(cfg)
        _expand_data_dir(cfg)
        problems += coverage_problems(cfg["country_panel"])
    if problems:
        raise ConfigError(
            "invalid configuration (schemas/config.schema.yaml):\n  " + "\n  ".join(problems)
        )
    return cfg


def _where(path) -> str:
    out = "config"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown key(s): {error.message.split('(')[-1].rstrip(')')}"
    return error.message


def _expand_data_dir(cfg: dict[str, Any]) -> None:
    """Replace ``{data_dir}`` in every raw-data path by ``cfg["data_dir"]``."""
    panel = cfg["country_panel"]
    for spec in panel["inputs"].values():
        spec["path"] = spec["path"].replace("{data_dir}", cfg["data_dir"])
    icio = panel.get("icio")
    if icio:
        for key in ("path", "crosscheck_dva"):
            if key in icio:
                icio[key] = icio[key].replace("{data_dir}", cfg["data_dir"])
    table5 = cfg["qu_yang_2023"].get("table5", {})
    for key in ("costs", "sea"):
        if key in table5:
            table5[key] = table5[key].replace("{data_dir}", cfg["data_dir"])


def _cross_checks(cfg: Mapping[str, Any]) -> list[str]:
    problems = []
    firms = cfg.get("liu_2013", {}).get("firms", {})
    if firms.get("source") == "files" and "files" not in firms:
        problems.append("config.liu_2013.firms: source 'files' needs a 'files' section")
    panel = cfg["country_panel"]
    first, last = panel["years"]
    if first > last:
        problems.append(f"config.country_panel.years: first year {first} after last year {last}")
    for name, comp in panel["components"].items():
        if comp["input"] not in panel["inputs"]:
            problems.append(
                f"config.country_panel.components.{name}.input: '{comp['input']}' is not one of "
                f"the inputs ({', '.join(panel['inputs'])})"
            )
    return problems
