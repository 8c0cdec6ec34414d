"""Benchmark: the worst inputs the limits allow, and the refusal of inputs past them (issue 13).

Prints figures; asserts nothing. Measures (CPU and wall seconds):
- ``run`` of the longest valid scenario (4 hour-long episodes: 57,600 steps) and its replay;
- refusing a session file of a million actions, and of a million episodes (refused by count);
- refusing a scenario of 1,000 nested tables, and a 10 MB scenario file.
Run: python bench/bench_limits.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.cli import main  # noqa: E402
from simulator.model import limits as L  # noqa: E402
from simulator.model.scenario import SCENARIO_DIR, ScenarioError, load_scenario  # noqa: E402
from simulator.sessions.store import SessionFileError, load_session  # noqa: E402

HEAD = """schema_version = 1
id = "longest"
title = "Longest"
question = "Q?"
procedure = "free_play"
[infant]
age_months = 12.0
"""


def timed(label: str, fn) -> None:
    c0, w0 = time.process_time(), time.perf_counter()
    try:
        result = fn()
    except (ScenarioError, SessionFileError) as exc:
        result = f"refused: {str(exc).splitlines()[0][-70:]}"
    print(f"{label:<44} cpu {time.process_time() - c0:6.2f} s  wall {time.perf_counter() - w0:6.2f} s  {result}")


def main_bench() -> int:
    folder = Path(tempfile.mkdtemp(prefix="attune-bench-limits-"))
    episodes = int(L.MAX_SCENARIO_S // L.MAX_EPISODE_S)
    longest = folder / "longest.toml"
    longest.write_text(HEAD + "".join(
        f'[[episodes]]\nid = "e{i}"\ntitle = "E{i}"\nduration_s = {L.MAX_EPISODE_S:g}\n' for i in range(episodes)))
    out = folder / "longest.json"
    main(["run", "still_face", "--out", str(folder / "warm.json")])  # load the compiled kernels first
    timed(f"run: {episodes} x {L.MAX_EPISODE_S:g} s episodes", lambda: main(["run", str(longest), "--out", str(out)]))
    timed("replay of that session", lambda: main(["replay", "--headless", str(out)]))
    saved = json.loads(out.read_text())
    for field, record in (("actions", '{"step":1,"action":"smile"}'), ("episodes", '{"episode_name":"x"}')):
        f = folder / f"million_{field}.json"
        f.write_text(json.dumps({**saved, field: []}).replace(
            f'"{field}": []', f'"{field}": [' + ",".join([record] * 1_000_000) + "]"))
        timed(f"session file, a million {field} ({f.stat().st_size // 1_000_000} MB)", lambda f=f: load_session(f))
    deep = folder / "deep.toml"
    deep.write_text((SCENARIO_DIR / "still_face.toml").read_text() + "[" + ".".join(["a"] * 1000) + "]\n")
    timed("scenario, 1,000 nested tables", lambda: load_scenario(deep))
    big = folder / "big.toml"
    big.write_text("title = '" + "T" * 10_000_000 + "'\n")
    timed("scenario, a 10 MB title", lambda: load_scenario(big))
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
