"""In Play the infant's and the caregiver's labels under the room's figures read apart, never run together."""

from __future__ import annotations

import pygame
import pytest

from simulator.model.scenario import load_scenario
from simulator.view import strings as S
from simulator.view import theme
from simulator.view.drawing import room as room_mod
from simulator.view.scenes.play import PlayScene

from view_helpers import make_app


@pytest.mark.parametrize("name", ["still_face_4m", "still_face"])
def test_the_infant_and_caregiver_labels_keep_a_clear_gap(monkeypatch, name):
    drawn = []
    real = room_mod.text

    def spy(surface, font, s, pos, colour, anchor="topleft", **kw):
        r = real(surface, font, s, pos, colour, anchor=anchor, **kw)
        drawn.append((s, r, font))
        return r

    monkeypatch.setattr(room_mod, "text", spy)
    app = make_app(projector=True)
    play = app.push(PlayScene(app, load_scenario(name), demo=True))
    play.run_until(60)
    checked = 0
    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        app.resize(size)
        for k in range(len(theme.TEXT_SCALES)):
            app.text_scale_index = k
            drawn.clear()
            scratch = pygame.Surface(play.L.room.size)
            play._draw_room(scratch, scratch.get_rect())
            infant = [(r, f) for s, r, f in drawn if s == S.PLAY_INFANT]
            carer = [r for s, r, _ in drawn if s.startswith(S.PLAY_CAREGIVER)]
            assert infant and carer, (size, k, [s for s, _, _ in drawn])
            (ri, f), rc = infant[0], carer[0]
            assert scratch.get_rect().contains(ri) and scratch.get_rect().contains(rc)
            if ri.top < rc.bottom and rc.top < ri.bottom:  # on one line: a clear gap between them
                gap = rc.left - ri.right if ri.x < rc.x else ri.left - rc.right
                assert gap >= f.size("MM")[0], (size, k, ri, rc)
            checked += 1
    assert checked == 9
