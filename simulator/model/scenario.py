"""Scenario files: the pydantic schema, the TOML loader, and errors that name file, field and value.

A scenario is data (``scenarios/*.toml``), parsed and validated, never executed. ``export_schema``
writes ``scenarios/schema.json`` so editors can complete and check scenario files.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictFloat, ValidationError, field_validator, model_validator

from .. import paths
from . import limits as L
from .actions import ACTION_IDS
from .params import PRESET_ALIASES, PRESETS
from .policies import POLICY_IDS

SCHEMA_VERSION = 1
SCENARIO_DIR = paths.SCENARIO_DIR
_ID = r"^[a-z][a-z0-9_]*$"


class ScenarioError(Exception):
    """A scenario that cannot be used. ``str(err)`` is one line: ``FILE: FIELD: WHAT``."""


# Bounded text: one line (titles, labels, options) or a paragraph (narration, debrief, prompts).
Line = Annotated[str, Field(max_length=L.MAX_LINE_CHARS)]
Text = Annotated[str, Field(max_length=L.MAX_TEXT_CHARS)]


class _Strict(BaseModel):
    # strict: a boolean is not a number and a string is not a list; only finite numbers.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Curtail(_Strict):
    """Ends a separation early after sustained hard crying (science.md SS1; Waters 2002)."""

    crying_s: float = Field(60.0, gt=0, le=L.MAX_CLOCK_S, description="seconds of crying that end the episode")
    max_pause_s: float = Field(5.0, ge=0, le=L.MAX_CLOCK_S,
                               description="longest pause that still counts as the same crying")


class Extend(_Strict):
    """Extends a reunion until the infant is comforted (science.md SS1)."""

    until_calm_s: float = Field(15.0, gt=0, le=L.MAX_CLOCK_S, description="seconds of calm that end the extension")
    max_extra_s: float = Field(180.0, ge=0, le=L.MAX_CLOCK_S, description="longest extension in seconds")


class Tiredness(_Strict):
    """The learner plays a tired caregiver (a_hard_day): tiredness slows and limits the learner's responses;
    rest, a short safe break or a partner's help restores them (``model/tiredness.py``)."""

    start: float = Field(ge=0, le=1, description="tiredness at the start, 0 (rested) to 1 (exhausted)")
    help_s: float = Field(45.0, gt=0, le=600, description="how long a partner steps in when asked (s)")
    self_care: bool = Field(True, description="offer the learner 'ask for help' and 'a short break'")


class Prompt(_Strict):
    """A guided-learning prompt: predict before, observe during, explain after."""

    kind: Literal["predict", "observe", "explain"]
    text: Text = Field(min_length=1)
    options: list[Line] = Field(default_factory=list, max_length=L.MAX_LIST_ITEMS,
                                description="choices for a predict question")
    answer: int | None = Field(None, ge=0, description="index of the option the literature supports")
    at_s: float | None = Field(None, ge=0, le=L.MAX_EPISODE_S,
                               description="seconds into the episode at which Play shows it (default by kind)")

    @model_validator(mode="after")
    def _answer_in_options(self) -> "Prompt":
        if self.answer is not None and self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} is not an index of options (0..{len(self.options) - 1})")
        return self


#: When Play shows a prompt that has no ``at_s`` of its own (model seconds into its episode): a prediction
#: as the episode opens, an observation once there is something to see, an explanation toward the planned
#: end (negative: before the end). The predict-observe-explain order of guided inquiry (White & Gunstone
#: 1992, *Probing Understanding*); the times are a teaching choice, not a finding.
PROMPT_AT_S = {"predict": 0.0, "observe": 20.0, "explain": -30.0}
#: Least model time between two prompts of one episode (s), so that each can be read before the next.
PROMPT_GAP_S = 15.0
_PROMPT_ORDER = {"predict": 0, "observe": 1, "explain": 2}


class Episode(_Strict):
    """One episode of a procedure."""

    id: str = Field(pattern=_ID, max_length=L.MAX_LINE_CHARS, description="episode id, used in CSV as episode_name")
    title: Line = Field(min_length=1)
    duration_s: float = Field(gt=0, le=L.MAX_EPISODE_S, description="planned length in seconds")
    present: list[Literal["caregiver", "stranger"]] = Field(
        default_factory=lambda: ["caregiver"], description="who is in the room besides the infant")
    caregiver: Line = Field("learner", description="'learner', 'absent' or a policy id")
    caregiver_label: Line = Field("", description="what the app calls the caregiver in this episode "
                                                  "(e.g. 'Partner'); empty for 'Caregiver'")
    allowed_actions: list[Line] | None = Field(None, max_length=L.MAX_LIST_ITEMS,
                                               description="actions the learner may use (all if omitted)")
    learner_can_break: bool = Field(False, description="in the GUI, the learner may break a scripted caregiver")
    toys: bool = Field(True, description="toys within reach")
    room_novelty: bool = Field(False, description="an unfamiliar room (the Strange Situation)")
    curtail: Curtail | None = None
    extend: Extend | None = None
    narration: Text = ""
    watch_for: list[Text] = Field(default_factory=list, max_length=L.MAX_LIST_ITEMS)
    prompts: list[Prompt] = Field(default_factory=list, max_length=L.MAX_LIST_ITEMS)
    debrief: Text = ""

    def prompt_times(self) -> list[tuple[float, "Prompt"]]:
        """This episode's prompts with the model second (into the episode) at which each comes up, in order.

        Predictions first, then observations, then explanations; within a kind, a prompt's own ``at_s``, else
        :data:`PROMPT_AT_S` for its kind; a prompt closer than :data:`PROMPT_GAP_S` to the one before is moved
        later. A prompt whose time the episode never reaches (a separation
        curtailed early) does not come up."""
        timed = []
        for k, pt in enumerate(self.prompts):
            at = pt.at_s if pt.at_s is not None else PROMPT_AT_S[pt.kind]
            if at < 0:
                at = max(0.0, self.duration_s + at)
            timed.append((at, _PROMPT_ORDER[pt.kind], k, pt))
        out: list[tuple[float, Prompt]] = []
        for _, at, _, pt in sorted((order, at, k, pt) for at, order, k, pt in timed):
            if out:
                at = max(at, out[-1][0] + PROMPT_GAP_S)
            out.append((at, pt))
        return out

    @field_validator("caregiver")
    @classmethod
    def _known_caregiver(cls, v: str) -> str:
        if v not in ("learner", "absent") and v not in POLICY_IDS:
            raise ValueError(f"unknown caregiver {v!r}; valid: learner, absent, {', '.join(POLICY_IDS)}")
        return v

    @field_validator("allowed_actions")
    @classmethod
    def _known_actions(cls, v: list[str] | None) -> list[str] | None:
        for a in v or []:
            if a not in ACTION_IDS:
                raise ValueError(f"unknown action {a!r}; valid: {', '.join(ACTION_IDS)}")
        if v is not None and not v:
            raise ValueError("must list at least one action (or be left out)")
        return v

    @field_validator("present")
    @classmethod
    def _no_repeats(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError(f"lists someone twice: {v}")
        return v

    @model_validator(mode="after")
    def _caregiver_matches_presence(self) -> "Episode":
        here = "caregiver" in self.present
        if here and self.caregiver == "absent":
            raise ValueError("caregiver is 'absent' but 'caregiver' is in present")
        if not here and self.caregiver != "absent":
            raise ValueError(f"caregiver is {self.caregiver!r} but 'caregiver' is not in present")
        return self


class InfantSpec(_Strict):
    """The scenario's default infant."""

    preset: Line = Field("secure", description="an infant preset: " + ", ".join(PRESETS))
    age_months: float = Field(gt=0, le=36, description="age in months")
    profile: Text = Field("", description="the infant's profile in plain words, for the briefing")

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, v: str) -> str:
        key = PRESET_ALIASES.get(v.lower(), v.lower())
        if key not in PRESETS:
            raise ValueError(f"unknown preset {v!r}; valid: {', '.join(PRESETS)}")
        return key


class Scenario(_Strict):
    """A scenario file."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=_ID, max_length=L.MAX_LINE_CHARS)
    title: Line = Field(min_length=1)
    question: Text = Field(min_length=1, description="the question the scenario asks, for its card")
    procedure: Literal["still_face", "strange_situation", "free_play", "separation"]
    summary: Text = ""
    # A TOML array, so not strict about the container; each item is a strict number.
    age_range_months: tuple[StrictFloat, StrictFloat] = Field((2.0, 24.0), strict=False)
    content_note: Text = Field("", description="shown before a distressing scene")
    learning_goals: list[Text] = Field(default_factory=list, max_length=L.MAX_LIST_ITEMS)
    references: list[Text] = Field(default_factory=list, max_length=L.MAX_LIST_ITEMS)
    infant: InfantSpec
    stranger_label: Line = Field("Stranger", min_length=1,
                                 description="what the app calls the second adult (e.g. 'Key worker')")
    predict: Prompt | None = None
    tiredness: Tiredness | None = Field(None, description="the learner plays a tired caregiver (a_hard_day)")
    episodes: list[Episode] = Field(min_length=1, max_length=L.MAX_EPISODES)
    #: The file this scenario was read from when it is not one of scenarios/ ('' for bundled ones).
    _source: str = PrivateAttr("")

    @field_validator("age_range_months")
    @classmethod
    def _ordered(cls, v: tuple[float, float]) -> tuple[float, float]:
        if not 0 < v[0] <= v[1]:
            raise ValueError(f"must be two ages low <= high, got {list(v)}")
        return v

    @field_validator("episodes")
    @classmethod
    def _unique_ids(cls, episodes: list[Episode]) -> list[Episode]:
        seen: set[str] = set()
        for ep in episodes:
            if ep.id in seen:
                raise ValueError(f"duplicate episode id {ep.id!r}")
            seen.add(ep.id)
        longest = sum(ep.duration_s + (ep.extend.max_extra_s if ep.extend else 0.0) for ep in episodes)
        if longest > L.MAX_SCENARIO_S:
            raise ValueError(f"the episodes may last {longest:g} s with their extensions; at most "
                             f"{L.MAX_SCENARIO_S:g} s ({L.MAX_SCENARIO_S / 3600:g} hours) in one scenario")
        return episodes

    @property
    def planned_s(self) -> float:
        """Total planned length in seconds."""
        return sum(ep.duration_s for ep in self.episodes)

    def episode_index(self, episode_id: str) -> int:
        """0-based index of an episode id (``KeyError`` if absent)."""
        for i, ep in enumerate(self.episodes):
            if ep.id == episode_id:
                return i
        raise KeyError(episode_id)


def _where(loc: tuple, data: dict) -> str:
    """Turn a pydantic error location into ``episodes[3] (separation_1).duration_s``."""
    parts: list[str] = []
    node: object = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({L.clip(node['id'], 40)})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + L.clip(item, 40))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _message(err: dict) -> str:
    msg = L.clip(err["msg"].removeprefix("Value error, "), 300)
    if err["type"] == "missing":
        return "is required but missing"
    if err["type"] == "extra_forbidden":
        return f"unknown field (value {L.quoted(err['input'])})"
    if "input" in err and not isinstance(err["input"], (dict, list)):
        shown = L.quoted(err["input"])
        if shown not in msg:
            return f"{msg} (got {shown})"
    return msg


#: At most this many problems are listed for one file (the rest are counted).
MAX_ERROR_LINES = 20


def parse_scenario(data: dict, source: str = "<data>") -> Scenario:
    """Validate a parsed TOML mapping; raise :class:`ScenarioError` with one line per problem."""
    source = L.clip(source, 300)
    if L.depth(data, L.MAX_TOML_DEPTH) > L.MAX_TOML_DEPTH:
        raise ScenarioError(f"{source}: (file): tables or arrays nested more than {L.MAX_TOML_DEPTH} deep")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        lines = [f"{source}: {_where(e['loc'], data)}: {_message(e)}" for e in errors[:MAX_ERROR_LINES]]
        if len(errors) > MAX_ERROR_LINES:
            lines.append(f"{source}: (file): {len(errors) - MAX_ERROR_LINES} more problems not listed")
        raise ScenarioError("\n".join(lines)) from None
    except RecursionError:
        raise ScenarioError(f"{source}: (file): nested too deep") from None


def read_text_file(path: Path, limit: int, what: str = "file") -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, read without ever blocking.

    A FIFO, a device (``/dev/zero``), a folder, or anything larger than ``limit`` is refused before it is
    read; a UTF-8 byte-order mark is dropped.

    Raises:
        OSError: the file cannot be opened (``strerror`` says why).
        ValueError: not a regular file, too large, or not UTF-8 (one line).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError("is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"is not a regular file (a pipe or a device); only {what}s are read")
        if st.st_size > limit:
            raise ValueError(f"is {st.st_size:,} bytes; a {what} has at most {limit:,}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise ValueError(f"is more than {limit:,} bytes; a {what} has at most {limit:,}")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at {exc.start})") from None


def read_toml(p: Path, what: str = "scenario file") -> dict:
    """The parsed TOML of ``p``: a regular UTF-8 file of at most ``MAX_SCENARIO_BYTES``, nested at most
    ``MAX_TOML_DEPTH`` deep, read without blocking. Raises :class:`ScenarioError` (``FILE: (part): WHAT``)."""
    where = L.clip(p, 300)
    if L.path_too_long(p):
        raise ScenarioError(f"{where}: (file): {L.path_too_long(p)}")
    try:
        text = read_text_file(p, L.MAX_SCENARIO_BYTES, what)
    except OSError as exc:
        if exc.errno == errno.ENOENT and p.suffix != ".toml" and len(p.parts) == 1:
            raise ScenarioError(f"{where}: (scenario): no such scenario; known: {', '.join(available())}") from None
        raise ScenarioError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ScenarioError(f"{where}: (file): {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{where}: (TOML syntax): {L.clip(exc, 200)}") from None
    except RecursionError:
        data = None
    if data is None or L.depth(data, L.MAX_TOML_DEPTH) > L.MAX_TOML_DEPTH:
        raise ScenarioError(f"{where}: (file): tables or arrays nested more than {L.MAX_TOML_DEPTH} deep")
    return data


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (a path, or a name from ``scenarios/``).

    A file read before and unchanged since (same size and modification time) gives the scenario parsed
    then: scenarios are frozen, and Home, the lab and the tests load the same few files thousands of
    times (about 2 ms each)."""
    p = resolve_path(path)
    try:
        st = p.stat()
        key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None  # read_toml reports the problem
    if key is not None and key in _LOADED:
        return _LOADED[key]
    data = read_toml(p)
    sc = parse_scenario(data, str(p))
    try:
        bundled = p.resolve().parent == SCENARIO_DIR
    except OSError:
        bundled = False
    sc._source = "" if bundled else str(p.resolve())
    if key is not None:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))  # the oldest
        _LOADED[key] = sc
    return sc


#: Scenarios already parsed, by (resolved path, modification time in ns, size in bytes).
_LOADED: dict[tuple[str, int, int], Scenario] = {}
_LOADED_MAX = 64


def resolve_path(name: str | Path) -> Path:
    """A scenario name (``still_face``, looked up in ``scenarios/`` first) or a path to a ``.toml`` file."""
    p = Path(name)
    if p.suffix != ".toml" and len(p.parts) == 1 and str(name) not in (".", ".."):
        candidate = SCENARIO_DIR / f"{p.name}.toml"
        if candidate.is_file() or not p.exists():
            if not candidate.is_file():
                raise ScenarioError(f"{L.clip(name)}: (scenario): no such scenario; known: {', '.join(available())}")
            return candidate
    return p


def available() -> list[str]:
    """Names of the bundled scenarios."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def export_schema(path: str | Path | None = None) -> Path:
    """Write the JSON Schema of scenario files (for editor completion); return its path."""
    from .io import atomic_write_text

    target = Path(path) if path else SCENARIO_DIR / "schema.json"
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Attune scenario"
    atomic_write_text(target, json.dumps(schema, indent=2, sort_keys=True) + "\n")
    return target
