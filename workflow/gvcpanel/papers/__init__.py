"""The structure of each replicated paper (models, tables, published constants), in one place."""
