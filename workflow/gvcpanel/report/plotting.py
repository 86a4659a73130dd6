"""Figures written as PNG and PDF with deterministic metadata (same inputs, same bytes)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from gvcpanel.io import atomic_path  # noqa: E402

FORMATS = {"png": {"Software": None}, "pdf": {"CreationDate": None}}


def save_figure(fig: plt.Figure, out_base: str | Path) -> list[Path]:
    """Save ``fig`` as ``<out_base>.png`` and ``.pdf`` atomically, without time stamps."""
    paths = []
    for ext, metadata in FORMATS.items():
        path = Path(out_base).with_suffix(f".{ext}")
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=ext, metadata=metadata, dpi=150)
        paths.append(path)
    plt.close(fig)
    return paths
