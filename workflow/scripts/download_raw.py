"""Rule adapter: download a registered raw input and verify it against its registered vintage."""

from gvcpanel.logs import rule_logging
from gvcpanel.sources.download import fetch_registered

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    log.info("downloading %s", sm.params.remote.url)
    fetch_registered(sm.params.remote, sm.output.file)
