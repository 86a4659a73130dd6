"""construct sub-package."""
