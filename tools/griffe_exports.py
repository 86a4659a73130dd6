"""A Griffe extension (the API reference of the documentation site): the flat names of
``gvcpanel`` as aliases of the objects they stand for.

``gvcpanel/__init__.py`` imports its public names on first use (PEP 562) from the mapping
``_EXPORTS`` (name -> module), which static analysis cannot follow; this reads that mapping, so
``::: gvcpanel.twoway`` documents ``gvcpanel.estimate.twoway.twoway`` under its public name
wherever the package keeps it.
"""

from __future__ import annotations

import ast
from typing import Any

import griffe


class FlatExports(griffe.Extension):
    """Adds an alias to ``gvcpanel`` for every entry of ``gvcpanel._EXPORTS``."""

    def on_module_members(self, *, mod: griffe.Module, **kwargs: Any) -> None:
        if mod.path != "gvcpanel":
            return
        exports = ast.literal_eval(str(mod.members["_EXPORTS"].value))
        for name, module in exports.items():
            mod.set_member(name, griffe.Alias(name, f"{module}.{name}", parent=mod))
