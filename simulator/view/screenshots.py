"""Renders every scene headless to PNG (docs/screenshots/): 1280x720 canvases and a small-window view of each.

Run: ``python -m simulator.view.screenshots [OUT_DIR]`` (default docs/screenshots). Each scene is the real
app's scene in a real state (a scripted run of the model), drawn off-screen, never a mock-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parents[2]
SMALL = (640, 360)


def _save_window(app, path: Path, size) -> None:
    """The window as the user sees it at ``size`` (scaled, letterboxed)."""
    import pygame
    app.resize(size)
    app.render()
    pygame.image.save(app.screen, str(path))
    app.resize((1280, 720))


def render_all(out: Path, small: bool = True) -> list[Path]:
    """Write one PNG per scene (and a small-window twin of each when ``small``). Returns the paths."""
    import tempfile
    os.environ.setdefault("ATTUNE_DATA_DIR", tempfile.mkdtemp(prefix="attune-shots-"))
    from ..model.scenario import load_scenario
    from .app import App
    from .briefing import BriefingScene
    from .debrief import DebriefScene
    from .glossary import GlossaryScene
    from .home import HomeScene
    from .play import PlayScene

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    sf = load_scenario("still_face")
    ssp = load_scenario("strange_situation")

    def shot(app, name: str) -> None:
        app.tick(0.0)
        p = out / f"{name}.png"
        app.screenshot(p)
        os.chmod(p, 0o644)
        written.append(p)
        if small:
            q = out / f"{name}_small.png"
            _save_window(app, q, SMALL)
            os.chmod(q, 0o644)
            written.append(q)

    def fresh(projector: bool = False):
        app = App(headless=True, sound=False, projector=projector)
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
    # The learner plays: smiles in play, holds the still-face, then soothes in the reunion.
    play = app.push(PlayScene(app, sf, prediction=brief.prediction()))
    play.choose("smile")
    play.run_until(40)
    play.choose("mirror")
    play.run_until(100)
    play.choose("coo")
    play.run_until(165)
    play.toast_s = 0.0
    shot(app, "play_still_face")
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
    play = app.push(PlayScene(app, ssp, demo=True, prediction=brief.prediction()))
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
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: render every scene into the folder given (default docs/screenshots)."""
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    for p in render_all(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
