"""Pandera models of every raw and constructed table, and the configuration JSON Schema."""
