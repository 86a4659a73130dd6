# Shared by every rule file (included first): the folders of a run, path helpers, the views of
# the configuration the rules read, and the guard of the results folder.
#
# Every job writes into the work area W = <results>/work; the last rule (`publish`,
# rules/publish.smk) makes the published folders <results>/tables, estimates, figures, ... point
# at a new release of it, and only when every other job of the run has succeeded.
import re
import sys
from pathlib import Path

from gvcpanel.code_version import script_code_hash
from gvcpanel.publish import describe, work_area
from gvcpanel.sources.icio_store import IcioStore, is_checked, store_folder
from gvcpanel.sources.registry import read_registry
from gvcpanel.run_guard import (
    ResultsBusy,
    acquire,
    adopt_work_area,
    clean,
    command_line,
    release_dead_run,
    resume_command,
)

R = config["results"]  # the results folder of this configuration
W = str(work_area(R))  # the work area: every output of every job
LOGS = f"{R}/logs"  # one log per job (kept when a job fails)
BENCHMARKS = f"{R}/benchmarks"
ENV = "../workflow/envs/gvcpanel.yaml"  # for --use-conda; relative to rules/*.smk

# The views of the configuration the rule files share
PANEL = config["country_panel"]
COUNTRY_INPUTS = PANEL["inputs"]
YEARS = list(range(PANEL["years"][0], PANEL["years"][1] + 1))
DATA = config["data_dir"]
QY = config["qu_yang_2023"]
LIU = config.get("liu_2013")
REGISTRY = read_registry("data/sources.csv")
STORE = store_folder()  # products of input-output tables, shared by configurations
ICIO = PANEL.get("icio")
# the store file of each year's products of the input-output table (gvcpanel.sources.icio_store)
ICIO_STORE = IcioStore(STORE, REGISTRY, ICIO, PANEL["strict_checksums"]) if ICIO else None


# Every rule runs its adapter, workflow/scripts/<name>.py, through RULE_SCRIPT and names it once,
# in `params: **runs("<name>")`: the name, and a hash of the package modules the adapter
# imports, so that an edit of the package reruns exactly the rules whose adapters import it.
RULE_SCRIPT = "../workflow/scripts/run_adapter.py"
runs = lambda name: {
    "runs": name,
    "code": script_code_hash(f"{workflow.basedir}/workflow/scripts/{name}.py"),
}
# The log of a job of rule `rule` (`job`: its wildcards, e.g. "{model}"), and its benchmark file
job_file = lambda folder, rule, job, suffix: f"{Path(folder, rule, job)}{suffix}"
logs = lambda rule, job="": job_file(LOGS, rule, job, ".log")
benchmarks = lambda rule, job="": job_file(BENCHMARKS, rule, job, ".tsv")


# The front page of the HTML report: what the exhibits are and where they are
report: "../report/workflow.rst"


# An output shown in the HTML report (`snakemake --report`), under its paper (`category`) and
# kind (`subcategory`), listed by its title: "Table 3", "Table 3 vs. paper", "Figure 14" from the
# file name, else `title`
report_title = lambda path, title=None: title or re.sub(
    r"^(table|figure)(\w+?)(_vs_paper)?$",
    lambda m: f"{m[1].title()} {m[2]}" + (" vs. paper" if m[3] else ""),
    Path(path).stem,
)
exhibit = lambda path, caption, category, subcategory, title=None: report(
    path,
    caption=caption,
    category=category,
    subcategory=subcategory,
    labels={"Exhibit": report_title(path, title)},
)

# The formats every table rule writes, and the outputs of the tables `stems` of a rule:
# `{stem}_{format}` -> `{base}/{stem}.{format}`, the HTML marked for the report
TABLE_FORMATS = lookup(dpath="report/table_formats", within=config)
table_files = lambda base, stems, caption, category: {
    f"{stem}_{fmt}": (
        f"{base}/{stem}.{fmt}"
        if fmt != "html"
        else exhibit(f"{base}/{stem}.{fmt}", caption, category, "Tables")
    )
    for stem in stems
    for fmt in TABLE_FORMATS
}


# The guard of the results folder, in the main Snakemake process only (cluster jobs parse this
# file again): one run per results folder, the leftovers of killed runs removed, and a work area
# Snakemake has records of.
if workflow.is_main_process:
    try:
        acquire(R, command_line())
    except ResultsBusy as exc:
        sys.exit(str(exc))
    clean(R)
    for _note in (release_dead_run(R), adopt_work_area(R)):
        if _note:
            print(_note, file=sys.stderr)


onsuccess:
    print(f"gvcpanel: published results in {R}: {describe(R)}", file=sys.stderr)


onerror:
    print(
        f"gvcpanel: the run did not finish. The published results in {R} are unchanged: "
        f"{describe(R)}. Jobs that finished are kept in {W} and will not run again. "
        f"Fix the error above (the job's log is under {LOGS}/), then resume with:\n"
        f"    {resume_command()}",
        file=sys.stderr,
    )
