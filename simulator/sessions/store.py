"""Saved sessions on disk: the per-user data folder, autosave, listing, loading with validation, delete.

Pure stdlib + numpy (no pygame). Every write goes through :func:`simulator.model.io.atomic_write_text`
(a temporary file in the same folder, then a rename), so a crash or a SIGKILL leaves either the previous
save or the new one, never half a file. A file that cannot be read (truncated, corrupt, unknown version)
is reported with a one-line message and is never modified or deleted by this module, except by an
explicit :func:`delete_session` (the GUI asks for confirmation first).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..model import limits as L
from ..model.io import atomic_write_text, clean_stale_temp_files
from ..model.scenario import read_text_file

#: Wall-clock and model-time interval (s) between autosaves (design: a kill loses at most 10 s).
AUTOSAVE_INTERVAL_S = 10.0
#: Seconds between retries of a failed autosave.
AUTOSAVE_RETRY_S = 2.0
#: Subfolder of the data folder that holds saved sessions.
SESSIONS_SUBDIR = "sessions"
#: Environment variable that overrides the data folder (tests, portable installs).
ENV_DATA_DIR = "ATTUNE_DATA_DIR"
#: A session file larger than this is refused unread (a save of a 1-hour session is a few MB).
MAX_FILE_BYTES = L.MAX_SESSION_BYTES
SESSION_FORMAT = "attune-session"
SUPPORTED_VERSIONS = (1,)
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


class SessionFileError(Exception):
    """A session file that cannot be used. ``str(err)`` is one line: ``PATH: WHAT``."""


# --- the data folder ------------------------------------------------------------------------------------
def default_data_dir() -> Path:
    """The platform's usual per-user data folder for Attune (not created here), by platformdirs.

    Linux and other Unix: ``$XDG_DATA_HOME/attune`` (default ``~/.local/share/attune``); macOS:
    ``~/Library/Application Support/Attune``; Windows: ``%APPDATA%\\Attune``.
    """
    try:
        import platformdirs
        unix = not (sys.platform.startswith("win") or sys.platform == "darwin")
        return Path(platformdirs.user_data_dir("attune" if unix else "Attune", appauthor=False, roaming=True))
    except ImportError:  # the same rules by hand
        pass
    home = Path.home()
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Roaming") / "Attune"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Attune"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / "attune"


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: ``override`` (``--data-dir``), else ``$ATTUNE_DATA_DIR``, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


#: Environment variable that overrides the folder for Debrief saves and exports.
ENV_EXPORT_DIR = "ATTUNE_SAVE_DIR"


def export_dir(override: str | Path | None = None) -> Path:
    """Where Debrief saves and Export write (not created here).

    ``$ATTUNE_SAVE_DIR``; else, when a data folder is chosen (``--data-dir`` or ``$ATTUNE_DATA_DIR``),
    its ``exports`` subfolder, so nothing goes to the real user's folders; else the platform's documents
    folder (platformdirs) ``/Attune``.
    """
    env = os.environ.get(ENV_EXPORT_DIR)
    if env:
        return Path(env).expanduser()
    if override or os.environ.get(ENV_DATA_DIR):
        return data_dir(override) / "exports"
    try:
        import platformdirs
        return Path(platformdirs.user_documents_dir()) / "Attune"
    except Exception:  # noqa: BLE001 - no platformdirs, or no home: the old default
        return Path.home() / "Attune"


def sessions_dir(override: str | Path | None = None, create: bool = False) -> Path:
    """The folder of saved sessions inside the data folder; created (with parents) when ``create``."""
    folder = data_dir(override) / SESSIONS_SUBDIR
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_name(text: object, limit: int = 40, fallback: str = "session") -> str:
    """A file-name fragment made only of ``A-Z a-z 0-9 _ -`` (no dots, slashes, spaces or control chars)."""
    s = _SAFE.sub("_", str(text)).strip("_-")[:limit].strip("_-")
    return s or fallback


def session_file_name(scenario: str, infant: str, seed: int, when: _dt.datetime | None = None) -> str:
    """``YYYYMMDD-HHMMSS_<scenario>_<infant>_s<seed>.json``, every part sanitised."""
    when = when or _dt.datetime.now()
    try:
        seed_part = str(int(seed))
    except (TypeError, ValueError):
        seed_part = "0"
    return (f"{when.strftime('%Y%m%d-%H%M%S')}_{safe_name(scenario, 32)}_{safe_name(infant, 20)}"
            f"_s{safe_name(seed_part, 12, '0')}.json")


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/<stem>-2.json`` ... when that exists. Never leaves ``folder``."""
    name = Path(name).name  # a bare file name, whatever we were given
    stem, suffix = Path(name).stem, Path(name).suffix or ".json"
    path = folder / f"{stem}{suffix}"
    k = 2
    while path.exists():
        path = folder / f"{stem}-{k}{suffix}"
        k += 1
    return path


# --- writing ------------------------------------------------------------------------------------------
_MODEL_FINGERPRINT: str | None = None


def model_fingerprint() -> str:
    """A short hash of the model's source (simulator/model/**/*.py): replay is exact only under the same one."""
    global _MODEL_FINGERPRINT
    if _MODEL_FINGERPRINT is None:
        import hashlib
        root = Path(__file__).resolve().parents[1] / "model"
        h = hashlib.sha256()
        for f in sorted(root.rglob("*.py")):
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
        _MODEL_FINGERPRINT = h.hexdigest()[:16]
    return _MODEL_FINGERPRINT


def scenario_fingerprint(scenario) -> str:
    """A short hash of the scenario as the session ran it (after ``--set`` episode overrides)."""
    import hashlib
    return hashlib.sha256(json.dumps(scenario.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()[:16]


def session_file_dict(session, prediction: dict | None = None, scores=None, started_at: str | None = None) -> dict:
    """The session file for ``session``: :func:`simulator.export.session_dict` plus the additive keys
    ``learner``, ``started_at``, ``model_fingerprint`` and ``scenario_fingerprint`` (``run --out`` files,
    which lack them, are read as non-learner sessions of unknown model version)."""
    from ..export import score, session_dict

    if scores is None and session.finished:
        try:
            scores = score(session)
        except Exception:  # noqa: BLE001 - a scorer problem must not cost the learner the save itself
            scores = None
    d = session_dict(session, scores, prediction)
    d["learner"] = bool(session.learner)
    if started_at:
        d["started_at"] = started_at
    d["model_fingerprint"] = model_fingerprint()
    d["scenario_fingerprint"] = scenario_fingerprint(session.scenario)
    return d


def stale_reason(d: dict, session) -> str:
    """Why a replay may differ from the file: a changed model or scenario (empty when the file cannot tell)."""
    reasons = []
    if isinstance(d.get("model_fingerprint"), str) and d["model_fingerprint"] != model_fingerprint():
        reasons.append("it was saved by another version of the model")
    if isinstance(d.get("scenario_fingerprint"), str) and d["scenario_fingerprint"] != scenario_fingerprint(
            session.scenario):
        reasons.append(f"the scenario file {d.get('scenario')} has changed since")
    return " and ".join(reasons)


def dumps(d: dict) -> str:
    """The session file text (the same layout as :func:`simulator.export.write_session_json`)."""
    return json.dumps(d, indent=1, sort_keys=False) + "\n"


class Autosaver:
    """Saves a live session to the sessions folder so that a crash or kill loses at most ~10 s.

    The file is claimed when the session starts: the first save creates it exclusively (``O_EXCL``), so
    two sessions started in the same second on one data folder keep two files. Later saves replace it
    atomically. Call :meth:`tick` once per frame with the real frame time; it saves at every episode
    boundary, when the session finishes, and whenever 10 s of wall time or 10 s of model time have
    passed since the last save. Call :meth:`flush` on exit (and after the debrief's prediction is known).

    A save that fails (disk full, folder read-only) never stops the lesson: :attr:`last_error` holds one
    line for the view to show, the line goes to stderr once, and the save is retried every
    :data:`AUTOSAVE_RETRY_S` seconds until it works again (the last good save is never touched).

    Args:
        session: the :class:`~simulator.model.session.Session` (batch of 1) being played.
        folder: the sessions folder (see :func:`sessions_dir`); created if missing.
        prediction: what the learner predicted (stored under ``prediction``); settable later.
        interval_s: seconds between saves (wall or model time).
        name: a file name to use inside ``folder`` (sanitised); default made from scenario/infant/seed.
        stderr: where a failed save is reported: True for the current ``sys.stderr``, a file, or None.
    """

    def __init__(self, session, folder: str | Path, prediction: dict | None = None,
                 interval_s: float = AUTOSAVE_INTERVAL_S, name: str | None = None, stderr=True) -> None:
        self.session = session
        self.folder = Path(folder)
        self.prediction = prediction
        self.interval_s = float(interval_s)
        self.stderr = stderr
        now = _dt.datetime.now()
        self.started_at = now.isoformat(timespec="seconds")
        self.last_error: str | None = None
        self.failures = 0
        self._reported: str | None = None
        self._since_failure = 0.0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # reported by flush(); the lesson goes on
            self.last_error = f"{self.folder}: cannot create the sessions folder ({exc.strerror or exc})"
        clean_stale_temp_files(self.folder)
        if name:
            base = safe_name(Path(str(name)).stem, 80) + ".json"
        else:
            base = session_file_name(session.scenario.id, session.preset, session.seed, now)
        self.path = unique_path(self.folder, base)
        self._claimed = False
        self._wall = 0.0
        self._t_saved = -1.0
        self._episode_saved = -1
        self._finished_saved = False
        self.saves = 0
        self.flush()  # claim the file now

    def _say(self, line: str) -> None:
        out = sys.stderr if self.stderr is True else self.stderr
        if out:
            try:
                print(line, file=out)
            except (OSError, ValueError):  # stderr closed: the view still shows the warning
                pass

    def rebind(self, session) -> bool:
        """Follow a rebuilt session (e.g. after "restart episode") in the same file, and save it now."""
        self.session = session
        self._episode_saved = -1
        return self.flush()

    def _boundary(self) -> bool:
        s = self.session
        return int(s.episode[0]) != self._episode_saved or (s.finished and not self._finished_saved)

    def tick(self, wall_dt: float = 0.0) -> bool:
        """Account ``wall_dt`` seconds of real time; save if due. Returns True if it saved."""
        if not (isinstance(wall_dt, (int, float)) and math.isfinite(wall_dt)):
            wall_dt = 0.0
        wall_dt = max(float(wall_dt), 0.0)
        if self.last_error is not None:  # failing: retry now and then, not every frame
            self._since_failure += wall_dt
            if self._since_failure < AUTOSAVE_RETRY_S:
                return False
            return self.flush()
        self._wall += wall_dt
        s = self.session
        if self._t_saved >= 0 and s.t == self._t_saved and not self._boundary():
            self._wall = 0.0  # paused: nothing new to save
            return False
        if (self._t_saved < 0 or self._boundary() or self._wall >= self.interval_s
                or s.t - self._t_saved >= self.interval_s - 1e-9):
            return self.flush()
        return False

    def _claim(self, text: str) -> None:
        """Create :attr:`path` exclusively with ``text`` (the next free name if another session took it)."""
        data = text.encode("utf-8")
        for _ in range(1000):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:
                self.path = unique_path(self.folder, self.path.name)
                continue
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError:
                try:
                    os.unlink(self.path)  # ours, and incomplete
                except OSError:
                    pass
                raise
            self._claimed = True
            return
        raise OSError(f"no free file name like {self.path.name}")

    def flush(self) -> bool:
        """Save now. Returns False (and sets :attr:`last_error`, one line) if the file cannot be written."""
        s = self.session
        try:
            text = dumps(session_file_dict(s, self.prediction, started_at=self.started_at))
            if self._claimed:
                atomic_write_text(self.path, text)
            else:
                self._claim(text)
        except Exception as exc:  # noqa: BLE001 - autosave must never crash the GUI
            reason = getattr(exc, "strerror", None) or (str(exc).splitlines()[0] if str(exc) else repr(exc))
            self.last_error = f"{L.clip(self.path, 200)}: autosave failed: {L.clip(reason, 200)}"
            self.failures += 1
            self._since_failure = 0.0
            if self._reported is None:
                self._say(f"warning: {self.last_error}; retrying every {AUTOSAVE_RETRY_S:g} s")
            self._reported = self.last_error
            return False
        if self._reported is not None:
            self._say(f"autosave works again: {L.clip(self.path, 200)}")
        self._reported = None
        self.last_error = None
        self._wall = 0.0
        self._t_saved = s.t
        self._episode_saved = int(s.episode[0])
        self._finished_saved = s.finished
        self.saves += 1
        return True


# --- reading ------------------------------------------------------------------------------------------
def _fail(path, what: str) -> SessionFileError:
    return SessionFileError(f"{path}: {what}")


_is_number = L.is_number
_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: Most keys in ``overrides`` or ``parameters``, and most extra keys in one event or episode record.
MAX_KEYS = 200


def _bad(path, where: str, value, what: str) -> SessionFileError:
    return _fail(path, f"{where} {L.quoted(value, 40)} {what}")


def _check_number(path, where: str, v, lo: float, hi: float, integer: bool = False, optional: bool = False):
    if v is None and optional:
        return
    if integer and not (isinstance(v, int) and not isinstance(v, bool)):
        raise _bad(path, where, v, "is not a whole number")
    if not L.is_number(v) or not lo <= v <= hi:
        raise _bad(path, where, v, f"is not a number in {lo:g}..{hi:g}")


def _check_text(path, where: str, v, limit: int = L.MAX_LINE_CHARS, optional: bool = False):
    if v is None and optional:
        return
    if not isinstance(v, str) or len(v) > limit:
        raise _bad(path, where, v, f"is not a text of at most {limit} characters")


def _check_list(path, where: str, v, limit: int):
    if not isinstance(v, list):
        raise _bad(path, where, v, "is not a list")
    if len(v) > limit:
        raise _fail(path, f"{where} has {len(v):,} items; a session file holds at most {limit:,}")


def _check_scalars(path, where: str, rec: dict, skip: tuple[str, ...] = ()):
    """Every other value of a record: a short text, a finite number, true/false or null."""
    if len(rec) > MAX_KEYS:
        raise _fail(path, f"{where} has {len(rec)} fields (at most {MAX_KEYS})")
    for k, v in rec.items():
        if k in skip:
            continue
        if not (v is None or isinstance(v, bool) or L.is_number(v) or (isinstance(v, str) and len(v) <= L.MAX_TEXT_CHARS)):
            raise _bad(path, f"{where}.{L.clip(k, 40)}", v, "is not a short text, a number, true/false or null")


#: The kinds a logged prompt may have (the scenario's ``Prompt.kind``).
PROMPT_KINDS = ("predict", "observe", "explain")


def _check_prompts(path, prompts, t_max: float) -> None:
    """The ``prompts`` list (optional: files from before it existed have none): the scenario prompts shown, each
    with a time, an episode id, a kind, its text and, for a prediction, its options."""
    _check_list(path, "field 'prompts'", prompts, L.MAX_EVENTS)
    for k, pt in enumerate(prompts):
        if not isinstance(pt, dict) or pt.get("kind") not in PROMPT_KINDS:
            raise _fail(path, f"prompts[{k}] is not a prompt record (kind must be one of {', '.join(PROMPT_KINDS)})")
        _check_number(path, f"prompts[{k}].t", pt.get("t"), 0, t_max)
        _check_text(path, f"prompts[{k}].episode", pt.get("episode"), L.MAX_LINE_CHARS)
        _check_text(path, f"prompts[{k}].text", pt.get("text"), L.MAX_TEXT_CHARS)
        options = pt.get("options", [])
        _check_list(path, f"prompts[{k}].options", options, L.MAX_LIST_ITEMS)
        for j, o in enumerate(options):
            _check_text(path, f"prompts[{k}].options[{j}]", o, L.MAX_LINE_CHARS)
        _check_scalars(path, f"prompts[{k}]", pt, skip=("options",))


def validate_session(d, path: str | Path = "<session>") -> dict:
    """Check every field's type and range (``limits``); return ``d`` or raise :class:`SessionFileError`.

    A session file is untrusted data: replay, report and compare run only on files that pass. Extra
    keys are allowed (the format grows by adding keys) but must be plain data of bounded size."""
    path = L.clip(path, 300)
    if not isinstance(d, dict):
        raise _fail(path, "not an Attune session file (the top level is not a JSON object)")
    if d.get("format") != SESSION_FORMAT:
        raise _fail(path, f"not an Attune session file (format is {L.quoted(d.get('format'), 40)}, "
                          f"expected {SESSION_FORMAT!r})")
    v = d.get("version")
    if not isinstance(v, int) or isinstance(v, bool) or v not in SUPPORTED_VERSIONS:
        raise _fail(path, f"session file version {L.quoted(v, 20)} is not supported (this Attune reads version "
                          f"{', '.join(map(str, SUPPORTED_VERSIONS))}); it may come from a newer Attune")
    for key, typ, what in (("scenario", str, "a scenario id"), ("infant", str, "an infant preset"),
                           ("caregiver", str, "a caregiver policy"), ("actions", list, "a list"),
                           ("events", list, "a list"), ("episodes", list, "a list")):
        if not isinstance(d.get(key), typ):
            raise _fail(path, f"field {key!r} is missing or is not {what}")
    for key in ("scenario", "infant", "caregiver"):
        if not _NAME.fullmatch(d[key]):
            raise _bad(path, f"field {key!r}", d[key], "is not an id (letters, digits, _ and -)")
    _check_text(path, "field 'scenario_file'", d.get("scenario_file"), 4096, optional=True)
    _check_number(path, "field 'seed'", d.get("seed"), 0, L.MAX_SEED, integer=True)
    for key in ("overrides", "parameters"):
        m = d.get(key, {})
        if not isinstance(m, dict) or len(m) > MAX_KEYS or not all(
                isinstance(k, str) and len(k) <= L.MAX_LINE_CHARS and L.is_number(x) for k, x in m.items()):
            raise _fail(path, f"field {key!r} must map at most {MAX_KEYS} parameter names to finite numbers")
    t_max = L.MAX_SCENARIO_S + 1
    _check_number(path, "field 't_s'", d.get("t_s", 0.0), 0, t_max)
    _check_list(path, "field 'actions'", d["actions"], L.MAX_ACTIONS)
    last = -1
    for k, a in enumerate(d["actions"]):
        if not (isinstance(a, dict) and isinstance(a.get("action"), str) and isinstance(a.get("step"), int)
                and not isinstance(a.get("step"), bool) and a["step"] >= 0):
            raise _fail(path, f"actions[{k}] must have an integer 'step' and an 'action' id")
        _check_number(path, f"actions[{k}].step", a["step"], 0, L.MAX_STEPS, integer=True)
        _check_text(path, f"actions[{k}].action", a["action"], 64)
        _check_number(path, f"actions[{k}].t", a.get("t", 0.0), 0, t_max)
        _check_scalars(path, f"actions[{k}]", a)
        if a["step"] < last:
            raise _fail(path, f"actions[{k}]: steps go backwards ({a['step']} after {last})")
        last = a["step"]
    _check_list(path, "field 'episodes'", d["episodes"], L.MAX_EPISODES)
    for k, e in enumerate(d["episodes"]):
        if not isinstance(e, dict) or not isinstance(e.get("episode_name"), str):
            raise _fail(path, f"episodes[{k}] is not an episode record")
        _check_text(path, f"episodes[{k}].episode_name", e["episode_name"], L.MAX_LINE_CHARS)
        _check_number(path, f"episodes[{k}].episode", e.get("episode", 1), 1, L.MAX_EPISODES, integer=True)
        for key in ("planned_s", "duration_s"):
            _check_number(path, f"episodes[{k}].{key}", e.get(key), 0, t_max, optional=True)
        if len(e) > MAX_KEYS:
            raise _fail(path, f"episodes[{k}] has {len(e)} fields (at most {MAX_KEYS})")
        for key, x in e.items():  # measures and scales: numbers (or null where they do not apply)
            if key == "curtailed":
                if not isinstance(x, bool):
                    raise _bad(path, f"episodes[{k}].curtailed", x, "is not true or false")
            elif key != "episode_name" and not (x is None or L.is_number(x)):
                raise _bad(path, f"episodes[{k}].{L.clip(key, 40)}", x, "is not a number")
    _check_list(path, "field 'events'", d["events"], L.MAX_EVENTS)
    for k, e in enumerate(d["events"]):
        if not isinstance(e, dict) or not isinstance(e.get("kind"), str) or not _is_number(e.get("t")):
            raise _fail(path, f"events[{k}] is not an event record")
        _check_number(path, f"events[{k}].t", e["t"], 0, t_max)
        _check_scalars(path, f"events[{k}]", e)
    _check_prompts(path, d.get("prompts", []), t_max)
    for key in ("learner", "finished"):
        if key in d and not isinstance(d[key], bool):
            raise _fail(path, f"field {key!r} must be true or false")
    for key in ("started_at", "model_fingerprint", "scenario_fingerprint"):
        _check_text(path, f"field {key!r}", d.get(key), 64, optional=True)
    pred = d.get("prediction")
    if not isinstance(pred, (dict, str, type(None))):
        raise _fail(path, "field 'prediction' must be an object")
    if isinstance(pred, str):
        _check_text(path, "field 'prediction'", pred, L.MAX_TEXT_CHARS)
    if isinstance(pred, dict):
        opts = pred.get("options")
        if opts is not None:
            _check_list(path, "prediction.options", opts, L.MAX_LIST_ITEMS)
        _check_scalars(path, "prediction", pred, skip=("options",))
        for j, o in enumerate(opts or []):
            _check_text(path, f"prediction.options[{j}]", o, L.MAX_TEXT_CHARS)
    if "classification" in d:
        cls = d["classification"]
        if not isinstance(cls, dict):
            raise _fail(path, "field 'classification' must be an object")
        for key in ("classification", "best_fit"):
            if cls.get(key) not in (None, "", "A", "B", "C", "D"):
                raise _bad(path, f"classification.{key}", cls.get(key), "is not A, B, C or D")
        _check_number(path, "classification.disorganization", cls.get("disorganization"), 1, 9, optional=True)
        reasons = cls.get("reasons", [])
        _check_list(path, "classification.reasons", reasons, L.MAX_LIST_ITEMS)
        for j, r in enumerate(reasons):
            _check_text(path, f"classification.reasons[{j}]", r, L.MAX_TEXT_CHARS)
        _check_scalars(path, "classification", cls, skip=("reasons",))
    return d


def load_session(path: str | Path) -> dict:
    """Read and validate a session file (read-only; the file is never changed).

    Raises:
        SessionFileError: one line naming the file and what is wrong (missing, truncated, corrupt,
            not a session file, unknown version, a bad field).
    """
    p = Path(path)
    where = L.clip(p, 300)
    if L.path_too_long(p):
        raise _fail(where, L.path_too_long(p))
    try:
        text = read_text_file(p, MAX_FILE_BYTES, "session file")
    except FileNotFoundError:
        raise _fail(where, "no such file") from None
    except OSError as exc:
        raise _fail(where, f"cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:
        what = str(exc)
        if what.startswith("not UTF-8"):
            what = f"not a text file ({what}); corrupt or not a session file"
        raise _fail(where, what) from None
    if not text:
        raise _fail(where, "the file is empty (the save was interrupted or the file was truncated)")
    try:
        d = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} is not allowed")))
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or not text.rstrip().endswith("}"):
            what = "the file ends too early (truncated: the save was cut off)"
        else:
            what = f"corrupt JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        raise _fail(where, what) from None
    except (ValueError, RecursionError) as exc:
        raise _fail(where, f"corrupt JSON ({L.clip(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)})") from None
    if L.depth(d, L.MAX_TOML_DEPTH) > L.MAX_TOML_DEPTH:
        raise _fail(where, f"nested more than {L.MAX_TOML_DEPTH} deep; not a session file")
    return validate_session(d, p)


# --- listing and deleting -----------------------------------------------------------------------------
@dataclass
class SessionSummary:
    """One row of the sessions list. ``ok`` False means unreadable; ``message`` then says why."""

    path: Path
    ok: bool
    date: str = ""
    scenario: str = ""
    infant: str = ""
    caregiver: str = ""
    learner: bool = False  # True when the learner played the caregiver (else ``caregiver`` is a scripted policy)
    seed: int | None = None
    finished: bool = False
    t_s: float = 0.0
    summary: str = ""
    message: str = ""
    mtime: float = 0.0
    data: dict | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The file name."""
        return self.path.name


def still_face_summary(episodes: list[dict]) -> str:
    """``positive affect 0.52 > 0.11 > 0.33`` style summary of a play/still/reunion session."""
    vals = [e.get("positive_affect") for e in episodes[:3]]
    neg = [e.get("negative_affect") for e in episodes[:3]]
    if len(vals) < 3 or not all(_is_number(v) for v in vals + neg):
        return "still-face: incomplete"
    pa = " / ".join(f"{v:.2f}" for v in vals)
    na = " / ".join(f"{v:.2f}" for v in neg)
    return f"positive {pa}; negative {na}"


_CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant", "D": "disorganized"}


def summary_text(d: dict) -> str:
    """A short result: the classification (Strange Situation) or the still-face pattern."""
    eps = [e for e in d.get("episodes", []) if isinstance(e, dict)]
    names = [e.get("episode_name") for e in eps]
    if len(eps) == 3 and names[0] == "play" and names[2] == "reunion":
        return still_face_summary(eps)
    cls = d.get("classification")
    if isinstance(cls, dict) and cls.get("classification"):
        c = str(cls["classification"])
        text = f"{c} ({_CLASS_NAMES.get(c, '?')})"
        if cls.get("best_fit") and cls.get("best_fit") != c:
            text += f", best fit {cls['best_fit']}"
        return text
    shares = [e.get("matched_share") for e in eps if _is_number(e.get("matched_share"))]
    if shares:
        return f"matched {100 * sum(shares) / len(shares):.0f}% of the time"
    return ""


def _date(d: dict, mtime: float) -> str:
    s = d.get("started_at") if isinstance(d, dict) else None
    if isinstance(s, str):
        try:
            return _dt.datetime.fromisoformat(s).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(mtime)) if mtime else ""


def summarize(path: str | Path, keep_data: bool = False) -> SessionSummary:
    """The list row for one file; an unreadable file gives ``ok=False`` with a readable ``message``."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        d = load_session(p)
    except SessionFileError as exc:
        msg = str(exc)
        prefix = f"{p}: "
        return SessionSummary(p, False, date=_date({}, mtime), message=msg[len(prefix):] if msg.startswith(
            prefix) else msg, mtime=mtime, summary="unreadable")
    return SessionSummary(p, True, date=_date(d, mtime), scenario=d["scenario"], infant=d["infant"],
                          caregiver=d["caregiver"], learner=bool(d.get("learner")), seed=d["seed"], finished=bool(d.get("finished")),
                          t_s=float(d.get("t_s", 0.0)), summary=summary_text(d), mtime=mtime,
                          data=d if keep_data else None)


def list_sessions(folder: str | Path) -> list[SessionSummary]:
    """Every ``*.json`` in ``folder`` (newest first), readable or not. A missing folder gives []."""
    folder = Path(folder)
    try:
        files = [f for f in folder.iterdir() if f.suffix.lower() == ".json" and not f.name.startswith(".")
                 and f.is_file()]
    except OSError:
        return []
    rows = [summarize(f) for f in files]
    rows.sort(key=lambda r: (r.mtime, r.name), reverse=True)
    return rows


def delete_session(path: str | Path, folder: str | Path | None = None) -> None:
    """Delete one saved session. With ``folder``, refuses any path outside it.

    Raises:
        SessionFileError: outside ``folder``, not a ``.json`` file, or cannot be deleted.
    """
    p = Path(path)
    if p.suffix.lower() != ".json":
        raise _fail(p, "not a session file (.json); not deleted")
    if folder is not None:
        try:
            p.resolve().relative_to(Path(folder).resolve())
        except ValueError:
            raise _fail(p, f"is not in the sessions folder {folder}; not deleted") from None
    try:
        p.unlink()
    except FileNotFoundError:
        raise _fail(p, "no such file") from None
    except OSError as exc:
        raise _fail(p, f"cannot delete ({exc.strerror or exc})") from None


def clean_prediction(pred, scenario=None) -> dict | None:
    """The learner's prediction in the view's form ``{question, options, choice, answer}``, or None.

    A session file is untrusted data: anything malformed (wrong types, an index out of range) gives None
    rather than an error, so the debrief and the report never fail on it. Missing question, options or
    answer are taken from ``scenario.predict`` when given.
    """
    if not isinstance(pred, dict):
        return None
    pr = getattr(scenario, "predict", None)
    options = pred.get("options")
    if not (isinstance(options, list) and all(isinstance(o, str) for o in options)):
        options = list(pr.options) if pr is not None else []
    question = pred.get("question")
    if not isinstance(question, str):
        question = pr.text if pr is not None else ""

    def index(v):
        return v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(options) else None

    choice = index(pred.get("choice"))
    answer = index(pred.get("answer")) if "answer" in pred else index(pr.answer if pr is not None else None)
    if choice is None:
        return None
    return {"question": question, "options": options, "choice": choice, "answer": answer}
