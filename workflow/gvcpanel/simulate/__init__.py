"""simulate sub-package."""
