"""The configuration reference of the documentation site, generated from the schema and defaults.

Every key of ``schemas/config.schema.yaml`` becomes one row (key, type, default, description):
the type from the schema's keywords, the default from ``config/defaults.yaml``, the description
from the schema's ``description`` or else the comment beside the key in the defaults file. A
schema keyword the renderer does not know raises, so the page cannot silently leave a rule out.

Also an MkDocs hook (``hooks:`` in ``mkdocs.yml``): :func:`on_page_markdown` replaces
:data:`MARKER` in a page with the reference, read from the files at build time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MARKER = "<!-- config-reference -->"
SCHEMA = "schemas/config.schema.yaml"
DEFAULTS = "config/defaults.yaml"
#: Schema keywords the renderer reads (shown as type, condition or row) or may leave out
#: (metadata, and what a type's description states)
KNOWN = {
    *("type", "enum", "const", "description", "properties", "required", "items", "prefixItems"),
    *("additionalProperties", "propertyNames", "minItems", "maxItems", "uniqueItems", "contains"),
    *("minProperties", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength"),
    *("pattern", "oneOf", "anyOf", "allOf", "if", "then", "$ref", "$schema", "$defs", "title"),
}
_NO_DEFAULT = object()


@dataclass(frozen=True)
class Row:
    """One key of the configuration."""

    key: str
    type: str
    default: str
    description: str
    group: str  # the top-level key, or "entries" for the keys of a $defs entry


def default_comments(text: str) -> dict[str, str]:
    """The comment beside each key of a block-style YAML file (continued on the lines beneath
    that are indented past the key), by dotted key path."""
    comments: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    last: tuple[int, str] | None = None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        key = re.match(r"\s*([A-Za-z_]\w*):(\s|$)", line)
        if key and not line.lstrip().startswith("#"):
            stack = [(i, k) for i, k in stack if i < indent] + [(indent, key[1])]
            path = ".".join(k for _, k in stack)
            last = (indent, path)
            comment = _trailing_comment(line[key.end() :])
            if comment:
                comments[path] = comment
        elif last and line.strip() and indent > last[0]:
            comment = _trailing_comment(line)
            if comment:
                comments[last[1]] = f"{comments.get(last[1], '')} {comment}".strip()
        else:
            last = None
    return comments


def _trailing_comment(text: str) -> str:
    found = re.search(r"(^|\s)#\s?(.*)$", text)
    return found[2].strip() if found else ""


def reference_rows(
    schema: Mapping[str, Any], defaults: Any, comments: Mapping[str, str]
) -> list[Row]:
    """One row per key of ``schema`` (nested keys dotted; ``<name>`` for a key the user names,
    ``[]`` for the items of a list), in the schema's order; then the keys of its entries."""
    walker = _Walker(schema, defaults, comments)
    for key, node in schema["properties"].items():
        walker.group = key
        walker.walk(node, key, key in schema.get("required", ()))
    walker.group, walker.defaults, done = "entries", {}, set()
    while pending := sorted(walker.entries - done):
        done.add(pending[0])
        walker.walk({"$ref": f"#/$defs/{pending[0]}"}, pending[0], False, expand=True)
    return walker.rows


class _Walker:
    def __init__(self, schema: Mapping[str, Any], defaults: Any, comments: Mapping[str, str]):
        self.defs = schema.get("$defs", {})
        self.defaults, self.comments = defaults, comments
        self.rows: list[Row] = []
        self.entries: set[str] = set()  # $defs with keys, listed once, after the settings
        self.group = ""

    def resolve(self, node: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(node) - KNOWN
        if unknown:
            raise ValueError(f"schema keyword(s) {sorted(unknown)} not rendered by the reference")
        if "$ref" not in node:
            return dict(node)
        target = self.resolve(self.defs[node["$ref"].rsplit("/", 1)[-1]])
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}

    def walk(self, raw: Mapping[str, Any], key: str, required: bool, expand: bool = False) -> None:
        """The row of ``key`` and, unless it is a ``$defs`` entry not to ``expand``, its keys'."""
        node = self.resolve(raw)
        folded = bool(self.entry(raw)) and not expand
        value = _lookup(self.defaults, key)
        if value is _NO_DEFAULT:
            default = "required" if required else ""
        elif isinstance(value, dict) and "properties" in node and not folded:
            default = ""  # its keys have rows of their own
        else:
            default = f"`{flow(value)}`"
        sentences = [node.get("description") or self.comments.get(key, ""), *self.conditions(node)]
        text = " ".join(s if s.endswith(".") else f"{s}." for s in sentences if s)
        kind = self.type_text(raw if folded else node)
        self.rows.append(Row(key, kind, default, text, self.group))
        if folded:
            return
        for name, child in node.get("properties", {}).items():
            self.walk(child, f"{key}.{name}", name in node.get("required", ()))
        extra, items = node.get("additionalProperties"), node.get("items")
        for sub, suffix in ((extra, ".<name>"), (items, "[]")):
            if isinstance(sub, Mapping) and self.inline_object(sub):
                self.walk(sub, key + suffix, False)

    def inline_object(self, node: Mapping[str, Any]) -> bool:
        """True for an object with keys of its own written in place (not a ``$defs`` entry)."""
        return not self.entry(node) and "properties" in self.resolve(node)

    def entry(self, node: Mapping[str, Any]) -> str | None:
        """The name of the ``$defs`` entry with keys of its own that ``node`` refers to."""
        name = node.get("$ref", "").rsplit("/", 1)[-1]
        return name if name and "properties" in self.defs[name] else None

    def type_text(self, node: Mapping[str, Any]) -> str:
        """The type of ``node`` in words: its JSON type, allowed values and bounds."""
        if self.entry(node):
            self.entries.add(self.entry(node))
            return f"[`{self.entry(node)}` entry](#{self.entry(node)})"
        node = self.resolve(node)
        if "enum" in node:
            return "one of " + ", ".join(f"`{flow(v)}`" for v in node["enum"])
        if "const" in node:
            return f"`{flow(node['const'])}`"
        for combine in ("oneOf", "anyOf"):
            if combine in node:
                return " or ".join(self.type_text(n) for n in node[combine])
        kinds = node.get("type", "object" if "properties" in node else "any")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if kinds == ["array"]:
            return self.array_text(node)
        if kinds == ["object"]:
            return self.object_text(node)
        text = " or ".join(kinds)
        if "pattern" in node:
            text += f" matching `{node['pattern']}`"
        return text + _bounds(node)

    def array_text(self, node: Mapping[str, Any]) -> str:
        if "prefixItems" in node:
            text = "pair [" + ", ".join(self.type_text(n) for n in node["prefixItems"]) + "]"
        else:
            text = "list of " + self.type_text(node.get("items", {}))
            lo, hi = node.get("minItems"), node.get("maxItems")
            if lo is not None and lo == hi:
                text += f", {lo} items"
            elif lo:
                text += f", at least {lo}"
        if "contains" in node:
            text += f", containing {self.type_text(node['contains'])}"
        return text

    def object_text(self, node: Mapping[str, Any]) -> str:
        extra = node.get("additionalProperties")
        if not isinstance(extra, Mapping) or "properties" in node:
            return "mapping"
        names = self.resolve(node.get("propertyNames", {}))
        keys = self.type_text(names) if "enum" in names else "name"
        value = self.type_text(extra)
        return f"mapping of {keys} → {value}"

    def conditions(self, node: Mapping[str, Any]) -> list[str]:
        """The schema's ``if``/``then`` rules of an object, as sentences."""
        rules = [*node.get("allOf", []), *([node] if "if" in node else [])]
        return [self.condition(rule["if"], rule["then"]) for rule in rules]

    def condition(self, when: Mapping[str, Any], then: Mapping[str, Any]) -> str:
        ((key, test),) = when["properties"].items()
        parts = []
        if then.get("required"):
            parts.append("requires " + _names(then["required"]))
        if "anyOf" in then:
            either = (name for option in then["anyOf"] for name in option["required"])
            parts.append("requires one of " + _names(either))
        for name, sub in then.get("properties", {}).items():
            if "required" in sub:
                parts.append(f"`{name}` requires {_names(sub['required'])}")
            if "propertyNames" in sub:
                parts.append(f"`{name}` may hold only {_names(sub['propertyNames']['enum'])}")
        if not parts or set(then) - {"required", "anyOf", "properties"}:
            raise ValueError(f"if/then rule not rendered by the reference: {when} -> {then}")
        return f"With `{key}: {flow(test['const'])}`: " + "; ".join(parts) + "."


def _names(names: Any) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _bounds(node: Mapping[str, Any]) -> str:
    signs = {"minimum": "≥", "exclusiveMinimum": ">", "maximum": "≤", "exclusiveMaximum": "<"}
    return "".join(f", {sign} {flow(node[k])}" for k, sign in signs.items() if k in node)


def _lookup(data: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return _NO_DEFAULT
        data = data[part]
    return data


def flow(value: Any) -> str:
    """``value`` as one line of YAML (flow style), as a configuration file may write it."""
    text = yaml.safe_dump(value, default_flow_style=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def render(schema: Mapping[str, Any], defaults_text: str) -> str:
    """The reference as Markdown: the top-level settings, a section per top-level mapping (its
    keys relative to it), then the entries (``$defs``) that several keys share."""
    rows = reference_rows(schema, yaml.safe_load(defaults_text), default_comments(defaults_text))
    sections: dict[tuple[str, str], list[Row]] = {("", ""): []}
    for row in rows:
        top = row.key.split(".", 1)[0]
        nested = any(r.key.startswith(f"{top}.") for r in rows if r.group == row.group)
        sections.setdefault((row.group, top) if nested else ("", ""), []).append(row)
    out = ["## Top-level settings", "", _table(sections.pop(("", "")), ""), ""]
    entries = [key for key in sections if key[0] == "entries"]
    for (group, top), part in sections.items():
        if entries and (group, top) == entries[0]:
            out += ["## Entries", "", "The keys of the entries that several settings share.", ""]
        level = "###" if group == "entries" else "##"
        about = part[0].description[:1].upper() + part[0].description[1:]
        out += [f"{level} `{top}`", "", about, "", _table(part[1:], top), ""]
    return "\n".join(out)


def _table(rows: list[Row], within: str) -> str:
    """The rows as a Markdown table, keys relative to the mapping ``within``."""
    lines = ["| key | type | default | description |", "|---|---|---|---|"]
    for row in rows:
        key = row.key.removeprefix(f"{within}.") if within else row.key
        cells = (f"`{key}`", row.type, row.default, row.description)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def reference(root: str | Path) -> str:
    """The reference of the project in ``root``, from its schema and defaults files."""
    root = Path(root)
    schema = yaml.safe_load((root / SCHEMA).read_text(encoding="utf-8"))
    return render(schema, (root / DEFAULTS).read_text(encoding="utf-8"))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """MkDocs hook: the reference in place of :data:`MARKER`."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, reference(Path(config["config_file_path"]).parent))
