"""The live chart's and the debrief timeline's time-axis labels are never cut at the edge (issue 15)."""

from __future__ import annotations

import re

import pytest

from simulator.model.scenario import load_scenario
from simulator.view import theme
from simulator.view.drawing import chart as chart_mod
from simulator.view.scenes.play import PlayScene

from view_helpers import make_app

TIME_LABEL = re.compile(r"^\d+:\d\d$")


def _recording(monkeypatch):
    """Wrap the chart module's text(): every time label drawn, with the surface it went on."""
    drawn = []
    real = chart_mod.text

    def spy(surface, font, s, pos, colour, anchor="topleft", **kw):
        r = real(surface, font, s, pos, colour, anchor=anchor, **kw)
        if TIME_LABEL.match(s):
            drawn.append((s, r, surface.get_rect()))
        return r

    monkeypatch.setattr(chart_mod, "text", spy)
    return drawn


def test_no_live_chart_time_label_is_cut_at_any_size_or_text_size(monkeypatch):
    drawn = _recording(monkeypatch)
    app = make_app(size=(1280, 720))
    play = app.push(PlayScene(app, load_scenario("still_face"), demo=True))
    # Just past a tick at the right edge (91 s: "1:30" sits at the plot's right end), and later windows.
    for t in (31.0, 61.0, 91.0, 92.0, 121.5, 151.0):
        play.run_until(t)
        for size in ((1024, 600), (1280, 720), (1920, 1080)):
            app.resize(size)
            for k in range(len(theme.TEXT_SCALES)):
                app.text_scale_index = k
                app.tick(0.0)
    assert drawn, "the chart drew no time labels"
    for label, r, bounds in drawn:
        assert bounds.contains(r), f"{label!r} at {r} cut by the chart's edge {bounds}"


def test_axis_labels_keep_every_label_inside_and_apart():
    app = make_app(size=(1280, 720))
    f = app.font(theme.SIZE_TINY)
    w = f.size("10:30")[0]
    ticks = [(0, "0:00"), (w // 3, "0:30"), (200, "1:00"), (398, "1:30")]
    out = chart_mod.axis_labels(f, ticks, 10, 0, 400)
    shown = [label for label, _ in out]
    assert "0:00" in shown and "1:30" in shown and "1:00" in shown
    assert "0:30" not in shown  # it would overlap 0:00
    rects = [r for _, r in out]
    assert all(0 <= r.left and r.right <= 400 for r in rects)
    assert all(a.right < b.left for a, b in zip(rects, rects[1:]))
    assert dict(out)["1:30"].right == 398  # ends at its tick rather than running past the edge
