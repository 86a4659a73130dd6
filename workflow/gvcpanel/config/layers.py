"""The layers of a configuration and where each of its keys was written.

From the bottom: the shipped defaults (``config/defaults.yaml``); the configuration a user file
names with ``base:`` (itself possibly based on another: a chain, cycles refused); the user's
files (``--configfile``, in order); the command line's ``--config key=value``. Each layer is
merged over the ones below it by :func:`merge`. When no file (nor any ``base:``) defines a
country panel of its own (``country_panel.route``), ``config/config.yaml`` (the shipped default
panel) goes below them all, so that a file holding only the settings that differ is a whole
configuration.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gvcpanel.config.yaml_file import read_yaml, shown
from gvcpanel.errors import ConfigError, KeyPath

#: The configuration used without --configfile, and below a user file without a country panel.
DEFAULT_CONFIG = "config/config.yaml"
DEFAULTS = "config/defaults.yaml"


@dataclass(frozen=True)
class Layer:
    """One source of settings: ``source`` names it in messages (a file, or ``--config``)."""

    data: Mapping[str, Any]
    source: str = ""
    lines: Mapping[KeyPath, int] = field(default_factory=dict)

    def where(self, path: KeyPath) -> str:
        """``file:line`` of ``path`` (or of its nearest key written in this layer)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return f"{self.source}:{self.lines[path[:end]]}"
        return self.source


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


def file_layer(path: str | Path) -> Layer:
    """A configuration file as a layer, with the line of each key."""
    located = read_yaml(path)
    return Layer(located.data, located.source, located.lines)


def _chain(path: Path, project: Path, below: tuple[Path, ...]) -> list[Layer]:
    """The layers of ``path``: its ``base:`` chain first (bottom up), then the file itself."""
    real = path.resolve()
    if real in below:
        names = " -> ".join(str(p) for p in (*below, real))
        raise ConfigError(f"{shown(path)}: base: the configurations form a cycle: {names}")
    layer = file_layer(path)
    data = dict(layer.data)
    base = data.pop("base", None)
    if base is None:
        return [Layer(data, layer.source, layer.lines)]
    at = layer.where(("base",))
    if not isinstance(base, str) or not base:
        raise ConfigError(f"{at}: config.base: {base!r} is not a file name (e.g. {DEFAULT_CONFIG})")
    target = project / base
    if not target.is_file():
        raise ConfigError(
            f"{at}: config.base: {base} is not a file (base: is read relative to the project "
            f"folder {project}, e.g. base: {DEFAULT_CONFIG})"
        )
    own = Layer(data, layer.source, layer.lines)
    return [*_chain(target, project, (*below, real)), own]


def user_layers(files: Iterable[str | Path], project: str | Path) -> list[Layer]:
    """The layers above the defaults for ``--configfile`` files ``files`` (none: the default).

    Each file comes after its ``base:`` chain; ``config/config.yaml`` goes first when no layer
    defines a country panel of its own (``country_panel.route``).
    """
    project = Path(project)
    layers = [layer for f in files for layer in _chain(Path(f), project, ())]
    if not any(_own_panel(layer) for layer in layers):
        layers = [*_chain(project / DEFAULT_CONFIG, project, ()), *layers]
    return layers


def _own_panel(layer: Layer) -> bool:
    """Whether ``layer`` defines a country panel of its own: every such panel states its route
    (no default has one); an override of the default panel's inputs or years does not."""
    panel = layer.data.get("country_panel")
    return isinstance(panel, Mapping) and "route" in panel


@dataclass
class _Origin:
    """Where a key of the merged configuration was last written, and its keys' origins."""

    at: str
    mapping: bool
    children: dict[Any, _Origin] = field(default_factory=dict)


def _build(value: Any, layer: Layer, path: KeyPath) -> _Origin:
    node = _Origin(layer.where(path), isinstance(value, Mapping))
    if isinstance(value, Mapping):
        node.children = {k: _build(v, layer, (*path, k)) for k, v in value.items()}
    elif isinstance(value, list):
        node.children = {i: _build(v, layer, (*path, i)) for i, v in enumerate(value)}
    return node


def _overlay(node: _Origin, data: Mapping[str, Any], layer: Layer, path: KeyPath) -> None:
    """``data`` of ``layer`` over ``node``, following the rules of :func:`merge`."""
    for key, value in data.items():
        here = (*path, key)
        child = node.children.get(key)
        if value is None:
            node.children.pop(key, None)
        elif isinstance(value, Mapping) and child is not None and child.mapping:
            child.at = layer.where(here)
            _overlay(child, value, layer, here)
        else:
            node.children[key] = _build(value, layer, here)


class Origins:
    """Where each key of the merge of ``layers`` comes from, as ``file:line``."""

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.root = _Origin("", True)
        for layer in layers:
            _overlay(self.root, layer.data, layer, ())

    def __call__(self, path: KeyPath) -> str:
        """``file:line`` of ``path``, or of its nearest parent key; '' when unknown."""
        node, at = self.root, self.root.at
        for part in path:
            child = node.children.get(part)
            if child is None:
                break
            node, at = child, child.at or at
        return at
