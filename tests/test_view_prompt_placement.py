"""A scenario prompt in Play goes beside the room, never over a face or the chart, at every size at the
largest text size (under the actions where it fits, else over the status box)."""

from __future__ import annotations

import pytest

from simulator.model.scenario import available, load_scenario
from simulator.view import theme
from simulator.view.scenes.play import PlayScene, prompt_message

from view_helpers import make_app

SIZES = ((1024, 600), (1280, 720), (1920, 1080))


def _prompts():
    """Every bundled scenario's prompts as Play shows them, longest first within each scenario."""
    out = []
    for sid in available():
        sc = load_scenario(sid)
        for ep in sc.episodes:
            for _, pt in ep.prompt_times():
                d = {"kind": pt.kind, "text": pt.text}
                if getattr(pt, "options", None):
                    d["options"] = list(pt.options)
                out.append((sid, prompt_message(d)))
    return out


@pytest.mark.parametrize("demo", [False, True])
def test_every_prompt_sits_beside_the_room_at_the_largest_text(demo):
    prompts = _prompts()
    assert len(prompts) > 10
    app = make_app(projector=True)
    app.text_scale_index = len(theme.TEXT_SCALES) - 1
    scenes = {}
    for size in SIZES:
        app.resize(size)
        for sid, message in prompts:
            if sid not in scenes:
                scenes[sid] = app.push(PlayScene(app, load_scenario(sid), demo=demo))
                app.tick(0.0)
            play = scenes[sid]
            if app.top is not play:
                app.pop()
                app.push(play)
            play.show_toast(message, 30.0, prompt=True)
            app.tick(0.0)
            spot = play._prompt_in_panel()
            assert spot is not None, (size, sid, message)
            card = spot[0]
            L = play.L
            assert not card.colliderect(L.room) and not card.colliderect(L.chart), (size, sid, card)
            assert card.bottom <= size[1] and card.right <= size[0]
            assert all(not card.colliderect(b.rect) for b in play.group.items), (size, sid)
            assert play._narration_local is None  # nothing over the room's top
            play.toast_s = 0.0
