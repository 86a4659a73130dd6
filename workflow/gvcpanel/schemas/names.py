"""Column names of the country panel, for code that reads them without pandera (the
configuration checks run whenever Snakemake parses the workflow); the tests check that they are
the columns of :class:`gvcpanel.schemas.panels.CountryPanel`."""

from __future__ import annotations

#: The keys of the country panel.
COUNTRY_PANEL_KEYS: tuple[str, ...] = ("iso3", "year")
#: The variables of the country panel (the columns a model may name), in schema order.
COUNTRY_PANEL_VARIABLES: tuple[str, ...] = ("gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop")
