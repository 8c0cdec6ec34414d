"""Text that fits its box (Home cards, room narration), the demo's automatic Debrief, and a readable debrief strip."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pytest
from finished_runs import finished

from simulator.model.scenario import available, load_scenario
from simulator.view import theme
from view_helpers import click_button, drawn_strings, frame, make_app, press, shorten

SCALES = range(len(theme.TEXT_SCALES))


def _words(s: str) -> list[str]:
    return s.split()


# --- 1. Home: every card shows its whole title and question ----------------------------------------------------

@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("scale", SCALES)
def test_every_home_card_shows_its_whole_question_inside_the_card(scale, projector):
    from simulator.view.scenes.home import plan_card
    app = make_app(projector=projector)
    app.text_scale_index = scale
    home = app.top
    home.relayout()
    seen_ids = set()
    for _ in range(len(home.scenarios)):  # every page
        cards = [b for b in home.group.items if b.ident.startswith("scenario:")]
        for k, a in enumerate(cards):
            assert 0 <= a.rect.left and a.rect.right <= app.layout.w and a.rect.bottom <= home.bottom_row_y() - 4
            assert a.rect.top >= home.cards_top()
            for b in cards[k + 1:]:
                assert not a.rect.colliderect(b.rect)
        for b in cards:
            sc = next(s for s in home.scenarios if f"scenario:{s.id}" == b.ident)
            seen_ids.add(sc.id)
            plan = plan_card(app, sc, b.rect, home.compact, home.title_px, home.question_px)
            assert plan.fits, (sc.id, scale)
            assert _words(" ".join(plan.question_lines)) == _words(sc.question)
            qf = plan.question_font
            assert all(qf.size(line)[0] <= plan.question_rect.w for line in plan.question_lines)
            assert qf.get_height() >= round(theme.SIZE_TINY * app.text_scale) - 1  # never below the readable floor
            for part in (plan.title_rect, plan.question_rect, plan.meta_rect):
                assert b.rect.contains(part), (sc.id, part)
            assert not plan.title_rect.colliderect(plan.question_rect)
            assert not plan.question_rect.colliderect(plan.meta_rect)
            # What is actually drawn: the whole question, and no line shortened with an ellipsis.
            surf = pygame.Surface((1280, 720))
            drawn = drawn_strings(lambda: b.draw(surf, app, False, False))
            assert not any(s.endswith("…") for s in drawn), (sc.id, drawn)
            assert " ".join(_words(sc.question)) in " ".join(_words(" ".join(drawn)))
        more = home.group.find("more")
        if more is None:
            break
        more.activate()
    assert seen_ids == {sc.id for sc in home.scenarios}  # every scenario is on some page


def test_the_default_text_size_shows_every_bundled_scenario_within_two_pages():
    # One page while the scenarios fitted on it; with the caregiver well-being scenarios they take two.
    app = make_app()
    home = app.top
    seen = set()
    for _ in range(2):
        seen |= {b.ident for b in home.group.items if b.ident.startswith("scenario:")}
        if home.group.find("more") is None:
            break
        home.next_page()
    assert seen == {f"scenario:{sid}" for sid in available()}


# --- 1. The room: every episode's narration is drawn whole, inside the room -----------------------------------------

@pytest.mark.parametrize("scale", SCALES)
def test_every_bundled_narration_is_wrapped_whole_inside_the_room(scale):
    from simulator.view.drawing.room import NARRATION_MAX_SHARE, NARRATION_PAD, ROOM, draw_narration, narration_layout
    from simulator.view.widgets import paragraph_fits
    app = make_app(projector=scale == 2)
    app.text_scale_index = scale
    px, py = NARRATION_PAD
    checked = 0
    for sid in available():
        for ep in load_scenario(sid).episodes:
            if not ep.narration:
                continue
            f, lines, box = narration_layout(app, ep.narration)
            assert ROOM.contains(box)
            assert box.h <= ROOM.h * NARRATION_MAX_SHARE
            assert _words(" ".join(lines)) == _words(ep.narration)
            assert paragraph_fits(f, ep.narration, box.w - 2 * px, box.h - 2 * py)
            assert f.get_height() >= round(theme.SIZE_TINY * app.text_scale) - 1
            surf = pygame.Surface((1280, 720))
            drawn = drawn_strings(lambda: draw_narration(surf, app, ep.narration))
            assert not any(s.endswith("…") for s in drawn)
            assert _words(" ".join(drawn)) == _words(ep.narration)
            checked += 1
    assert checked > 20


def test_long_narration_stays_up_long_enough_to_read():
    from simulator.view.drawing.room import narration_seconds
    assert narration_seconds("Short.") == theme.NARRATION_MIN_S
    long = " ".join(["word"] * 60)
    assert narration_seconds(long) == pytest.approx(60 / theme.NARRATION_WORDS_PER_S)


def test_the_play_scene_shows_an_episodes_whole_narration():
    app = make_app()
    shorten(app)
    click_button(app, "scenario:everyday_rupture_repair")
    click_button(app, "option:0")
    click_button(app, "start")
    play = app.top
    narration = play.session.current_episode.narration
    assert play.toast == narration and play.toast_s > theme.NARRATION_MIN_S
    drawn = drawn_strings(lambda: play._draw_room(pygame.Surface((1280, 720))))
    assert " ".join(_words(narration)) in " ".join(_words(" ".join(drawn)))
    assert not any(s.endswith("…") for s in drawn)


def _play_with_narration():
    app = make_app()
    shorten(app)
    click_button(app, "scenario:nursery_drop_off")
    click_button(app, "option:0")
    click_button(app, "start")
    play = app.top
    frame(app)
    assert play.narration_showing() and play._narration_box is not None
    return app, play


def test_the_narration_says_how_to_close_it_and_closes_with_c():
    from simulator.view import strings as S
    app, play = _play_with_narration()
    drawn = drawn_strings(lambda: play._draw_room(pygame.Surface((1280, 720))))
    assert S.NARRATION_CLOSE_HINT in drawn
    press(app, pygame.K_c)
    assert not play.narration_showing()
    assert S.NARRATION_CLOSE_HINT not in drawn_strings(lambda: play._draw_room(pygame.Surface((1280, 720))))


def test_a_click_on_the_narration_closes_it_and_a_click_elsewhere_does_not():
    from view_helpers import click
    app, play = _play_with_narration()
    box = play._narration_box
    click(app, (box.centerx, box.bottom + 60))  # the room below the narration
    assert play.narration_showing()
    click(app, box.center)
    assert not play.narration_showing()


@pytest.mark.parametrize("scale", SCALES)
def test_the_play_controls_never_overlap_at_any_text_size(scale):
    from simulator.view.scenes.play import PlayScene
    app = make_app(projector=scale == 2)
    app.text_scale_index = scale
    play = app.push(PlayScene(app, load_scenario("still_face")))
    play.relayout()
    row = [b for b in play.group.items if b.rect.y in play.L.controls_y]  # the bar wraps onto rows if need be
    assert len(row) >= 9
    for k, a in enumerate(row):
        assert 0 <= a.rect.x and a.rect.right <= app.layout.w
        for b in row[k + 1:]:
            assert not a.rect.colliderect(b.rect), (a.ident, b.ident)


# --- 2. Demo mode opens the Debrief by itself ---------------------------------------------------------------------

def _start(app, scenario: str, demo: bool):
    shorten(app, 10.0)
    click_button(app, f"scenario:{scenario}")
    click_button(app, "option:0")
    if app.top.group.find("mode:demo") is not None:
        click_button(app, "mode:demo" if demo else "mode:learner")
    click_button(app, "start")
    play = app.top
    assert play.name == "play" and play.demo == demo
    for _ in range(4):
        press(app, pygame.K_EQUALS)  # 8x
    return play


def _run_to_end(app, play, dt: float = 0.25) -> None:
    for _ in range(2000):
        if play.session.finished:
            return
        frame(app, dt)
    raise AssertionError("the session never ended")


@pytest.mark.parametrize("scenario", ["still_face", "strange_situation"])
def test_a_demo_session_run_to_its_end_opens_the_debrief_after_a_short_pause(scenario):
    from simulator.view import strings as S
    app = make_app()
    play = _start(app, scenario, demo=True)
    _run_to_end(app, play)
    assert app.top is play  # not at once: the caption says what is about to happen
    assert play.auto_debrief_s == pytest.approx(theme.AUTO_DEBRIEF_S)
    drawn = drawn_strings(lambda: play._draw_caption(pygame.Surface((1280, 720))))
    assert S.PLAY_AUTO_DEBRIEF in drawn
    frame(app, 60.0)  # a long stall counts as one clamped frame (0.25 s), never as a minute
    assert app.top is play
    assert play.auto_debrief_s == pytest.approx(theme.AUTO_DEBRIEF_S - 0.25)
    t = 0.25
    while app.top is play and t < 5.0:
        frame(app, 0.1)
        t += 0.1
    assert app.top.name == "debrief"
    assert t == pytest.approx(theme.AUTO_DEBRIEF_S, abs=0.11)
    assert app.top.session is play.session and app.top.demo
    # Back to the room: it stays there (the Debrief opens by itself only once).
    press(app, pygame.K_ESCAPE)
    assert app.top is play
    for _ in range(40):
        frame(app, 0.25)
    assert app.top is play


def test_opening_the_debrief_by_hand_cancels_the_automatic_one():
    app = make_app()
    play = _start(app, "still_face", demo=True)
    _run_to_end(app, play)
    press(app, pygame.K_e)
    deb = app.top
    assert deb.name == "debrief"
    for _ in range(20):
        frame(app, 0.25)
    assert app.top is deb and len([s for s in app.stack.scenes if s.name == "debrief"]) == 1


def test_a_learner_session_stays_in_the_room_with_debrief_focused():
    app = make_app()
    play = _start(app, "still_face", demo=False)
    _run_to_end(app, play)
    for _ in range(40):
        frame(app, 0.25)
    assert app.top is play and play.auto_debrief_s is None
    assert play.group.focused.ident == "debrief"


# --- 3. The debrief's rupture and repair strip -------------------------------------------------------------------------

def _ssp_session():
    """A recorded Strange Situation with a curtailed separation (the first such seed: found, not pinned); the
    runs made once per process and shared read-only."""
    seed = next(k for k in range(100) if finished("strange_situation", n=1, seed=k).curtailed[0].any())
    return finished("strange_situation", n=1, seed=seed, record=True)


def _check_blocks(blocks, lane):
    for k, (kind, r) in enumerate(blocks):
        assert lane.contains(r), r
        assert r.w >= 1 and r.h >= 1
        if kind == "repair":
            assert r.bottom <= lane.centery
        else:
            assert r.top > lane.centery
        for _, other in blocks[k + 1:]:
            assert not r.colliderect(other), (r, other)


def test_the_strip_counts_every_rupture_and_repair_in_bins_wide_enough_to_read():
    from simulator.view.drawing.chart import MARK_BIN_MIN_PX, event_bins, strip_blocks
    s = _ssp_session()
    width = 1100
    bin_s, rup, rep = event_bins(s, s.t, width)
    assert bin_s / s.t * width >= MARK_BIN_MIN_PX
    assert sum(rup) == sum(ev.kind == "rupture" for ev in s.events) > 20
    assert sum(rep) == sum(ev.kind == "repair" for ev in s.events) > 20
    lane = pygame.Rect(100, 200, width, 30)

    def x_of_t(t):
        return lane.x + int(t / s.t * lane.w)

    blocks = strip_blocks(lane, x_of_t, bin_s, rup, rep)
    assert len(blocks) == sum(rup) + sum(rep)  # one block per event: nothing hidden
    _check_blocks(blocks, lane)


def test_a_crowded_bin_gets_shorter_blocks_that_still_never_overlap():
    from simulator.view.drawing.chart import event_bins, strip_blocks
    events = [SimpleNamespace(kind="rupture", t=1.0 + 0.1 * k) for k in range(9)] + \
             [SimpleNamespace(kind="repair", t=1.05 + 0.1 * k) for k in range(9)]
    session = SimpleNamespace(events=events)
    bin_s, rup, rep = event_bins(session, 100.0, 400)
    assert rup[0] == 9 and rep[0] == 9
    lane = pygame.Rect(0, 0, 400, 30)
    blocks = strip_blocks(lane, lambda t: int(t / 100.0 * 400), bin_s, rup, rep)
    assert len(blocks) == 18  # still one block per event
    _check_blocks(blocks, lane)
    # Far too many to count (60 in one bin): one bar per bin, as tall as its share of the fullest bin.
    events = [SimpleNamespace(kind="rupture", t=1.0 + 0.01 * k) for k in range(60)] + \
             [SimpleNamespace(kind="rupture", t=50.0 + 0.01 * k) for k in range(30)]
    bin_s, rup, rep = event_bins(SimpleNamespace(events=events), 100.0, 400)
    blocks = strip_blocks(lane, lambda t: int(t / 100.0 * 400), bin_s, rup, rep)
    assert len(blocks) == 2 and blocks[0][1].h == pytest.approx(2 * blocks[1][1].h, abs=1)
    _check_blocks(blocks, lane)


@pytest.mark.parametrize("scale", SCALES)
def test_the_debrief_timeline_draws_the_strip_and_its_key(scale):
    from simulator.view import strings as S
    from simulator.view.scenes.debrief import DebriefScene
    app = make_app(projector=scale == 2)
    app.text_scale_index = scale
    s = _ssp_session()
    deb = app.push(DebriefScene(app, s, demo=True))
    drawn = drawn_strings(lambda: deb.draw(pygame.Surface((1280, 720))))
    assert S.CHART_RUPTURES in drawn and S.CHART_REPAIRS in drawn
    assert any(x.startswith(S.CHART_STRIP_KEY.split("{")[0]) for x in drawn)


@pytest.mark.parametrize("scale", SCALES)
def test_timeline_band_labels_shorten_to_a_title_or_a_number_never_a_stub(scale):
    from simulator.view.drawing.chart import draw_timeline
    app = make_app(projector=scale == 2)
    app.text_scale_index = scale
    s = _ssp_session()
    assert s.curtailed[0].any()  # a curtailed episode's band carries the "(curtailed)" mark when it fits
    drawn = drawn_strings(lambda: draw_timeline(pygame.Surface((1280, 720)), app, pygame.Rect(40, 100, 1200, 150), s))
    titles = [ep.title for ep in s.scenario.episodes]
    numbers = [str(k + 1) for k in range(len(titles))]
    labels = [x for x in drawn if any(x.startswith(t) for t in titles) or x in numbers]
    assert len(labels) == len(titles)  # one label per band
    assert not any(x.endswith("…") for x in labels)
