"""Replay: rebuild a Session from a session file and reproduce it exactly (same seed, same actions).

A learner session is replayed in learner mode: each recorded action is applied through
:meth:`Session.set_action` just before the model step it was chosen at, so the model sees the same
inputs in the same order and, being deterministic, gives byte-identical measures and events.
:class:`Replayer` drives a replay step by step for the GUI (pause, speed, seek to an episode).
"""

from __future__ import annotations

import json

from ..model.limits import clip
from ..model.scenario import ScenarioError, load_scenario
from ..model.session import DT, Session, SetError
from .store import SessionFileError, session_file_dict


class ReplayError(Exception):
    """A session file that validates but cannot be replayed. ``str(err)`` is one line."""


def _is_learner(d: dict) -> bool:
    if isinstance(d.get("learner"), bool):
        return d["learner"]
    return bool(d.get("actions"))  # ``run --out`` files have no learner actions


def target_steps(d: dict) -> int | None:
    """Steps to replay: None for a finished session (run to the end), else the saved step count."""
    if d.get("finished", True):
        return None
    return int(round(float(d.get("t_s", 0.0)) / DT))


def new_session(d: dict, record: bool = False, learner: bool | None = None) -> Session:
    """A fresh Session with the file's scenario, seed, infant, caregiver and overrides (not yet run)."""
    source = d.get("scenario_file") or d["scenario"]  # a custom scenario file, else a bundled name
    try:
        sc = load_scenario(source)
    except ScenarioError as exc:
        raise ReplayError(f"scenario {clip(source)!r}: {str(exc).splitlines()[0]}") from None
    if sc.id != d["scenario"]:
        raise ReplayError(f"scenario file {clip(source)} now holds scenario {sc.id!r}, not {d['scenario']!r}")
    try:
        return Session(sc, n=1, infant=d["infant"], caregiver=d["caregiver"], seed=int(d["seed"]),
                       overrides={k: float(v) for k, v in d.get("overrides", {}).items()},
                       learner=_is_learner(d) if learner is None else learner, record=record)
    except (SetError, KeyError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise ReplayError(f"cannot rebuild the session: {str(msg).splitlines()[0]}") from None


class Replayer:
    """Steps a rebuilt session, applying the recorded learner actions at their step numbers.

    ``replayer.session`` is the live Session (draw it like a played one). ``advance(frame_dt * speed)``
    for playback, ``seek_episode(e)`` to jump (re-runs from the start: exact, and fast).
    """

    def __init__(self, d: dict, record: bool = False) -> None:
        self.data = d
        self.record = record
        self.actions = sorted(d.get("actions", []), key=lambda a: a["step"])  # stable: keeps file order
        self.end_step = target_steps(d)
        self._restart()

    def _restart(self) -> None:
        self.session = new_session(self.data, record=self.record)
        self._next = 0
        self._accum = 0.0

    @property
    def finished(self) -> bool:
        """True at the end of the session or at the last autosaved step."""
        s = self.session
        return s.finished or (self.end_step is not None and s.steps_taken >= self.end_step)

    def _apply_actions(self) -> None:
        s = self.session
        while self._next < len(self.actions) and self.actions[self._next]["step"] <= s.steps_taken:
            a = self.actions[self._next]
            self._next += 1
            if a["step"] < s.steps_taken:
                raise ReplayError(f"action {a['action']!r} at step {a['step']} was missed")
            if not s.learner or not s.set_action(a["action"]):
                raise ReplayError(f"action {a['action']!r} at step {a['step']} (t={a.get('t')} s) is not "
                                  f"allowed there; the scenario file or the model may have changed since the session was saved")

    def step(self) -> bool:
        """One model step (0.25 s). Returns False when there is nothing left to replay."""
        if self.finished:
            self._apply_final_actions()
            return False
        self._apply_actions()
        self.session.step()
        if self.finished:
            self._apply_actions_at_end()
            self._apply_final_actions()
        return True

    def _apply_final_actions(self) -> None:
        """Actions chosen at the last saved step of an unfinished session (paused, chose, left with Esc)."""
        if not self.session.finished:
            self._apply_actions()

    def _apply_actions_at_end(self) -> None:
        # Actions chosen after the last autosaved step (not reached) are simply not replayed.
        if self.session.finished:
            self._apply_actions_tail()

    def _apply_actions_tail(self) -> None:
        s = self.session
        while self._next < len(self.actions) and self.actions[self._next]["step"] <= s.steps_taken:
            self._next += 1  # chosen after the end (set_action refuses them; the file never holds them)

    def advance(self, model_dt: float) -> int:
        """Feed model seconds (frame time x speed); take whole steps. Returns steps taken."""
        self._accum += max(float(model_dt), 0.0)
        n = 0
        while self._accum >= DT and not self.finished:
            self._accum -= DT
            self.step()
            n += 1
        return n

    def run(self) -> Session:
        """Replay to the end (or to the last autosave); returns the session."""
        while self.step():
            pass
        return self.session

    def seek_episode(self, e: int) -> None:
        """Jump to the start of episode ``e`` (0-based): restart, then replay up to its first step."""
        e = max(0, int(e))
        if int(self.session.episode[0]) >= e or self.session.steps_taken == 0:
            self._restart()
        while not self.finished and int(self.session.episode[0]) < e:
            self.step()


def replay(d: dict, record: bool = False) -> Session:
    """Rebuild and run the session in ``d`` (a loaded session file); returns the replayed Session.

    Raises:
        ReplayError: the scenario is missing, a recorded action is not allowed, or a field is bad.
    """
    s = Replayer(d, record=record).run()
    if "learner" not in d and not d.get("actions") and differences(d, s):
        # A file without the "learner" key and without actions may be a GUI session in which the learner
        # never pressed a key (the debrief's save): try learner mode, and keep it if it matches.
        alt = Replayer({**d, "learner": True}, record=record).run()
        if not differences(d, alt):
            return alt
    return s


_COMPARED = ("parameters", "actions", "t_s", "finished", "events")


def differences(d: dict, session: Session) -> list[str]:
    """What differs between the saved file ``d`` and the replayed ``session`` (empty: identical).

    Compares the parameters, actions, time, events and, for each saved episode, every saved measure,
    as JSON text (byte-identical). A classification is compared when the file has one.
    """
    new = session_file_dict(session, d.get("prediction"))
    diffs = []
    if "model_fingerprint" in d or "scenario_fingerprint" in d:
        from .store import stale_reason
        why = stale_reason(d, session)
    else:
        why = ""
    for key in _COMPARED:
        if key in d and json.dumps(d[key]) != json.dumps(new.get(key)):
            if key == "events":
                old, cur = d[key], new.get(key, [])
                k = next((i for i, (a, b) in enumerate(zip(old, cur)) if a != b), min(len(old), len(cur)))
                diffs.append(f"events differ from event {k} ({len(old)} saved, {len(cur)} replayed)")
            else:
                diffs.append(f"{key} differ")
    old_eps, new_eps = d.get("episodes", []), new.get("episodes", [])
    if len(old_eps) != len(new_eps):
        diffs.append(f"{len(old_eps)} episodes saved, {len(new_eps)} replayed")
    for a, b in zip(old_eps, new_eps):
        bad = [k for k in a if json.dumps(a[k]) != json.dumps(b.get(k))]
        if bad:
            diffs.append(f"episode {a.get('episode_name')}: {', '.join(bad)} differ")
    if isinstance(d.get("classification"), dict) and "classification" in new:
        if json.dumps(d["classification"]) != json.dumps(new["classification"]):
            diffs.append("classification differs")
    if diffs and why:
        diffs.insert(0, why)
    return diffs


def replay_file(path, record: bool = False) -> tuple[dict, Session, list[str]]:
    """Load, replay and verify a file: ``(data, session, differences)``.

    Raises:
        SessionFileError: the file cannot be read or is not a valid session file (one line).
    """
    from .store import load_session

    d = load_session(path)
    try:
        s = replay(d, record=record)
    except ReplayError as exc:
        raise SessionFileError(f"{path}: {exc}") from None
    return d, s, differences(d, s)

