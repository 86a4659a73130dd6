"""The script of every rule: runs the rule's adapter, ``workflow/scripts/<params.runs>.py``.

Each rule names its adapter once (``params: **runs("<name>")`` in ``rules/common.smk``); the
adapter reads the ``snakemake`` object as if Snakemake had run it directly.

When the adapter has finished, the job's CPU time is appended to its log (``gvcpanel: job CPU``)
and the process ends without the interpreter's teardown of the libraries the job imported
(0.1-0.2 CPU s per job: its outputs are written and closed by then, its logs flushed).
"""

import logging
import os
import resource
import runpy
import sys
from pathlib import Path

sm = snakemake  # noqa: F821  (injected by Snakemake)
runpy.run_path(
    str(Path(__file__).with_name(f"{sm.params.runs}.py")),
    init_globals={"snakemake": sm},
    run_name="__main__",
)
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
with open(sm.log[0], "a", encoding="utf-8") as log:
    log.write(
        f"gvcpanel: job CPU {cpu:.2f} s (user {usage.ru_utime:.2f}, system {usage.ru_stime:.2f})\n"
    )
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
