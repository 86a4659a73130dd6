"""Liu Figures 14–17: written as PNG and PDF, byte-identical on a re-run."""

from __future__ import annotations

from liu_data import random_firms

from gvcpanel.construct.decomposition import liu_decomposition
from gvcpanel.construct.liu_panel import industry_panel
from gvcpanel.report import figures


def test_liu_figures_are_written_deterministically(tmp_path):
    firms = random_firms(8, n_firms=400, years=range(1998, 2008))
    panel = industry_panel(firms)
    changes = liu_decomposition(firms, span=3, level="cic2")
    span = changes[changes.year == 2007]  # few random firms live 1998-2007: a 3-year span

    def draw(folder):
        return [
            *figures.liu_figure14(panel, folder / "figure14", n_industries=3),
            *figures.liu_figure15(panel, folder / "figure15", share=0.25),
            *figures.liu_figure16(panel, folder / "figure16"),
            *figures.liu_figure17(span, folder / "figure17"),
        ]

    first = draw(tmp_path / "a")
    second = draw(tmp_path / "b")
    assert [p.name for p in first] == [
        f"figure{k}.{ext}" for k in (14, 15, 16, 17) for ext in ("png", "pdf")
    ]
    for a, b in zip(first, second, strict=True):
        assert a.stat().st_size > 1000
        assert a.read_bytes() == b.read_bytes(), a.name
