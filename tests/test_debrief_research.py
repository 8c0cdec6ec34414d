"""The research audience's debrief in the app shows the paired d over 100 infants with the same settings, as
the Markdown debrief does; it is computed on a thread so that the debrief opens at once."""

from simulator.content import lesson_strings as L
from simulator.content.lessons import build_debrief, debrief_markdown
from simulator.export import score
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.view import strings as S
from simulator.view.scenes.debrief import DebriefScene
from tests.view_helpers import make_app


def _lesson(deb):
    return next(ls for ls in deb.debrief.lessons if ls.key == "still_face_effect")


def test_research_debrief_adds_the_paired_d_when_the_thread_is_done():
    app = make_app()
    app.audience = "research"
    s = Session(load_scenario("still_face"), seed=5, record=True).run()
    deb = DebriefScene(app, s, demo=True)
    app.push(deb)
    assert deb.paired_thread is not None  # started, not awaited: the scene is already built
    pending = _lesson(deb).text
    deb.paired_thread.join(timeout=60)
    app.tick(0.0)
    text = _lesson(deb).text
    md = debrief_markdown(build_debrief(s, score(s), "research"))
    paired = next(line for line in md.splitlines() if "paired d" in line)
    assert text == paired  # the same figures and words as run --out FILE.md --audience research
    assert pending.endswith(S.DEBRIEF_PAIRED_PENDING.format(n=100)) and "d_av" not in pending


def test_class_and_unfinished_sessions_start_no_batch():
    app = make_app()
    s = Session(load_scenario("still_face"), seed=5, record=True).run()
    app.audience = "class"
    assert DebriefScene(app, s, demo=True).paired_thread is None
    app.audience = "research"
    part = Session(load_scenario("still_face"), seed=5, record=True)
    for _ in range(100):
        part.step()
    assert DebriefScene(app, part, demo=True).paired_thread is None
    assert "paired d" not in L.SF_CLASS
