"""Configuration: the layers (defaults, ``base:`` chain, the user's files, ``--config``), JSON
Schema validation with readable messages, and cross-references.

The defaults (``config/defaults.yaml``) are the one place where a default value is written: the
user's file is merged over them (mappings key by key, recursively; a list or a scalar replaces the
default; ``null`` removes a default section, e.g. ``liu_2013: null`` runs only the country side).
See ``gvcpanel.config.layers`` for the layers and ``gvcpanel.config.yaml_file`` for how files
are read.

Every problem is reported as ``file:line: config.key: message``, the file and line being where the
offending key was last written (a user file, the ``base:`` it names, or the defaults).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jsonschema

from gvcpanel.config.checks import config_problems
from gvcpanel.config.coverage import coverage_problems
from gvcpanel.config.layers import DEFAULTS, Layer, Origins, file_layer, merge, user_layers
from gvcpanel.config.paths import expand_data_dir
from gvcpanel.config.yaml_file import load_schema, load_yaml
from gvcpanel.errors import ConfigError, ConfigProblem

__all__ = ["ConfigError", "load_config", "load_yaml", "merge", "validate_config"]

SCHEMA = "schemas/config.schema.yaml"
#: JSON Schema counts 50.0 as an integer; a configuration may not: an integer setting is written
#: without a decimal point, so that 50.0 is refused with its key instead of failing in a job.
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
)
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=_TYPES)


def load_config(
    configfiles: Iterable[str | Path],
    overrides: Mapping[str, Any] | None,
    project: str | Path,
    cache: str | Path | None = None,
) -> dict[str, Any]:
    """The validated configuration of a run: the defaults, the layers of ``configfiles`` (the
    ``--configfile`` files; none: ``config/config.yaml``) and ``overrides`` (``--config``).

    ``project`` is the folder of the Snakefile: ``base:``, the defaults, the default
    configuration and the schema are read from it; ``cache`` keeps what each raw input holds
    (``gvcpanel.config.coverage``). Raises :class:`ConfigError`.
    """
    project = Path(project)
    try:
        layers = [file_layer(project / DEFAULTS), *user_layers(configfiles, project)]
    except ConfigError as exc:  # a file that cannot be read: no layer to validate
        raise ConfigError(f"invalid configuration:\n  {exc}") from None
    if overrides:
        layers.append(Layer(dict(overrides), "--config"))
    return validate_layers(layers, project / SCHEMA, cache)


def validate_config(
    config: Mapping[str, Any],
    schema_path: str | Path,
    defaults_path: str | Path | None = None,
) -> dict[str, Any]:
    """Merge ``config`` over the shipped defaults, validate it against the JSON Schema and check
    cross-references (see :func:`validate_layers`)."""
    if defaults_path is None:
        defaults_path = Path(schema_path).parents[1] / DEFAULTS
    return validate_layers([file_layer(defaults_path), Layer(config)], schema_path)


def validate_layers(
    layers: list[Layer], schema_path: str | Path, cache: str | Path | None = None
) -> dict[str, Any]:
    """Merge ``layers`` (bottom first), validate the result and check cross-references (the
    coverage of the raw inputs with ``cache``, see :func:`load_config`).

    Raises :class:`ConfigError` naming each offending key with the file and line it comes from
    (``file:line: config.a.b[2]: message``) before any job runs.
    """
    cfg: dict[str, Any] = {}
    for layer in layers:
        cfg = merge(cfg, layer.data)
    validator = _Validator(load_schema(schema_path))
    errors = sorted(validator.iter_errors(cfg), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [p for e in errors for p in _problems(e)]
    if not problems:
        problems = _cross_checks(cfg) + config_problems(cfg)
        expand_data_dir(cfg)
        problems += coverage_problems(cfg, cache)
    if problems:
        origins = Origins(layers)
        lines = [f"{origins(p.path)}: {p}" if origins(p.path) else str(p) for p in problems]
        raise ConfigError(f"invalid configuration ({SCHEMA}):\n  " + "\n  ".join(lines))
    return cfg


def _problems(error: jsonschema.ValidationError) -> list[ConfigProblem]:
    """One schema error as problems at the keys they concern (an unknown key at its own line)."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = list(error.schema.get("properties", {}))
        return [
            ConfigProblem((*path, key), _unknown(str(key), known))
            for key in error.instance
            if key not in known
        ]
    if "propertyNames" in error.relative_schema_path and error.validator == "pattern":
        return [
            ConfigProblem(
                (*path, error.instance),
                f"'{error.instance}' is not a name: the names of inputs, models and country sets "
                "become file names, so they are identifiers (letters, digits and _, not starting "
                "with a digit)",
            )
        ]
    message = error.message
    value = error.instance
    if error.validator == "type" and isinstance(value, float) and value.is_integer():
        message += f" (write {int(value)}, without a decimal point)"
    return [ConfigProblem(path, message)]


def _unknown(key: str, known: list[str]) -> str:
    """``unknown key 'yeras' (did you mean 'years'?)``, or the valid keys when none is close."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}' (did you mean '{close[0]}'?)"
    return f"unknown key '{key}' (valid keys here: {', '.join(known)})"


def _cross_checks(cfg: Mapping[str, Any]) -> list[ConfigProblem]:
    problems = []
    firms = cfg.get("liu_2013", {}).get("firms", {})
    if firms.get("source") == "files" and "files" not in firms:
        problems.append(
            ConfigProblem(("liu_2013", "firms"), "source 'files' needs a 'files' section")
        )
    panel = cfg["country_panel"]
    first, last = panel["years"]
    if first > last:
        problems.append(
            ConfigProblem(("country_panel", "years"), f"first year {first} after last year {last}")
        )
    for name, comp in panel["components"].items():
        if comp["input"] not in panel["inputs"]:
            problems.append(
                ConfigProblem(
                    ("country_panel", "components", name, "input"),
                    f"'{comp['input']}' is not one of the inputs ({', '.join(panel['inputs'])})",
                )
            )
    return problems
