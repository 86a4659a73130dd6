"""The script of every rule: runs the rule's adapter, ``workflow/scripts/<params.runs>.py``.

Each rule names its adapter once (``params: **runs("<name>")`` in ``rules/common.smk``); the
adapter reads the ``snakemake`` object as if Snakemake had run it directly.
"""

import runpy
from pathlib import Path

sm = snakemake  # noqa: F821  (injected by Snakemake)
runpy.run_path(
    str(Path(__file__).with_name(f"{sm.params.runs}.py")),
    init_globals={"snakemake": sm},
    run_name="__main__",
)
