"""The A4 report draws its timeline with the view's chart and its colours with the view's print palette."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.model.actions import ACTION_IDS  # noqa: E402
from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.model.session import Session  # noqa: E402
from simulator.printout import report as R  # noqa: E402
from simulator.view import theme  # noqa: E402
from simulator.view.drawing import chart  # noqa: E402


@pytest.fixture(scope="module")
def run():
    """A short learner still-face session (choices in play and in the reunion), replayed for a report."""
    sc = load_scenario("still_face")
    s = Session(sc, n=1, learner=True, record=True, seed=5, overrides={f"episode.{e}.duration_s": 30.0 for e in ("play", "still_face", "reunion")})
    plan = {8: "smile", 40: "soothe", 100: "play"}
    k = 0
    while not s.finished:
        if k in plan:
            s.set_action(plan[k])
        s.step()
        k += 1
    from simulator.printout.documents import run_from_session
    return run_from_session(s)


def test_every_caregiver_action_has_a_group_in_the_strip():
    assert set(chart.GROUP_OF) == set(ACTION_IDS)
    assert set(theme.ACTION_GROUP_COLOURS) == {g for g, _ in chart.ACTION_GROUPS}


def test_the_report_timeline_is_the_views_chart_in_print_colours(run):
    page = R.Page(dpi=150)
    w = page.w - 2 * page.margin
    bottom = R.draw_timeline(page, page.margin, page.margin, w, run.tl, plot_pt=100)
    assert bottom == page.margin + R.chart_height(page, run.tl, 100)
    colours = {page.surf.get_at((x, y))[:3] for x in range(page.margin, page.margin + w, 2)
               for y in range(page.margin, bottom, 2)}
    p = theme.PRINT
    # The series and the strip's blocks in the palette's colours, the caregiver's action groups in the theme's.
    for c in (p.positive, p.negative, p.rupture, p.repair, theme.ACTION_GROUP_COLOURS["play"],
              theme.ACTION_GROUP_COLOURS["still"]):
        assert tuple(c) in colours, c
    # The learner's choices in the accent colour.
    assert tuple(p.accent) in colours


def test_a_longer_compared_session_sets_the_time_scale(run):
    page = R.Page(dpi=150)
    w = page.w - 2 * page.margin
    R.draw_timeline(page, page.margin, page.margin, w, run.tl, plot_pt=60, t_max=2 * run.tl.t_end)
    # With twice the time on the axis, the right half of the plot has no data: only the band and the grid.
    y0, y1 = page.margin + page.px(20), page.margin + page.px(60)
    right = {page.surf.get_at((x, y))[:3] for x in range(page.w - page.margin - w // 3, page.w - page.margin - 10, 3)
             for y in range(y0, y1, 3)}
    assert tuple(theme.PRINT.positive) not in right and tuple(theme.PRINT.negative) not in right


def test_the_legend_keys_the_series_the_marks_and_the_action_groups(run):
    page = R.Page(dpi=150)
    y = R.draw_legend(page, page.margin, page.margin, page.w - 2 * page.margin, True)
    assert y > page.margin + 3 * page.px(9)
    colours = {page.surf.get_at((x, yy))[:3] for x in range(0, page.w, 2) for yy in range(page.margin, y, 2)}
    for gid in theme.ACTION_GROUP_COLOURS:
        assert tuple(theme.ACTION_GROUP_COLOURS[gid]) in colours, gid
    pygame.quit()
