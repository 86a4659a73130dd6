"""The configuration reference of the documentation site (``tools/config_reference.py``) holds
every key of the schema with the default ``config/defaults.yaml`` gives it, and refuses what it
cannot render."""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import config_reference  # noqa: E402

SCHEMA = yaml.safe_load((ROOT / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))
DEFAULTS_TEXT = (ROOT / "config" / "defaults.yaml").read_text(encoding="utf-8")
DEFAULTS = yaml.safe_load(DEFAULTS_TEXT)


@pytest.fixture(scope="module")
def rows() -> dict[str, config_reference.Row]:
    found = config_reference.reference_rows(
        SCHEMA, DEFAULTS, config_reference.default_comments(DEFAULTS_TEXT)
    )
    return {row.key: row for row in found}


def leaves(data: object, path: str = "") -> list[tuple[str, object]]:
    """(dotted path, value) of every scalar and list of a nested mapping."""
    if not isinstance(data, dict) or not data:
        return [(path, data)]
    return [leaf for k, v in data.items() for leaf in leaves(v, f"{path}.{k}" if path else k)]


def property_names(node: object) -> set[str]:
    """Every key of every ``properties`` mapping anywhere in a schema."""
    if isinstance(node, list):
        return {name for item in node for name in property_names(item)}
    if not isinstance(node, dict):
        return set()
    own = set(node["properties"]) if isinstance(node.get("properties"), dict) else set()
    return own | {name for value in node.values() for name in property_names(value)}


def test_every_default_is_in_a_row_as_written(rows):
    for path, value in leaves(DEFAULTS):
        parts = path.split(".")
        shown = next(
            (rows[key] for i in range(len(parts), 0, -1) if (key := ".".join(parts[:i])) in rows),
            None,
        )
        assert shown is not None and shown.default, f"no row shows the default of {path}"
        row_value = yaml.safe_load(shown.default.strip("`"))
        for part in parts[len(shown.key.split(".")) :]:
            row_value = row_value[part]
        assert row_value == value, (path, shown.default)


def test_every_schema_key_has_a_row_with_a_description(rows):
    last_parts = {key.rsplit(".", 1)[-1].removesuffix("[]") for key in rows}
    assert property_names(SCHEMA) - last_parts == set()
    assert [key for key, row in rows.items() if not row.description] == []


def test_types_name_the_allowed_values_and_bounds(rows):
    se = SCHEMA["properties"]["qu_yang_2023"]["properties"]["se"]["enum"]
    assert rows["qu_yang_2023.se"].type == "one of " + ", ".join(f"`{v}`" for v in se)
    assert rows["seed"].type == "integer, ≥ 0"
    assert rows["qu_yang_2023.threshold.trim"].type == "list of number, ≥ 0, < 0.5, 3 items"
    assert rows["country_panel.countries"].default == "required"
    assert "`input` entry" in rows["country_panel.inputs"].type
    assert rows["input.layout"].default == "required"


def test_conditional_rules_are_sentences(rows):
    text = rows["country_panel"].description
    assert "With `route: icio`: requires `icio`;" in text
    assert (
        "With `source: files`: requires one of `costs`, `sea`."
        in rows["qu_yang_2023.table5"].description
    )


def test_descriptions_fall_back_to_the_comment_beside_the_default(rows):
    assert rows["qu_yang_2023.threshold.reps"].description == (
        "bootstrap replications per test, as in the paper."
    )


def test_comments_continue_on_lines_indented_past_their_key():
    text = (
        "a:\n"
        "  b: 1      # first\n"
        "            # and more\n"
        "  c: [x,\n"
        "      y]    # of c\n"
        "  # not a continuation\n"
        "  d: 2\n"
    )
    assert config_reference.default_comments(text) == {"a.b": "first and more", "a.c": "of c"}


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": {"type": "string", "format": "date"}}},
        # a flow mapping whose description held a comma: {description: one, two}
        {"properties": {"a": {"type": "string", "description": "one", "two": None}}},
        {
            "properties": {
                "a": {
                    "type": "object",
                    "if": {"properties": {"b": {"const": 1}}},
                    "then": {"not": {"required": ["c"]}},
                }
            }
        },
    ],  # fmt: skip
)
def test_what_the_reference_cannot_render_raises(schema):
    with pytest.raises(ValueError, match="not rendered"):
        config_reference.reference_rows(schema, {}, {})


def test_the_hook_puts_the_reference_in_place_of_the_marker():
    page = f"# Reference\n\n{config_reference.MARKER}\n"
    config = {"config_file_path": str(ROOT / "mkdocs.yml")}
    out = config_reference.on_page_markdown(page, None, config, None)
    assert config_reference.MARKER not in out
    reps = DEFAULTS["qu_yang_2023"]["threshold"]["reps"]
    assert "## `qu_yang_2023`" in out and f"| `threshold.reps` | integer, ≥ 0 | `{reps}` |" in out
    assert config_reference.on_page_markdown("# Other\n", None, config, None) == "# Other\n"
