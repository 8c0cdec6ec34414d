"""Scenario files: the pydantic schema, the TOML loader, and errors that name file, field and value.

A scenario is data (``scenarios/*.toml``), parsed and validated, never executed. ``export_schema``
writes ``scenarios/schema.json`` so editors can complete and check scenario files.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .. import paths
from .actions import ACTION_IDS
from .params import PRESET_ALIASES, PRESETS
from .policies import POLICY_IDS

SCHEMA_VERSION = 1
SCENARIO_DIR = paths.SCENARIO_DIR
_ID = r"^[a-z][a-z0-9_]*$"


class ScenarioError(Exception):
    """A scenario that cannot be used. ``str(err)`` is one line: ``FILE: FIELD: WHAT``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Curtail(_Strict):
    """Ends a separation early after sustained hard crying (science.md SS1; Waters 2002)."""

    crying_s: float = Field(60.0, gt=0, description="seconds of crying that end the episode")
    max_pause_s: float = Field(5.0, ge=0, description="longest pause that still counts as the same crying")


class Extend(_Strict):
    """Extends a reunion until the infant is comforted (science.md SS1)."""

    until_calm_s: float = Field(15.0, gt=0, description="seconds of calm that end the extension")
    max_extra_s: float = Field(180.0, ge=0, description="longest extension in seconds")


class Tiredness(_Strict):
    """The learner plays a tired caregiver (a_hard_day): tiredness slows and limits the learner's responses;
    rest, a short safe break or a partner's help restores them (``model/tiredness.py``)."""

    start: float = Field(ge=0, le=1, description="tiredness at the start, 0 (rested) to 1 (exhausted)")
    help_s: float = Field(45.0, gt=0, le=600, description="how long a partner steps in when asked (s)")
    self_care: bool = Field(True, description="offer the learner 'ask for help' and 'a short break'")


class Prompt(_Strict):
    """A guided-learning prompt: predict before, observe during, explain after."""

    kind: Literal["predict", "observe", "explain"]
    text: str = Field(min_length=1)
    options: list[str] = Field(default_factory=list, description="choices for a predict question")
    answer: int | None = Field(None, ge=0, description="index of the option the literature supports")

    @model_validator(mode="after")
    def _answer_in_options(self) -> "Prompt":
        if self.answer is not None and self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} is not an index of options (0..{len(self.options) - 1})")
        return self


class Episode(_Strict):
    """One episode of a procedure."""

    id: str = Field(pattern=_ID, description="episode id, used in CSV as episode_name")
    title: str = Field(min_length=1)
    duration_s: float = Field(gt=0, le=3600, description="planned length in seconds")
    present: list[Literal["caregiver", "stranger"]] = Field(
        default_factory=lambda: ["caregiver"], description="who is in the room besides the infant")
    caregiver: str = Field("learner", description="'learner', 'absent' or a policy id")
    caregiver_label: str = Field("", description="what the app calls the caregiver in this episode "
                                                 "(e.g. 'Partner'); empty for 'Caregiver'")
    allowed_actions: list[str] | None = Field(None, description="actions the learner may use (all if omitted)")
    learner_can_break: bool = Field(False, description="in the GUI, the learner may break a scripted caregiver")
    toys: bool = Field(True, description="toys within reach")
    room_novelty: bool = Field(False, description="an unfamiliar room (the Strange Situation)")
    curtail: Curtail | None = None
    extend: Extend | None = None
    narration: str = ""
    watch_for: list[str] = Field(default_factory=list)
    prompts: list[Prompt] = Field(default_factory=list)
    debrief: str = ""

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

    preset: str = Field("secure", description="an infant preset: " + ", ".join(PRESETS))
    age_months: float = Field(gt=0, le=36, description="age in months")
    profile: str = Field("", description="the infant's profile in plain words, for the briefing")

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
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    question: str = Field(min_length=1, description="the question the scenario asks, for its card")
    procedure: Literal["still_face", "strange_situation", "free_play", "separation"]
    summary: str = ""
    age_range_months: tuple[float, float] = (2.0, 24.0)
    content_note: str = Field("", description="shown before a distressing scene")
    learning_goals: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    infant: InfantSpec
    stranger_label: str = Field("Stranger", min_length=1,
                                description="what the app calls the second adult (e.g. 'Key worker')")
    predict: Prompt | None = None
    tiredness: Tiredness | None = Field(None, description="the learner plays a tired caregiver (a_hard_day)")
    episodes: list[Episode] = Field(min_length=1)

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
                    label += f" ({node['id']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _message(err: dict) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "missing":
        return "is required but missing"
    if err["type"] == "extra_forbidden":
        return f"unknown field (value {err['input']!r})"
    if "input" in err and not isinstance(err["input"], (dict, list)) and repr(err["input"]) not in msg:
        return f"{msg} (got {err['input']!r})"
    return msg


def parse_scenario(data: dict, source: str = "<data>") -> Scenario:
    """Validate a parsed TOML mapping; raise :class:`ScenarioError` with one line per problem."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {_where(e['loc'], data)}: {_message(e)}" for e in exc.errors()]
        raise ScenarioError("\n".join(lines)) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (a path, or a name from ``scenarios/``)."""
    p = resolve_path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError(f"{p}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError(f"{p}: (file): not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{p}: (TOML syntax): {exc}") from None
    return parse_scenario(data, str(p))


def resolve_path(name: str | Path) -> Path:
    """A scenario name (``still_face``) or a path to a ``.toml`` file, as a path."""
    p = Path(name)
    if p.suffix == ".toml" or p.exists() or len(p.parts) > 1:
        return p
    candidate = SCENARIO_DIR / f"{name}.toml"
    if not candidate.exists():
        known = ", ".join(available())
        raise ScenarioError(f"{name}: (scenario): no such scenario; known: {known}")
    return candidate


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
