"""Benchmark of the GUI: play-scene frame time with the live chart, time to Home, frames from action key to change.

Prints (targets from docs/contract.md):
  frame_ms_p50 / frame_ms_p95   the play scene with the live chart, drawn at the window's real size, headless,
                                at 1920x1080 (the target: p95 <= 8 ms) and at 1280x720
  time_to_home_s                 from starting `python main.py` to the first Home frame (<= 2 s)
  action_to_change_frames        frames between an action key and the caregiver's visible change (<= 2)

Run: python bench/bench_frame.py [--frames N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The sessions this bench plays are autosaved: into a private folder, never the real user's.
os.environ["ATTUNE_DATA_DIR"] = tempfile.mkdtemp(prefix="attune-bench-")
os.environ.pop("ATTUNE_SAVE_DIR", None)

import pygame  # noqa: E402

from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.view.app import App  # noqa: E402
from simulator.view.scenes.home import HomeScene  # noqa: E402
from simulator.view.scenes.play import PlayScene  # noqa: E402


def _percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(q / 100 * (len(xs) - 1)))))
    return xs[k]


def frame_times(frames: int, speed: float, size=(1920, 1080)) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per frame (events, update, draw, flip) of the Still-Face play scene.

    CPU time is reported beside wall time because the machine may be shared: CPU time is what the
    frame costs, wall time also counts waiting for a core.
    """
    app = App(headless=True, sound=False, size=size)
    app.push(HomeScene(app))
    play = app.push(PlayScene(app, load_scenario("still_face"), speed=speed))
    for _ in range(60):  # warm the caches (fonts, figures, text)
        app.tick(1 / 60)
    wall, cpu = [], []
    for k in range(frames):
        if k % 90 == 0:  # the learner changes action now and then
            play.choose(("smile", "coo", "play", "wait", "soothe")[(k // 90) % 5])
        t0, c0 = time.perf_counter(), time.process_time()
        app.tick(1 / 60)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    pygame.quit()
    return wall, cpu


def time_to_home(runs: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds of `python main.py` until its first Home frame (the app exits there)."""
    import resource
    env = dict(os.environ, ATTUNE_TIME_TO_HOME="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    wall, cpu = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, cwd=str(ROOT), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def action_to_change_frames() -> int:
    """Frames after posting an action key until the room (the caregiver) looks different."""
    app = App(headless=True, sound=False)
    app.push(HomeScene(app))
    play = app.push(PlayScene(app, load_scenario("still_face")))
    play.choose("wait")
    for _ in range(30):
        app.tick(1 / 60)
    room = play.L.room
    before = pygame.image.tobytes(app.canvas.subsurface(room), "RGB")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_4, mod=0, unicode="4", scancode=0))
    frames = 0
    for frames in range(1, 31):
        app.tick(1 / 60)
        if pygame.image.tobytes(app.canvas.subsurface(room), "RGB") != before:
            break
    pygame.quit()
    return frames


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=600)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for size in ((1920, 1080), (1280, 720)):
        for speed in (1.0, 8.0):
            wall, cpu = frame_times(args.frames, speed, size)
            print(f"{size[0]}x{size[1]} speed {speed:g}x: frame_ms_p50 {statistics.median(wall):.2f}  "
                  f"frame_ms_p95 {_percentile(wall, 95):.2f}  (wall)  cpu_ms_p50 {statistics.median(cpu):.2f}  "
                  f"cpu_ms_p95 {_percentile(cpu, 95):.2f}  (play scene, live chart, headless, {len(wall)} frames; "
                  f"target p95 <= 8)")
    wall, cpu = time_to_home()
    print(f"time_to_home_s {wall:.2f} (wall)  cpu_s {cpu:.2f}  (python main.py to the first Home frame; target <= 2)")
    print(f"action_to_change_frames {action_to_change_frames()}  (action key to visible change; target <= 2)")


if __name__ == "__main__":
    main()
