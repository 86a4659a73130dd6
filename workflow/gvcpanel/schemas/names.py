"""Column names of the country panel and the firm tables, for code that needs the names without
pandera (the configuration checks, run whenever Snakemake parses the workflow; the firm
simulator); the tests check that they are the columns of the pandera models
(:class:`gvcpanel.schemas.panels.CountryPanel`, :mod:`gvcpanel.schemas.firms`)."""

from __future__ import annotations

#: The keys of the country panel.
COUNTRY_PANEL_KEYS: tuple[str, ...] = ("iso3", "year")
#: The variables of the country panel (the columns a model may name), in schema order.
COUNTRY_PANEL_VARIABLES: tuple[str, ...] = ("gvcp", "omega", "mu", "upsilon", "gr", "gdpp", "pop")

#: The key of a firm table, its identifier columns and its value columns (raw and clean).
KEY = ("firm_id", "year")
ID_COLUMNS = ("firm_id", "year", "cic4", "registration_type")
VALUE_COLUMNS = (
    "output",
    "value_added",
    "intermediate_inputs",
    "exports",
    "employment",
    "fixed_assets",
    "training_expense",
    "wage_bill",
)
RAW_COLUMNS = (*ID_COLUMNS, *VALUE_COLUMNS)
CLEAN_COLUMNS = ("firm_id", "year", "cic4", "cic2", "registration_type", "group", *VALUE_COLUMNS)
