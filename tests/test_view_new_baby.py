"""Each scenario opened from Home meets a different baby (a new run number), and a run replays exactly."""

from simulator.model.params import TEMPERAMENT
from simulator.model.session import Session
from view_helpers import make_app


def test_each_open_from_home_is_a_new_run_with_a_different_baby():
    app = make_app()
    home = app.top
    sc = home.scenarios[0]
    seeds = []
    for _ in range(2):
        home.open(sc)
        seeds.append(app.top.seed)
        app.pop()
    assert seeds[0] != seeds[1]
    a, b = (Session(sc, n=1, seed=s).params for s in seeds)
    assert any(getattr(a, k)[0] != getattr(b, k)[0] for k in TEMPERAMENT)


def test_run_numbers_cycle_within_their_range():
    from simulator.view.app import RUN_NUMBERS

    app = make_app()
    app._next_run = RUN_NUMBERS - 1
    assert app.new_run() == RUN_NUMBERS - 1
    assert app.new_run() == 1
