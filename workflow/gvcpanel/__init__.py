"""gvcpanel: replication pipeline for the empirical economics of global value chains.

Sub-packages: ``sources`` (readers of raw layouts), ``construct`` (constructed variables),
``estimate`` (estimators), ``report`` (tables and figures), ``simulate`` (default synthetic data).
Everything here is plain Python with no dependency on Snakemake.
"""

__version__ = "0.1.0"
