"""Rule adapter: publish the work area as the new release of the results folder (all at once)."""

import hashlib
import json
import time

from gvcpanel import __version__
from gvcpanel.logs import rule_logging
from gvcpanel.publish import publish

sm = snakemake  # noqa: F821  (injected by Snakemake)

with rule_logging(sm) as log:
    config = json.dumps(dict(sm.config), sort_keys=True, default=str).encode()
    record = {
        "published": time.strftime("%Y-%m-%d %H:%M:%S"),
        "config_sha256": hashlib.sha256(config).hexdigest(),
        "gvcpanel": __version__,
    }
    manifest = publish(sm.params.results, record, marker=sm.output.manifest)
    log.info("published %d files as release %s", len(manifest["files"]), manifest["release"])
