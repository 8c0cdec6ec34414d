"""Renders every scene headless to PNG (docs/screenshots/) at 1920x1080, and the main screens at 1920x1080 and
1280x720, at every text size, in the classic and the projector colours (docs/screenshots/sizes/).

Run: ``python -m simulator.view.screenshots [OUT_DIR]`` (default docs/screenshots). Each scene is the real
app's scene in a real state (a scripted run of the model), drawn off-screen, never a mock-up. The
Population lab (1,000 infants) and Observer mode (a block of 10) really run, so a full render takes a minute
or two; the figure gallery has its own command (``python -m simulator.view.drawing.figures``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[2]
MAIN_SIZE = (1920, 1080)  # the size of the main set (a lecture-hall projector)
#: The sizes, text sizes and colour profiles of the readability set (docs/screenshots/sizes/).
MATRIX_SIZES = ((1920, 1080), (1280, 720))
MATRIX_SCENES = ("home", "briefing_strange_situation", "play_still_face", "debrief_still_face",
                 "population_lab_results")
#: Seeds chosen (December 2026 random stream) so the pictures show a typical run; look again whenever the model's
#: numbers change. still_face: the learner's infant shows the published pattern, as most do (positive affect and
#: gaze fall in the still-face, negative affect rises with little crying, a partial recovery). strange_situation:
#: a textbook B, who cries in the separations and seeks and keeps contact in both reunions (seed 0's B infant
#: never approached the caregiver). simulated_depression: CW1's pattern (in the flat part less positive affect
#: and gaze, more negative affect and bids; some negativity carried into the renewed play).
SEEDS = {"still_face": 5, "strange_situation": 10, "simulated_depression": 9}


def _matrix(app, out: Path, name: str, written: list) -> None:
    """``name`` at every size of MATRIX_SIZES, every text size, classic and projector; then back as it was."""
    from . import theme
    folder = out / "sizes"
    folder.mkdir(parents=True, exist_ok=True)
    size, index, palette = app.window_size, app.text_scale_index, app.palette
    for w, h in MATRIX_SIZES:
        app.resize((w, h))
        for k in range(len(theme.TEXT_SCALES)):
            app.text_scale_index = k
            for profile in (theme.CLASSIC, theme.PROJECTOR):
                if app.palette is not profile:
                    app.toggle_projector()
                app.tick(0.0)
                p = folder / f"{name}_{w}x{h}_text{k + 1}_{profile.name}.png"
                app.screenshot(p)
                os.chmod(p, 0o644)
                written.append(p)
    app.resize(size)
    app.text_scale_index = index
    if app.palette is not palette:
        app.toggle_projector()


def render_all(out: Path, small: bool = True) -> list[Path]:
    """Write one PNG per scene at MAIN_SIZE, and (when ``small``) the readability set of MATRIX_SCENES.
    Returns the paths."""
    import tempfile
    os.environ.setdefault("ATTUNE_DATA_DIR", tempfile.mkdtemp(prefix="attune-shots-"))
    from ..model.scenario import load_scenario
    from .app import App
    from .scenes.briefing import BriefingScene
    from .scenes.glossary import GlossaryScene
    from .scenes.home import HomeScene
    from .scenes.play import PlayScene

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    sf = load_scenario("still_face")
    ssp = load_scenario("strange_situation")

    def shot(app, name: str, twin: bool = True) -> None:
        app.tick(0.0)
        p = out / f"{name}.png"
        app.screenshot(p)
        os.chmod(p, 0o644)
        written.append(p)
        if small and name in MATRIX_SCENES:
            _matrix(app, out, name, written)

    def fresh(projector: bool = False):
        app = App(headless=True, sound=False, projector=projector, size=MAIN_SIZE)
        app.push(HomeScene(app))
        return app

    app = fresh()
    shot(app, "home")
    app.push(GlossaryScene(app))
    shot(app, "glossary")
    app.home()
    brief = app.push(BriefingScene(app, sf))
    brief.pick(1)
    shot(app, "briefing_still_face")
    # The learner plays: smiles in play, holds the still-face, then soothes in the reunion (the seed: SEEDS).
    play = app.push(PlayScene(app, sf, seed=SEEDS["still_face"], prediction=brief.prediction()))
    play.choose("smile")
    play.run_until(40)
    play.choose("mirror")
    play.run_until(100)
    play.choose("coo")
    play.run_until(165)
    play.toast_s = 0.0
    shot(app, "play_still_face")
    play.run_until(215)  # the still-face's prompts have come up: show the last, the question to think about
    while play.next_prompt():
        pass
    shot(app, "play_prompt", twin=False)
    play.run_until(250)
    play.choose("soothe")
    play.run_until(300)
    play.choose("make_amends")
    play.run_until(9999)
    play.open_debrief()
    shot(app, "debrief_still_face")

    app = fresh()
    brief = app.push(BriefingScene(app, ssp))
    brief.pick(0)
    shot(app, "briefing_strange_situation")
    play = app.push(PlayScene(app, ssp, demo=True, seed=SEEDS["strange_situation"], prediction=brief.prediction()))
    play.run_until(640)
    shot(app, "play_strange_situation")
    play.run_until(99999)
    play.open_debrief()
    shot(app, "debrief_strange_situation")

    app = fresh(projector=True)
    app.text_scale_index = 2
    play = app.push(PlayScene(app, sf, demo=True))
    play.run_until(150)
    play.toast_s = 0.0
    shot(app, "play_projector_large_text")

    # Everyday rupture and repair, watched: the first episode's narration, whole, over the room.
    app = fresh()
    play = app.push(PlayScene(app, load_scenario("everyday_rupture_repair"), demo=True))
    play.run_until(75)
    shot(app, "play_everyday_rupture_repair", twin=False)

    _wellbeing(fresh, shot, out, written)
    _population_lab(fresh, shot)
    _observer(fresh, shot)
    _sessions_and_compare(fresh, shot)
    return written


def _wellbeing(fresh, shot, out: Path, written: list) -> None:
    """The caregiver well-being scenarios (issue 16): a tired learner in a_hard_day, and the flat epoch and the
    debrief of simulated_depression; each also saved in a 1920x1080 window (``_big``)."""
    from ..model.scenario import load_scenario
    from .scenes.play import PlayScene

    def big(app, name: str) -> None:
        q = out / f"{name}_big.png"
        size = app.window_size
        app.resize((1920, 1080))  # the window at 1920x1080 (_save_window, which scaled a shot, is gone)
        app.tick(0.0)
        app.screenshot(q)
        app.resize(size)
        os.chmod(q, 0o644)
        written.append(q)

    app = fresh()
    play = app.push(PlayScene(app, load_scenario("a_hard_day"), seed=3))
    for action, t in (("coo", 10.0), ("smile", 30.0), ("soothe", 60.0)):
        play.run_until(t)
        play.choose(action)
    play.run_until(61.5)  # the soothe is still on its way: "Starting soon"
    play.toast_s = 0.0
    shot(app, "play_a_hard_day")
    big(app, "play_a_hard_day")
    play.self_care("ask_for_help")
    play.run_until(75.0)
    play.toast_s = 0.0
    shot(app, "play_a_hard_day_help", twin=False)

    app = fresh()
    play = app.push(PlayScene(app, load_scenario("simulated_depression"), demo=True,
                              seed=SEEDS["simulated_depression"]))
    play.run_until(300.0)
    play.toast_s = 0.0
    shot(app, "play_simulated_depression")
    big(app, "play_simulated_depression")
    play.run_until(99999)
    play.open_debrief()
    shot(app, "debrief_simulated_depression")
    big(app, "debrief_simulated_depression")


def _population_lab(fresh, shot) -> None:
    """The lab as it opens (the low-risk history, while its first 1,000 infants are developed), with its
    result, the spread across infants, and updating after a new setting (the previous result stays)."""
    import time
    from .scenes.population_lab import PopulationLabScene

    def wait(lab, until) -> None:
        t0 = time.perf_counter()
        while not until() and time.perf_counter() - t0 < 300:
            time.sleep(0.02)
            lab.app.tick(0.0)

    app = fresh()
    lab = app.push(PopulationLabScene(app))
    lab.run()
    wait(lab, lambda: lab.job is None or lab.job.progress >= 0.4)
    shot(app, "population_lab", twin=False)
    wait(lab, lambda: not lab.updating)
    lab.selected = lab.order[6]
    lab.group.focus("watch")
    shot(app, "population_lab_results", twin=False)
    lab.show_sf("spread")  # each infant, not only the means
    shot(app, "population_lab_spread", twin=False)
    lab.show_sf("means")
    lab.set_prevalence(0.26)  # a new setting: the population runs again, the last result shown meanwhile
    lab.run()
    wait(lab, lambda: lab.job is None or lab.job.progress >= 0.45)
    shot(app, "population_lab_running", twin=False)
    wait(lab, lambda: not lab.updating)


def _observer(fresh, shot, seed: int = 4) -> None:
    """Observer mode: rating infant 1 while it is held in the first reunion, Attune's coding beside it, then a
    whole block of ten whose scripted coder is near Attune's scales and shares its pattern about 70% of the time
    (a student with some practice)."""
    import random
    import time
    from ..content import observer as OB
    from ..model.scoring import score_session
    from .scenes.observer import ObserverScene

    def wait(scene, phase: str) -> None:
        t0 = time.perf_counter()
        while scene.phase != phase:
            scene.app.tick(1 / 30)
            time.sleep(0.005)
            if time.perf_counter() - t0 > 300:
                raise RuntimeError(f"observer never reached {phase}")

    def held_row(scene, episode: str) -> int:
        """A row in ``episode`` a few seconds into the infant being held (or the episode's start)."""
        from ..model.session import TRAJECTORY_COLUMNS
        col_c, col_e = TRAJECTORY_COLUMNS.index("contact"), TRAJECTORY_COLUMNS.index("episode")
        j = list(scene.session.episode_ids).index(episode) + 1
        rows = [i for i, r in enumerate(scene.session.trajectory) if int(r[col_e]) == j]
        held = [i for i in rows if scene.session.trajectory[i][col_c]]
        return held[min(len(held) - 1, 12)] if held else rows[0]

    rng = random.Random(seed)
    app = fresh()
    obs = app.push(ObserverScene(app, seed=seed))  # as Home opens it: the introduction, a block of 5 or 10
    shot(app, "observer_intro", twin=False)
    obs.start()
    wait(obs, "watch")
    obs._advance_model(10 ** 9, budget=1e9)  # the whole procedure, so any moment can be shown
    reference = OB.reference_from_scores(score_session(obs.session), obs.session.episode_ids)

    def rate_like_attune(scene, ref: dict, only: tuple = OB.EPISODES) -> None:
        for e in only:
            for sc in OB.SCALES:
                v = ref[e][sc]
                if v is not None:
                    scene.rating[e][sc] = max(1, min(7, v + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2))))
        other = [c for c in "ABCD" if c != ref["classification"]]
        scene.rating["classification"] = ref["classification"] if rng.random() < 0.7 else rng.choice(other)
        scene.relayout()

    obs.playing = False
    obs.seek(held_row(obs, "reunion_1"))
    rate_like_attune(obs, reference, only=("reunion_1",))
    obs.relayout()
    obs.group.focus("rate:reunion_2:proximity_seeking:+")
    shot(app, "observer_rating", twin=False)
    rate_like_attune(obs, reference)
    obs.submit()
    wait(obs, "feedback")
    obs.seek(held_row(obs, "reunion_1"))
    app.tick(1 / 30)
    shot(app, "observer_feedback", twin=False)
    for _ in range(1, obs.block_size):
        obs.next_infant()
        wait(obs, "watch")
        obs._advance_model(10 ** 9, budget=1e9)
        rate_like_attune(obs, OB.reference_from_scores(score_session(obs.session), obs.session.episode_ids))
        obs.submit()
        wait(obs, "feedback")
    obs.next_infant()
    shot(app, "observer_block", twin=False)


def saved_sessions(folder: Path) -> list[Path]:
    """Three whole sessions saved into ``folder`` as the app saves them: the learner's still-face (a smile, a coo,
    soothing or mirroring in turn in play and the reunion, the still-face held), a phone-absorbed caregiver's
    still-face, and a Strange Situation watched with an avoidant history. Returns the files."""
    from ..model.scenario import load_scenario
    from ..model.session import Session
    from ..sessions import Autosaver
    runs = (("still_face", {"learner": True}), ("still_face", {"caregiver": "phone"}),
            ("strange_situation", {"infant": "avoidant"}))
    cycle = ("smile", "coo", "soothe", "mirror")
    out = []
    for k, (sid, kw) in enumerate(runs):
        s = Session(load_scenario(sid), n=1, seed=3, **kw)
        while not s.finished:
            # A new response every 40 steps, in play and the reunion (the still-face is held).
            if kw.get("learner") and s.steps_taken % 40 == 0 and not s.current_episode.learner_can_break:
                action = cycle[s.steps_taken // 40 % len(cycle)]
                if action in s.allowed_actions():
                    s.set_action(action)
            s.step()
        saver = Autosaver(s, folder, name=f"{k + 1}_{sid}.json")
        saver.flush()
        out.append(saver.path)
    return out


def _sessions_and_compare(fresh, shot) -> None:
    """Saved sessions (three real sessions in the data folder), and the learner's still-face compared with the
    same infant and run under a phone-absorbed caregiver."""
    from ..sessions.store import sessions_dir
    from .scenes.compare import CompareScene
    from .scenes.sessions_list import SessionsScene
    files = saved_sessions(sessions_dir(create=True))
    app = fresh()
    app.push(SessionsScene(app))
    shot(app, "sessions", twin=False)
    app.push(CompareScene.from_file_and_policy(app, files[0], "phone"))
    shot(app, "compare", twin=False)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: render every scene into the folder given (default docs/screenshots)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0].startswith("-"):
        print("usage: python -m simulator.view.screenshots [FOLDER]   (default: docs/screenshots)")
        return 0 if argv[0] in ("-h", "--help") else 2
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    for p in render_all(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
