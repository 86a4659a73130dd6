"""Liu Figures 1–13: all written as PNG and PDF, byte-identical on a re-run, with a caption file
that names every figure and marks each parameter as the paper's or a choice."""

from __future__ import annotations

from gvcpanel.papers.liu_2013 import theory_figures
from gvcpanel.papers.liu_2013.theory_figures import write_theory_figures
from gvcpanel.papers.liu_2013.theory_panels import PANELS, TITLES


def test_theory_figures_are_written_deterministically(tmp_path):
    first = write_theory_figures(tmp_path / "a")
    second = write_theory_figures(tmp_path / "b")
    names = [f"figure{k}.{ext}" for k in range(1, 14) for ext in ("png", "pdf")]
    assert [p.name for p in first] == [*names, "captions.md"]
    for a, b in zip(first, second, strict=True):
        assert a.stat().st_size > 1000 or a.name == "captions.md"
        assert a.read_bytes() == b.read_bytes(), a.name


def test_captions_follow_the_paper_notes(tmp_path):
    text = write_theory_figures(tmp_path)[-1].read_text()
    for k, title in TITLES.items():
        assert f"## Figure {k}. {title}" in text
    # the paper's notes: Figure 9 states ρ = 0.4, Figure 11 B leaves ρ open, Figure 7 leaves T(0)
    fig9 = text.split("## Figure 9.")[1].split("## Figure 10.")[0]
    assert "ρ = 0.4 (paper)" in fig9 and "L_S = 100 (paper)" in fig9
    fig11 = text.split("## Figure 11.")[1].split("## Figure 12.")[0]
    assert "Panel B: L_S = 10 (paper)" in fig11 and "ρ = 0.4 (chosen)" in fig11
    fig7 = text.split("## Figure 7.")[1].split("## Figure 8.")[0]
    assert "T(0) ∈ {0.01, 0.1, 0.3} (values chosen)" in fig7
    # Figures 12 and 13 state every parameter
    for k in (12, 13):
        assert "(chosen)" not in PANELS[k][0].caption().split("; horizon")[0]


def test_figure8_labels_at_least_two_values_on_every_panel(tmp_path, monkeypatch):
    """Each welfare panel (log scale, some spanning less than a decade) names two or more of the
    values it shows, so the North's panels can be read."""
    shown = []
    monkeypatch.setattr(theory_figures, "_finish", lambda fig, k, out: shown.append(fig) or [])
    theory_figures.figure8(tmp_path / "figure8")
    (fig,) = shown
    fig.canvas.draw()
    for ax in fig.axes:
        low, high = ax.get_ylim()
        labelled = [
            t
            for t in ax.yaxis.get_ticklabels(which="both")
            if t.get_text() and low <= t.get_position()[1] <= high
        ]
        assert len(labelled) >= 2, ax.get_title()
