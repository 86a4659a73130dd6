"""sources sub-package."""
