"""estimate sub-package."""
