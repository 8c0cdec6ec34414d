"""Play draws the scenario's infant at its age: a 2-month-old in an infant seat, a 9-month-old sitting up."""

import numpy as np
import pygame

from simulator.model.scenario import load_scenario
from simulator.view.drawing import figures as fig
from simulator.view.scenes.play import PlayScene
from view_helpers import make_app


def _room_seat_pixels(name: str) -> int:
    app = make_app()
    play = app.push(PlayScene(app, load_scenario(name), demo=True))
    play.run_until(5)
    room = pygame.Surface(play.L.room.size)
    play._draw_room(room, room.get_rect())
    px = pygame.surfarray.array3d(room).astype(np.int16)
    return int(np.sum(np.max(np.abs(px - np.array(fig.SEAT)), axis=2) <= 6))


def test_play_draws_the_young_infant_in_a_seat():
    young, older = _room_seat_pixels("still_face_2m"), _room_seat_pixels("still_face_9m")
    assert young > 1000  # the seat's fabric, at 1280x720
    assert older < 50
