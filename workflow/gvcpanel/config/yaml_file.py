"""Configuration files as YAML: safe tags only, bounded in size, with the line of every key.

A YAML alias (``*name``) repeats the node its anchor (``&name``) marks without copying it, so a
few nested aliases describe a structure of billions of values ("billion laughs") that any walk of
the configuration (validation, a message quoting it, Snakemake's parameter hashes) expands. The
loader counts every value as the configuration would be expanded, aliases included, and stops at
:data:`MAX_VALUES` naming the file and line where the limit was passed: anchors and aliases stay
usable for their ordinary purpose (repeating a list of countries or a model's regressors).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gvcpanel.errors import ConfigError, KeyPath

#: Values (mapping entries, list items, scalars) a configuration file may expand to; the shipped
#: defaults hold about 600.
MAX_VALUES = 100_000
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Located:
    """The data of one configuration file and the 1-based line of each of its keys."""

    data: dict[str, Any]
    source: str
    lines: dict[KeyPath, int] = field(default_factory=dict)


def shown(path: str | Path) -> str:
    """``path`` as messages name it: relative to the working directory when inside it."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else rel


class _Loader(yaml.SafeLoader):
    """SafeLoader that counts the expanded size and records the key/value nodes of mappings."""

    def __init__(self, stream: str, name: str) -> None:
        super().__init__(stream)
        self.name = name
        self.values = 0
        self.sizes: dict[int, int | None] = {}
        self.pairs: dict[int, list[tuple[Any, int, yaml.Node]]] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Count the node (an alias: the values it repeats) before composing it."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) and event.anchor in self.anchors:
            size = _size(self.anchors[event.anchor], self.sizes)
            self._count(size, event.start_mark, f"the alias *{event.anchor}")
        elif not isinstance(event, yaml.AliasEvent):
            self._count(1, event.start_mark, "the value")
        return super().compose_node(parent, index)

    def _count(self, size: int | None, mark: yaml.Mark, what: str) -> None:
        self.values += MAX_VALUES + 1 if size is None else size
        if self.values > MAX_VALUES:
            raise ConfigError(
                f"{self.name}:{mark.line + 1}: {what} makes the configuration larger than "
                f"{MAX_VALUES} values (YAML anchors and aliases repeat what they name: nested "
                "ones multiply); write the values out, or use fewer aliases"
            )

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, once its keys are known to be unique; its keys' lines are recorded."""
        seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                line = key_node.start_mark.line + 1
                if key_node.value in seen:
                    raise ConfigError(
                        f"{self.name}:{line}: key '{key_node.value}' given twice in one mapping "
                        f"(first on line {seen[key_node.value]}); keep one"
                    )
                seen[key_node.value] = line
        mapping = super().construct_mapping(node, deep=deep)
        self.pairs[id(node)] = [
            (self.construct_object(k), k.start_mark.line + 1, v) for k, v in node.value
        ]
        return mapping


def _size(node: yaml.Node, sizes: dict[int, int | None]) -> int | None:
    """Values in ``node`` with every alias expanded; None for a node that contains itself."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = None  # in progress: meeting it again means the node contains itself
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    total = 1
    for child in children:
        size = _size(child, sizes)
        if size is None:
            return None
        total += size
    sizes[key] = total
    return total


def _record(
    loader: _Loader, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], inside: set[int]
) -> None:
    """The line of every key and list item below ``node`` (aliases expanded, bounded by the
    count of :meth:`_Loader.compose_node`); ``inside`` holds the nodes on the way down."""
    if id(node) in inside:
        raise ConfigError(
            f"{loader.name}:{node.start_mark.line + 1}: a YAML alias repeats a value inside "
            "itself (a loop); write the values out"
        )
    if isinstance(node, yaml.MappingNode):
        children = [
            ((*path, key), line, child) for key, line, child in loader.pairs.get(id(node), [])
        ]
    elif isinstance(node, yaml.SequenceNode):
        children = [((*path, i), c.start_mark.line + 1, c) for i, c in enumerate(node.value)]
    else:
        return
    inside.add(id(node))
    for key, line, child in children:
        lines[key] = line
        _record(loader, child, key, lines, inside)
    inside.discard(id(node))


def read_yaml(path: str | Path) -> Located:
    """Load one configuration file (a mapping, or empty) with the line of each key.

    Raises :class:`ConfigError` naming the file and line for a file that is missing or not
    YAML, a duplicate key, a tag other than YAML's own, or an expansion beyond
    :data:`MAX_VALUES`.
    """
    name = shown(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot be read as a UTF-8 text file ({exc})") from None
    loader = _Loader(text, name)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{name}{line}: not valid YAML: {exc.problem or exc}") from None
    except RecursionError:
        raise ConfigError(f"{name}: nested too deeply to be a configuration") from None
    finally:
        loader.dispose()
    if data is None:
        return Located({}, name)
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:1: a configuration is a mapping of keys (e.g. `seed: 1`)")
    lines: dict[KeyPath, int] = {}
    _record(loader, node, (), lines, set())
    return Located(data, name, lines)


def load_yaml(path: str | Path) -> dict[str, Any]:
    """The data of a configuration (or schema) file, loaded as :func:`read_yaml` does."""
    return read_yaml(path).data


def load_schema(path: str | Path) -> dict[str, Any]:
    """The project's own JSON Schema file (read at every parse of the workflow): loaded safely
    with libyaml's C parser when PyYAML has it, without the key lines a user's file needs."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)
