"""Lecture playlists: TOML files of talk and scenario segments with cue points, validated like scenarios.

A playlist (``scenarios/playlists/*.toml``) is data, parsed and never executed. Each segment is either a
*talk* (a slide the lecturer speaks to) or a *scenario* segment (a scenario, or some of its episodes,
played by a scripted caregiver at a chosen speed), with *cues*: moments at which the lecture pauses on
a question shown large. :func:`planned_seconds` adds up the plan's time (talks, scenario model time over
its speed, cue pauses, debriefs) so a test can check that the plan fits its class with slack.
Every error is one line ``FILE: FIELD: WHAT``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import paths
from ..model.params import PRESET_ALIASES, PRESETS
from ..model.policies import POLICY_IDS
from ..model.scenario import ScenarioError, _message, _where, load_scenario, read_toml

PLAYLIST_DIR = paths.SCENARIO_DIR / "playlists"
SCHEMA_VERSION = 1
#: The slowest and fastest speed a segment may ask for (model seconds per lecture second), as ``play``.
MIN_SPEED, MAX_SPEED = 0.5, 8.0


class PlaylistError(ScenarioError):
    """A playlist that cannot be used. ``str(err)`` is one line per problem: ``FILE: FIELD: WHAT``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cue(_Strict):
    """A moment at which the lecture pauses on a question."""

    episode: str | None = Field(None, description="episode id the cue belongs to (default: the segment's first)")
    at_s: float = Field(0.0, ge=0, le=3600, description="seconds into that episode")
    question: str = Field(min_length=1, description="the question shown large while the lecture pauses")
    pause_s: float = Field(60.0, ge=0, le=900, description="planned discussion time in seconds")
    speed: float | None = Field(None, ge=MIN_SPEED, le=MAX_SPEED, description="speed after the cue")


class Segment(_Strict):
    """One part of the lecture: a talk slide or a stretch of a scenario."""

    kind: Literal["talk", "scenario"]
    title: str = Field(min_length=1)
    text: str = Field("", description="talk: what the slide says; scenario: a line under the title")
    minutes: float | None = Field(None, gt=0, le=60, description="talk: planned minutes")
    glossary: list[str] = Field(default_factory=list, description="glossary terms to show on a talk slide")
    scenario: str | None = Field(None, description="scenario name from scenarios/")
    infant: str | None = Field(None, description="infant preset (default: the scenario's)")
    caregiver: str = Field("sensitive", description="policy that plays the learner's episodes")
    seed: int = Field(0, ge=0)
    from_episode: str | None = Field(None, description="first episode shown (earlier ones run unseen)")
    to_episode: str | None = Field(None, description="last episode shown (default: the last)")
    speed: float = Field(2.0, ge=MIN_SPEED, le=MAX_SPEED, description="model seconds per lecture second")
    debrief_s: float = Field(0.0, ge=0, le=900, description="seconds the debrief is shown afterwards (0: none)")
    cues: list[Cue] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fields(self):
        if self.kind == "talk":
            if self.minutes is None:
                raise ValueError("a talk segment needs minutes")
            if self.scenario is not None or self.cues:
                raise ValueError("a talk segment has no scenario or cues")
        elif self.scenario is None:
            raise ValueError("a scenario segment needs scenario")
        return self


class Playlist(_Strict):
    """A lecture plan."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    summary: str = ""
    class_minutes: float = Field(gt=0, le=240, description="length of the class")
    budget_minutes: float = Field(gt=0, le=240, description="the plan, pauses included, must fit in this")
    segments: list[Segment] = Field(min_length=1)


def _check_references(pl: Playlist, data: dict, source: str) -> list[str]:
    """Scenario names, presets, policies and episode ids that must exist; one line per problem."""
    problems = []
    for k, seg in enumerate(pl.segments):
        where = f"{source}: segments[{k}]"
        if seg.kind != "scenario":
            continue
        try:
            sc = load_scenario(seg.scenario)
        except ScenarioError as exc:
            problems.append(f"{where}.scenario: {seg.scenario!r}: {str(exc).splitlines()[0]}")
            continue
        if seg.infant is not None and seg.infant.lower() not in PRESETS and seg.infant.lower() not in PRESET_ALIASES:
            problems.append(f"{where}.infant: unknown preset {seg.infant!r}; valid: {', '.join(PRESETS)}")
        if seg.caregiver not in POLICY_IDS:
            problems.append(f"{where}.caregiver: unknown policy {seg.caregiver!r}; valid: {', '.join(POLICY_IDS)}")
        ids = [ep.id for ep in sc.episodes]
        for field in ("from_episode", "to_episode"):
            v = getattr(seg, field)
            if v is not None and v not in ids:
                problems.append(f"{where}.{field}: no episode {v!r} in {sc.id}; valid: {', '.join(ids)}")
        lo, hi = episode_range(seg, sc)
        for c, cue in enumerate(seg.cues):
            if cue.episode is not None and cue.episode not in ids[lo:hi + 1]:
                problems.append(f"{where}.cues[{c}].episode: {cue.episode!r} is not among the episodes shown "
                                f"({', '.join(ids[lo:hi + 1])})")
            elif cue.at_s > sc.episodes[ids.index(cue.episode) if cue.episode else lo].duration_s:
                problems.append(f"{where}.cues[{c}].at_s: {cue.at_s:g} is past the end of the episode")
    return problems


def episode_range(seg: Segment, scenario) -> tuple[int, int]:
    """0-based first and last episode a scenario segment shows."""
    ids = [ep.id for ep in scenario.episodes]
    lo = ids.index(seg.from_episode) if seg.from_episode in ids else 0
    hi = ids.index(seg.to_episode) if seg.to_episode in ids else len(ids) - 1
    return lo, max(lo, hi)


def parse_playlist(data: dict, source: str = "<data>") -> Playlist:
    """Validate a parsed TOML mapping; raise :class:`PlaylistError` with one line per problem."""
    try:
        pl = Playlist.model_validate(data)
    except ValidationError as exc:
        raise PlaylistError("\n".join(f"{source}: {_where(e['loc'], data)}: {_message(e)}"
                                      for e in exc.errors())) from None
    problems = _check_references(pl, data, source)
    if problems:
        raise PlaylistError("\n".join(problems))
    return pl


def resolve_playlist(name: str | Path) -> Path:
    """A playlist name (``fifty_minutes``) or a path to a ``.toml`` file, as a path."""
    p = Path(name)
    if p.suffix == ".toml" or p.exists() or len(p.parts) > 1:
        return p
    return PLAYLIST_DIR / f"{name}.toml"


def load_playlist(path: str | Path) -> Playlist:
    """Read and validate a playlist file (a path, or a name from ``scenarios/playlists/``)."""
    p = resolve_playlist(path)
    try:
        data = read_toml(p, "playlist file")  # a regular file, bounded, never blocking (issue 13)
    except ScenarioError as exc:
        raise PlaylistError(str(exc)) from None
    return parse_playlist(data, str(p))


def segment_planned_seconds(seg: Segment) -> float:
    """Planned lecture seconds of one segment: talk minutes, or the shown episodes' planned model time
    at the segment's speeds (a cue's speed holds from the cue on), plus cue pauses and the debrief."""
    if seg.kind == "talk":
        return 60.0 * float(seg.minutes)
    sc = load_scenario(seg.scenario)
    lo, hi = episode_range(seg, sc)
    start = [sum(ep.duration_s for ep in sc.episodes[:i]) for i in range(len(sc.episodes))]
    t0, t1 = start[lo], start[hi] + sc.episodes[hi].duration_s
    marks = sorted(((start[sc.episode_index(c.episode) if c.episode else lo] + c.at_s, c) for c in seg.cues),
                   key=lambda m: m[0])
    total, t, speed = 0.0, t0, seg.speed
    for at, cue in marks:
        total += (at - t) / speed + cue.pause_s
        t = at
        speed = cue.speed or speed
    total += (t1 - t) / speed
    return total + seg.debrief_s


def planned_seconds(pl: Playlist) -> float:
    """Planned lecture seconds of the whole plan, cue pauses and debriefs included."""
    return sum(segment_planned_seconds(seg) for seg in pl.segments)
