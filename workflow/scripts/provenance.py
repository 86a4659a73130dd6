"""Rule adapter: the run's environment (packages, interpreter, lock hashes) as provenance.json."""

from gvcpanel.io import write_json
from gvcpanel.logs import rule_logging
from gvcpanel.report.provenance import provenance

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    record = provenance(list(sm.input.locks))
    if not record["matches_lock"]:
        log.warning("the environment matches no lock file: see %s", sm.output.provenance)
    for path, info in record["locks"].items():
        state = "matches" if info["matches"] else f"{len(info['differences'])} packages differ"
        log.info("%s: %s", path, state)
    write_json(sm.output.provenance, record)
