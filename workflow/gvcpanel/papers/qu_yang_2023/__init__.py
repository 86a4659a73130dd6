"""Qu & Yang (2023): the paper's models, tables and sample.

Eqs (16)-(18) are the linear models of Table 1, eqs (19)-(20) the threshold models of Tables 2
and 3; the configuration may change their specifications but these are the models the tables
report.
"""

from __future__ import annotations

STUDY = "qu_yang_2023"

#: The paper's models and the equation each is, as the tables and figures cite it.
EQUATIONS: dict[str, str] = {
    "eq16": "(16)",
    "eq17": "(17)",
    "eq18_2y": "(18) 2-year",
    "eq18_4y": "(18) 4-year",
    "eq19": "(19)",
    "eq20": "(20)",
}
#: The regressor whose slope changes at the thresholds, eqs (19) and (20).
THRESHOLD_REGIMES: dict[str, str] = {"eq19": "mu", "eq20": "upsilon"}
#: Tables 2 and 3 columns: the threshold models, eqs (19) and (20).
THRESHOLD_MODELS: tuple[str, ...] = tuple(THRESHOLD_REGIMES)
#: Table 1 columns: eqs (16), (17) and (18) with 2- and 4-year changes.
TABLE1_MODELS: tuple[str, ...] = tuple(m for m in EQUATIONS if m not in THRESHOLD_REGIMES)
#: Table 2 tests one, two and three thresholds.
MAX_THRESHOLDS = 3

#: The paper's 21 countries with their World Bank names.
COUNTRIES: dict[str, str] = {
    "AUS": "Australia",
    "AUT": "Austria",
    "BEL": "Belgium",
    "CAN": "Canada",
    "DNK": "Denmark",
    "FIN": "Finland",
    "FRA": "France",
    "DEU": "Germany",
    "ITA": "Italy",
    "JPN": "Japan",
    "KOR": "Korea, Rep.",
    "NLD": "Netherlands",
    "NZL": "New Zealand",
    "NOR": "Norway",
    "PRT": "Portugal",
    "ESP": "Spain",
    "SWE": "Sweden",
    "CHE": "Switzerland",
    "GBR": "United Kingdom",
    "USA": "United States",
    "CHN": "China",
}
