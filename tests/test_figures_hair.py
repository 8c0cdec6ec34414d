"""Hair styles beyond colour: drawn in code for adults and infants, chosen per person and seed (or in the setup
panel), never tied to the role."""

import random

import pygame

from simulator.view.drawing import figures as F


def test_every_role_gets_every_style_and_grey_across_seeds_and_tones_are_unchanged():
    seen = {role: set() for role in ("infant", "caregiver", "stranger")}
    grey = {"caregiver": set(), "stranger": set()}
    for seed in range(300):
        p = F.people_skins(seed)
        rng = random.Random(seed * 7919 + 17)  # the tones as they were drawn before hair existed
        assert [p[r] for r in ("infant", "caregiver", "stranger")] == [rng.randrange(len(F.SKIN_TONES))
                                                                      for _ in range(3)]
        for role in seen:
            seen[role].add(p[f"{role}_hair"])
        for role in grey:
            grey[role].add(p[f"{role}_grey"])
    assert seen["infant"] == set(F.INFANT_HAIR)
    assert seen["caregiver"] == seen["stranger"] == set(F.ADULT_HAIR)
    assert grey["caregiver"] == grey["stranger"] == {True, False}
    assert F.people_skins(7) == F.people_skins(7)


def _pixels(draw, look) -> bytes:
    surf = pygame.Surface((150, 240))
    surf.fill((255, 255, 255))
    draw(surf, look)
    return pygame.image.tobytes(surf, "RGB")


def test_each_style_is_drawn_differently_front_and_back():
    for action in ("smile", "leave"):  # the face, and the back of the head
        shots = {h: _pixels(lambda s, lk: F.draw_adult(s, s.get_rect(), "caregiver", lk),
                            F.adult_look(action, True, "caregiver", skin=1, hair=h)) for h in F.ADULT_HAIR}
        assert len(set(shots.values())) == len(F.ADULT_HAIR), action
    grey = _pixels(lambda s, lk: F.draw_adult(s, s.get_rect(), "stranger", lk),
                   F.adult_look("smile", True, "stranger", skin=1, hair="short", grey=True))
    dark = _pixels(lambda s, lk: F.draw_adult(s, s.get_rect(), "stranger", lk),
                   F.adult_look("smile", True, "stranger", skin=1, hair="short"))
    assert grey != dark
    for age in (3.0, 12.0):
        shots = {h: _pixels(lambda s, lk: F.draw_infant(s, s.get_rect(), lk),
                            F.infant_look({}, "smile", skin=2, hair=h, age_months=age)) for h in F.INFANT_HAIR}
        assert len(set(shots.values())) == len(F.INFANT_HAIR), age


def test_the_scene_draws_the_hair_it_was_given():
    from simulator.view.drawing.room import ROOM, draw_people
    from tests.view_helpers import make_app
    app = make_app()
    shots = []
    for hair in ("bun", "curly"):
        surf = pygame.Surface(ROOM.size)
        skins = dict(F.people_skins(1), caregiver_hair=hair, caregiver_grey=False)
        draw_people(surf, app, snap={}, behaviour="look", contact=False, near=False, caregiver_present=True,
                    stranger_present=False, caregiver_action="smile", room=surf.get_rect(), skins=skins)
        shots.append(pygame.image.tobytes(surf, "RGB"))
    assert shots[0] != shots[1]


def test_the_setup_panel_steps_through_hair_styles():
    from simulator.model.scenario import load_scenario
    from simulator.view.scenes.briefing import BriefingScene
    from tests.view_helpers import make_app, press
    app = make_app()
    brief = BriefingScene(app, load_scenario("strange_situation"))
    app.push(brief)
    press(app, pygame.K_s)
    setup = app.top
    before = dict(F.people_skins(brief.seed))
    setup.change("looks", +1)
    after = setup.setup.skins
    for role in ("infant", "caregiver", "stranger"):
        assert after[f"{role}_hair"] != before[f"{role}_hair"]
    shown = setup.value_label("looks")
    assert all(after[f"{role}_hair"] in shown for role in ("infant", "caregiver", "stranger")), shown
