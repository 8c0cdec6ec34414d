"""Tests for the figures: every infant behaviour and adult action draws a distinct, valid picture."""

import itertools

import numpy as np
import pygame

from simulator.view.drawing import figures as fig

W, H = 100, 120  # infant test size (small: the tests stay fast)
AW, AH = 100, 160


def _pixels(surf: pygame.Surface) -> np.ndarray:
    """RGB composited over a plain background, as int16 (H, W, 3)."""
    bg = pygame.Surface(surf.get_size())
    bg.fill((244, 231, 211))
    bg.blit(surf, (0, 0))
    return pygame.surfarray.array3d(bg).astype(np.int16)


def _infant(look, w=W, h=H):
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    fig.draw_infant(s, s.get_rect(), look)
    return _pixels(s)


def _adult(look, role="caregiver", w=AW, h=AH):
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    fig.draw_adult(s, s.get_rect(), role, look)
    return _pixels(s)


def _changed(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that differ clearly between two images."""
    return float(np.mean(np.max(np.abs(a - b), axis=2) > 40))


MIN_CHANGE = 0.004  # at least 0.4% of the pixels (about 50 at 100x120) differ clearly


def _infant_looks():
    return {b: fig.infant_look(fig.SAMPLE_STATES[b], b, contact=(b == "cling"), near=True)
            for b in fig.BEHAVIOUR_IDS}


def test_every_behaviour_of_the_model_has_a_sample_state():
    # The ids come from the model's own tables; a new behaviour needs its look's sample state here.
    from simulator.model.behaviour import BEHAVIOUR_IDS

    assert set(fig.SAMPLE_STATES) == set(BEHAVIOUR_IDS)


def test_looks_are_flat_and_hashable():
    for look in _infant_looks().values():
        hash(tuple(sorted(look.items())))
        assert all(isinstance(v, (str, float, int, bool)) for v in look.values())
    for a in fig.ACTION_IDS + (None,):
        look = fig.adult_look(a, True, "stranger")
        hash(tuple(sorted(look.items())))


def test_every_infant_behaviour_looks_different():
    looks = _infant_looks()
    imgs = {b: _infant(look) for b, look in looks.items()}
    for a, b in itertools.combinations(imgs, 2):
        assert _changed(imgs[a], imgs[b]) > MIN_CHANGE, (a, b)
    neutral = _infant(fig.infant_look({}, "look"))
    for b, img in imgs.items():
        if b != "look":
            assert _changed(neutral, img) > MIN_CHANGE, b


def test_state_shades_the_face():
    calm = _infant(fig.infant_look(fig.SAMPLE_STATES["look"], "look"))
    sober = _infant(fig.infant_look(fig.SOBER_STATE, "look"))
    happy = _infant(fig.infant_look(dict(positive_affect=0.8, negative_affect=0.0), "look"))
    assert _changed(calm, sober) > 0.001
    assert _changed(calm, happy) > 0.001
    held = _infant(fig.infant_look(fig.SAMPLE_STATES["look"], "look", contact=True))
    assert _changed(calm, held) > MIN_CHANGE


def test_unknown_behaviour_draws_as_look():
    assert fig.infant_look({}, "no_such")["behaviour"] == "look"
    assert fig.adult_look("no_such")["action"] == "idle"


def test_skin_tones_and_facing():
    look = fig.infant_look({}, "smile", skin=0)
    assert _changed(_infant(look), _infant(fig.infant_look({}, "smile", skin=4))) > 0.05
    right = _infant(look)
    left = _infant(fig.infant_look({}, "smile", skin=0, facing=-1))
    assert _changed(right, left) > MIN_CHANGE
    assert _changed(right[::-1], left) < 0.5 * _changed(right, left)  # mirrored, up to resampling
    assert 0 <= fig.skin_tone(12345) < len(fig.SKIN_TONES)


def test_every_adult_action_looks_different_and_roles_differ():
    imgs = {a: _adult(fig.adult_look(a, True, "caregiver")) for a in fig.ACTION_IDS}
    imgs["idle"] = _adult(fig.adult_look(None, True, "caregiver"))
    for a, b in itertools.combinations(imgs, 2):
        assert _changed(imgs[a], imgs[b]) > MIN_CHANGE, (a, b)
    for a in ("smile", "still_face", "leave"):
        st = _adult(fig.adult_look(a, True, "stranger"), "stranger")
        assert _changed(imgs[a], st) > 0.05, a


def test_absent_adult_draws_nothing():
    s = pygame.Surface((AW, AH), pygame.SRCALPHA)
    fig.draw_adult(s, s.get_rect(), "caregiver", fig.adult_look("leave", present=False))
    assert pygame.surfarray.array_alpha(s).max() == 0


def test_drawing_is_cached_and_fits_any_rect():
    look = fig.infant_look({}, "cry")
    target = pygame.Surface((400, 300), pygame.SRCALPHA)
    fig.draw_infant(target, pygame.Rect(10, 20, 150, 130), look)
    key = ("infant", fig._key(look), 150, 130)
    assert key in fig._CACHE
    first = fig._CACHE[key]
    fig.draw_infant(target, pygame.Rect(50, 60, 150, 130), look)
    assert fig._CACHE[key] is first
    alpha = pygame.surfarray.array_alpha(target)
    assert alpha[:10, :].max() == 0 and alpha[:, :20].max() == 0  # nothing outside the rect
    fig.draw_infant(target, pygame.Rect(0, 0, 2, 2), look)  # too small: ignored
    fig.draw_adult(target, pygame.Rect(200, 0, 90, 280), "stranger", fig.adult_look("harsh", role="stranger"))


def test_gallery(tmp_path):
    out = tmp_path / "g.png"
    sheet = fig.render_gallery(out, sizes=(80,))
    assert out.exists() and sheet.get_width() > 400


def test_draw_held_puts_the_infant_in_the_arms():
    adult = fig.adult_look("hold", True, "caregiver")
    infant = fig.infant_look(fig.SAMPLE_STATES["cling"], "cling", contact=True)
    rect = pygame.Rect(0, 0, AW, AH)
    inner = fig.held_rect(rect, adult)
    assert rect.contains(inner) and inner.w > AW // 3
    s = pygame.Surface((AW, AH), pygame.SRCALPHA)
    fig.draw_held(s, rect, "caregiver", adult, infant)
    assert _changed(_pixels(s), _adult(adult)) > 0.05


def _seat_share(px: np.ndarray) -> float:
    """Share of pixels within a few levels of the seat's fabric colour."""
    return float(np.mean(np.max(np.abs(px - np.array(fig.SEAT)), axis=2) <= 6))


def test_young_infant_reclines_in_a_seat_older_infant_sits():
    """A 3-month-old is drawn in an infant seat (its fabric fills the lower left, behind the body); a
    10-month-old sits on the floor with no seat, and ``age_months=None`` draws the sitter too."""
    for b in fig.BEHAVIOUR_IDS:
        state = fig.SAMPLE_STATES[b]
        young = _infant(fig.infant_look(state, b, age_months=3.0), 200, 240)
        old = _infant(fig.infant_look(state, b, age_months=10.0), 200, 240)
        default = _infant(fig.infant_look(state, b), 200, 240)
        assert _seat_share(young) > 0.04, b
        # The seat is where a bouncer is: mostly in the lower-left part, behind the head and back.
        assert _seat_share(young[:100, 120:]) > 2 * _seat_share(young[100:, :120]) or \
            _seat_share(young[:100, 120:]) > 0.08, b
        if b != "approach":  # the crawling sitter has no seat either, but a different outline
            assert _changed(young, old) > 0.1, b
        assert _seat_share(old) < 0.002, b
        assert np.array_equal(old, default), b


def test_seat_follows_the_sitting_age_threshold():
    from simulator.view import theme
    edge = theme.SIT_UNSUPPORTED_MONTHS
    assert fig.infant_look({}, "look", age_months=edge - 0.5)["seat"]
    assert not fig.infant_look({}, "look", age_months=edge)["seat"]
    # Not yet mobile: an approach in the seat is a reach toward the partner, never crawling.
    young = fig.infant_look(fig.SAMPLE_STATES["approach"], "approach", age_months=3.0)
    assert young["arms"] == "reach"


def test_every_cue_still_reads_on_the_young_infant():
    """In the seat, every behaviour still draws a distinct picture (face, gaze, arms), like the sitter's."""
    looks = {b: fig.infant_look(fig.SAMPLE_STATES[b], b, age_months=3.0) for b in fig.BEHAVIOUR_IDS
             if b != "approach"}  # approach is drawn as reach in the seat (tested above)
    imgs = {b: _infant(look) for b, look in looks.items()}
    for a, b in itertools.combinations(imgs, 2):
        assert _changed(imgs[a], imgs[b]) > MIN_CHANGE, (a, b)
    sober = _infant(fig.infant_look(fig.SOBER_STATE, "look", age_months=3.0))
    assert _changed(sober, imgs["look"]) > 0.002  # the sitter's face shading is checked at > 0.001


def test_held_young_infant_has_no_seat():
    look = fig.infant_look(fig.SAMPLE_STATES["cling"], "cling", contact=True, age_months=3.0)
    assert _seat_share(_infant(look, 200, 240)) < 0.002
