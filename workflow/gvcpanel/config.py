"""Configuration: JSON-Schema validation with readable messages, defaults and cross-references."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from gvcpanel.config_checks import config_problems


class ConfigError(ValueError):
    """The configuration is invalid; the message lists every problem with its location."""


def load_yaml(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def validate_config(config: Mapping[str, Any], schema_path: str | Path) -> dict[str, Any]:
    """Validate ``config`` against the JSON Schema, fill documented defaults, check references.

    Raises :class:`ConfigError` naming each offending key (``a.b[2]: message``) before any job runs.
    """
    schema = load_yaml(schema_path)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: list(e.absolute_path))
    problems = [f"{_where(e.absolute_path)}: {_message(e)}" for e in errors]
    cfg = _with_defaults(copy.deepcopy(dict(config)), schema, schema)
    if not problems:
        problems = _cross_checks(cfg) + config_problems(cfg)
    if not problems:
        _expand_data_dir(cfg)
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


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if ref and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return target
    return node


def _with_defaults(value: Any, node: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    node = _resolve(node, root)
    if not isinstance(value, dict) or node.get("type") != "object":
        return value
    props = node.get("properties", {})
    for key, sub in props.items():
        sub = _resolve(sub, root)
        if key not in value and "default" in sub:
            value[key] = copy.deepcopy(sub["default"])
        if key in value:
            value[key] = _with_defaults(value[key], sub, root)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        for key in value:
            if key not in props:
                value[key] = _with_defaults(value[key], extra, root)
    return value


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
