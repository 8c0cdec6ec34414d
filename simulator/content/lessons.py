"""Lessons from a finished session: what THIS run showed, with its numbers, for one audience.

:func:`build_debrief` turns a session (and its scores) into a :class:`Debrief`: lessons that point at
this run's own figures (the crying share next to latent arousal in the separations; the still-face as
a planned rupture and the reunion's first match as its repair, with its latency; in a flat, simulated
depression design, the flat episode and normal play again in their own words), the definitions of
rupture and repair, a per-episode table, the prediction compared with this infant and with most
infants, questions to discuss and references. :func:`debrief_markdown` writes it as Markdown (``run
... --out FILE.md``); the GUI's debrief draws the same lessons. No pygame here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..model.behaviour import Behaviour
from ..model.params import PRESETS
from ..model.scoring.classify import is_borderline
from . import lesson_strings as L
from .ruptures import is_flat_design, planned_ruptures

AUDIENCES = L.AUDIENCES
DEFAULT_AUDIENCE = L.DEFAULT_AUDIENCE
#: Reference batch for the research audience's paired effect sizes (infants; same settings, seeds on).
PAIRED_D_N = 100
#: Crying below this share of a separation counts as "hardly cried" (Spangler & Grossmann 1993's
#: avoidant infants showed little or no crying while their heart rate rose).
QUIET_CRYING_SHARE = 0.10
#: Latent arousal above this mean (0-1) counts as aroused inside.
AROUSED = 0.6


@dataclass
class Lesson:
    """One lesson. ``key`` is stable (tests, links); ``terms`` are Glossary terms it uses."""

    key: str
    title: str
    text: str
    terms: tuple[str, ...] = ()
    rows: list[str] = field(default_factory=list)  # optional per-episode lines under the text
    figures: dict[str, float] = field(default_factory=dict)


@dataclass
class Debrief:
    """Everything the debrief says about one run, for one audience."""

    audience: str
    title: str
    question: str
    setup: str
    lessons: list[Lesson]
    definitions: list[tuple[str, str]]
    table_head: list[str]
    table: list[list[str]]
    prediction: list[str]
    discuss: list[str]
    references: list[str]
    unfinished: str = ""


def check_audience(name: str) -> str:
    """The audience id, or ValueError naming the valid ones."""
    key = (name or "").strip().lower()
    if key not in AUDIENCES:
        raise ValueError(f"unknown audience {name!r}; valid: {', '.join(AUDIENCES)}")
    return key


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def clock(seconds: float) -> str:
    """m:ss."""
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _words(value: float, table) -> str:
    for limit, word in table:
        if value < limit:
            return word
    return table[-1][1]


# --- the lessons ------------------------------------------------------------------------------------------
def rupture_repair_lesson(session, audience: str) -> Lesson | None:
    """Matching, ruptures and repairs over the whole session (where the caregiver was ever present)."""
    m = session.episode_measures()
    dur = m["duration_s"][0]
    share = m["matched_share"][0]
    present = ~np.isnan(share) & (dur > 0)
    if not present.any():
        return None
    matched = float((share[present] * dur[present]).sum() / dur[present].sum())
    ruptures = int(np.nansum(m["ruptures"][0]))
    repairs = int(np.nansum(m["repairs"][0]))
    lat = m["mean_repair_latency_s"][0]
    reps = np.nan_to_num(m["repairs"][0])
    mean_lat = float(np.nansum(np.nan_to_num(lat) * reps) / reps.sum()) if reps.sum() > 0 else float("nan")
    if audience == "parents":
        body = L.RR_PARENTS.format(repairs=repairs) if repairs else L.RR_PARENTS_NONE
    else:
        latency = "" if _nan(mean_lat) else L.RR_LATENCY.format(s=mean_lat)
        body = L.RR_CLASS.format(matched_pct=100 * matched, ruptures=ruptures, repairs=repairs, latency=latency)
    return Lesson("rupture_repair", L.TITLE["rupture_repair"][audience], body,
                  ("rupture", "repair", "match / mismatch", "good-enough"),
                  figures={"matched_share": matched, "ruptures": ruptures, "repairs": repairs,
                           "mean_repair_latency_s": mean_lat})


def planned_rupture_lessons(session, audience: str) -> list[Lesson]:
    """One lesson per planned rupture (still-face, phone, separation) and its repair."""
    out = []
    ruptures = planned_ruptures(session.log, scenario=session.scenario)
    for k, r in enumerate(ruptures):
        kind = L.PLANNED_KIND[r.kind][audience]
        Kind = kind[0].upper() + kind[1:]
        start = clock(r.start_s)
        figures = {"start_s": r.start_s}
        if r.end_s is None:
            body = L.PLANNED_RUNNING[audience].format(Kind=Kind, start=start)
        elif not r.repaired:
            body = L.PLANNED_UNREPAIRED[audience].format(Kind=Kind, start=start, end=clock(r.end_s))
            figures["end_s"] = r.end_s
        else:
            lat = float(r.latency_s)
            latency = L.IMMEDIATELY if lat < session.log.dt / 2 else L.AFTER_S.format(s=lat)
            back = r.reengage_latency_s
            if back is None:
                reengage = L.PLANNED_NO_REENGAGE[audience]
            elif back < session.log.dt / 2:  # engaged at the return's first step: already looking, no wait
                reengage = L.PLANNED_ALREADY_ENGAGED[audience]
            else:
                reengage = L.PLANNED_REENGAGE[audience].format(s=L.SECONDS.format(s=back))
            template = L.PLANNED_PARENTS if audience == "parents" else L.PLANNED_CLASS
            body = template.format(Kind=Kind, start=start, end=clock(r.end_s), latency=latency, reengage=reengage)
            figures.update(end_s=r.end_s, repair_latency_s=lat,
                           reengage_latency_s=float("nan") if back is None else float(back))
        terms = ("rupture", "repair", "reunion") + (("still-face",) if r.kind == "still_face" else ())
        title = L.TITLE["planned_rupture"][audience]
        if len(ruptures) > 1:  # two separations: "..., 1 of 2", so the headings tell them apart
            title = L.NTH_OF.format(title=title, k=k + 1, n=len(ruptures))
        out.append(Lesson(f"planned_{r.kind}", title, body, terms, figures=figures))
    return out


def _episode_index(session, pred) -> list[int]:
    return [e for e, ep in enumerate(session.scenario.episodes) if pred(ep)]


#: A change in an episode mean (0-1) smaller than this reads as "about the same" (parents' words, predictions).
SAME_CHANGE = 0.03
#: The research audience's paired d sentence for each lesson that carries one (the GUI fills it in later).
PAIRED_TEMPLATES = {"still_face_effect": L.SF_PAIRED, "flat_effect": L.FLAT_PAIRED}


def still_face_lesson(session, audience: str, research_batch: bool = True) -> Lesson | None:
    """Play, still-face and reunion means beside the published pattern (Mesman et al. 2009); in a flat,
    simulated depression design (:func:`~.ruptures.is_flat_design`), normal play, the flat episode and normal
    play again beside Cohn and Tronick's (1983), in that design's own words."""
    m = session.episode_measures()
    if m["duration_s"].shape[1] < 3 or np.any(m["duration_s"][0, :3] <= 0):
        return None
    pa, na, g = (m[k][0, :3].astype(float) for k in ("positive_affect", "negative_affect", "gaze"))
    flat = is_flat_design(session.scenario)
    if flat:  # CW1's pattern (wellbeing_checks.py): the flat part lower, negativity carried over
        agrees = pa[1] < pa[0] and g[1] < g[0] and na[1] > na[0] and na[0] < na[2] < na[1]
        key, parents, body_class, yes, partly, paired = ("flat_effect", L.FLAT_PARENTS, L.FLAT_CLASS,
                                                         L.FLAT_AGREES, L.FLAT_PARTLY, L.FLAT_PAIRED)
        terms = ("flat affect", "bid", "caregiver well-being")
    else:
        agrees = (pa[0] >= pa[2] >= pa[1] and pa[0] > pa[1] and na[0] <= na[2] <= na[1] and na[1] > na[0]
                  and g[0] > g[1])
        key, parents, body_class, yes, partly, paired = ("still_face_effect", L.SF_PARENTS, L.SF_CLASS,
                                                         L.SF_AGREES, L.SF_PARTLY, L.SF_PAIRED)
        terms = ("still-face", "reunion", "bid")
    if audience == "parents":
        def change(a, b):
            return L.SAME if abs(b - a) < SAME_CHANGE else L.MORE if b < a else L.LESS
        body = parents.format(smiles=change(pa[0], pa[1]), upset=change(na[0], na[1]))
    else:
        body = body_class.format(pa0=pa[0], pa1=pa[1], pa2=pa[2], na0=na[0], na1=na[1], na2=na[2],
                                 g0=g[0], g1=g[1], g2=g[2], verdict=yes if agrees else partly)
        if audience == "research" and research_batch:
            d = paired_d_figures(session)
            if d is not None:
                body += " " + paired.format(**d)
    return Lesson(key, L.TITLE[key][audience], body, terms,
                  figures={"positive_affect": tuple(pa), "negative_affect": tuple(na), "gaze": tuple(g)})


def paired_d_figures(session) -> dict | None:
    """Paired d (d_av, coded behaviour shares) over :data:`PAIRED_D_N` infants with this session's settings
    (seeds from this session's on), for the research audience; None when it cannot be scored."""
    from ..model.batch import run_batch
    from ..model.scoring.stillface import still_face_effects

    batch = run_batch(session.scenario, PAIRED_D_N, infant=session.preset, caregiver=session.caregiver_id,
                      seed=session.seed, overrides=session.overrides, score=True, workers=1)
    means = (batch.scores.still_face or {}).get("means") if batch.scores is not None else None
    if not means:
        return None
    eff = still_face_effects(means)  # coded shares of time, as the validation report uses (SF1, SF2)
    get = lambda name, c: eff[name][c]["d_av"]  # noqa: E731
    return {"n": PAIRED_D_N, "seed": session.seed,
            "pa": get("positive", "play->still_face"), "na": get("negative", "play->still_face"),
            "g": get("gaze", "play->still_face"), "pa_r": get("positive", "play->reunion"),
            "na_r": get("negative", "play->reunion")}


def calm_outside_lesson(session, audience: str) -> Lesson | None:
    """Crying share next to latent arousal in the separations (Spangler & Grossmann 1993)."""
    m = session.episode_measures()
    eps = session.scenario.episodes
    dur = m["duration_s"][0]
    away = [e for e in _episode_index(session, lambda ep: "caregiver" not in ep.present) if dur[e] > 0]
    together = [e for e in _episode_index(session, lambda ep: "caregiver" in ep.present)
                if dur[e] > 0 and (not away or e < away[0])]
    if not away:
        return None
    cry = m["crying"][0]
    ar = m["arousal"][0]
    base = float(np.mean(ar[together])) if together else float("nan")
    peak = float(np.max(ar[away]))
    cry_away = float(np.average(cry[away], weights=dur[away]))
    hidden = cry_away < QUIET_CRYING_SHARE and peak >= AROUSED
    if audience == "parents":
        rows = [L.CALM_ROW_PARENTS.format(title=eps[e].title, cry_words=_words(cry[e], L.CRY_WORDS),
                                          arousal_words=_words(ar[e], L.AROUSAL_WORDS)) for e in away]
        body = L.CALM_PARENTS_HIDDEN if hidden else L.CALM_PARENTS_SHOWN
    else:
        rows = [L.CALM_ROW.format(title=eps[e].title, cry=100 * cry[e], arousal=ar[e]) for e in away]
        body = (L.CALM_HIDDEN if hidden else L.CALM_SHOWN).format(base=base, peak=peak)
    return Lesson("calm_outside", L.TITLE["calm_outside"][audience], body, ("latent arousal", "A (avoidant)")
                  if audience != "parents" else ("latent arousal",), rows=rows,
                  figures={"crying_away": cry_away, "arousal_peak": peak, "arousal_with_caregiver": base,
                           "hidden": float(hidden)})


def secure_base_lesson(session, audience: str) -> Lesson | None:
    """Exploration with and without the caregiver; nearness at the reunions."""
    m = session.episode_measures()
    eps = session.scenario.episodes
    dur = m["duration_s"][0]
    with_cg = [e for e, ep in enumerate(eps) if ep.present == ["caregiver"] and dur[e] > 0
               and not (e > 0 and "caregiver" not in eps[e - 1].present)]
    away = [e for e, ep in enumerate(eps) if "caregiver" not in ep.present and dur[e] > 0]
    reunions = [e for e, ep in enumerate(eps) if "caregiver" in ep.present and e > 0
                and "caregiver" not in eps[e - 1].present and dur[e] > 0]
    if not with_cg or not away:
        return None
    ex = m["exploration"][0]
    e_with = float(np.average(ex[with_cg], weights=dur[with_cg]))
    e_away = float(np.average(ex[away], weights=dur[away]))
    near = float(np.average(m["proximity"][0][reunions], weights=dur[reunions])) if reunions else float("nan")
    if audience == "parents":
        body = L.BASE_PARENTS.format(explore_words=_words(e_with, L.CRY_WORDS),
                                     change=L.PLAYED_MORE if e_away < e_with - 0.05 else L.PLAYED_SAME)
    else:
        body = L.BASE_CLASS.format(explore_with=100 * e_with, with_title=eps[with_cg[-1]].title,
                                   explore_without=100 * e_away, near=0.0 if _nan(near) else 100 * near)
    return Lesson("secure_base", L.TITLE["secure_base"][audience], body, ("secure base", "safe haven"),
                  figures={"exploration_with": e_with, "exploration_away": e_away, "near_reunions": near})


def reunion_lesson(session, scores, audience: str) -> Lesson | None:
    """The classification with its reasons (class, research), or plain words about the reunions (parents)."""
    if scores is None or not scores.classification or not scores.classification[0]:
        return None
    code, best = scores.classification[0], scores.best_fit[0]
    if audience == "parents":
        said = L.REUNION_PARENTS_B_APART if code == "B" and is_borderline(scores.reasons[0]) else \
            L.REUNION_PARENTS.get(code, "")
        return Lesson("reunions", L.TITLE["reunions"][audience], said + " " + L.REUNION_PARENTS_NOTE,
                      ("reunion", "safe haven"))
    reasons = "; ".join(plain_reason(r) for r in scores.reasons[0])
    body = L.CLASS_LINE.format(code=code, name=L.CLASS_NAMES.get(code, code),
                               best=L.CLASS_BEST.format(best=best) if code == "D" else "", reasons=reasons)
    if audience == "research" or code == "D":
        body += L.CLASS_DISORG.format(d=int(scores.disorganization[0]))
    body += " " + L.CLASS_NOTE
    return Lesson("reunions", L.TITLE["reunions"][audience], body, ("classification", "disorganisation"),
                  figures={"disorganization": float(scores.disorganization[0])})


def plain_reason(reason: str) -> str:
    """A scorer's reason in words: "-> A" becomes "so A", ">=" "at least" (no code-speak on screen)."""
    reason = re.sub(r"\s*->\s*([ABCD])\b", r", so \1", reason)
    return reason.replace(">=", "at least").replace("<=", "at most").replace(" < ", " under ")


def separation_lesson(session, audience: str) -> Lesson | None:
    """Crying and arousal apart and back together (the nursery drop-off)."""
    m = session.episode_measures()
    eps = session.scenario.episodes
    dur = m["duration_s"][0]
    apart = [e for e, ep in enumerate(eps) if "caregiver" not in ep.present and dur[e] > 0]
    back = [e for e, ep in enumerate(eps) if "caregiver" in ep.present and e > 0 and dur[e] > 0
            and any(a < e for a in apart)]
    if not apart or not back:
        return None
    cry, ar = m["crying"][0], m["arousal"][0]
    c_apart, a_apart = float(np.average(cry[apart], weights=dur[apart])), float(np.average(ar[apart], weights=dur[apart]))
    c_back, a_back = float(np.average(cry[back], weights=dur[back])), float(np.average(ar[back], weights=dur[back]))
    if audience == "parents":
        body = L.SEP_PARENTS.format(cry_words=_words(c_apart, L.CRY_WORDS),
                                    settled=L.SETTLED_YES if a_back < a_apart - 0.05 else L.SETTLED_NO)
    else:
        body = L.SEP_CLASS.format(cry=100 * c_apart, arousal=a_apart, cry_back=100 * c_back, arousal_back=a_back)
    return Lesson("separation", L.TITLE["separation"][audience], body, ("separation protest", "safe haven"),
                  figures={"crying_apart": c_apart, "arousal_apart": a_apart, "crying_back": c_back,
                           "arousal_back": a_back})


def build_lessons(session, scores=None, audience: str = DEFAULT_AUDIENCE, research_batch: bool = True) -> list[Lesson]:
    """The lessons of one run, most telling first."""
    audience = check_audience(audience)
    proc = session.scenario.procedure
    out: list[Lesson | None] = []
    if proc == "still_face":
        out += planned_rupture_lessons(session, audience)
        out.append(still_face_lesson(session, audience, research_batch))
        out.append(rupture_repair_lesson(session, audience))
    elif proc == "strange_situation":
        out.append(calm_outside_lesson(session, audience))
        out.append(reunion_lesson(session, scores, audience))
        out.append(secure_base_lesson(session, audience))
        out += planned_rupture_lessons(session, audience)
    elif proc == "separation":
        out.append(separation_lesson(session, audience))
        out += planned_rupture_lessons(session, audience)
        out.append(rupture_repair_lesson(session, audience))
    else:
        out.append(rupture_repair_lesson(session, audience))
        out += planned_rupture_lessons(session, audience)
    low_mood = any(ep.caregiver == "depressed" for ep in session.scenario.episodes)
    take_home = L.TAKE_HOME[audience].format(phone="" if low_mood else L.TAKE_HOME_PHONE)
    out.append(Lesson("take_home", L.TITLE["take_home"][audience], take_home, ("good-enough", "repair")))
    return [x for x in out if x is not None]


# --- predictions, compared honestly --------------------------------------------------------------------
def observed_outcome(session, scores) -> str | None:
    """What this infant did, in the terms of the scenario's predict question, or None when unknown."""
    proc = session.scenario.procedure
    if proc == "strange_situation" and scores is not None and scores.classification and scores.classification[0]:
        return L.OBSERVED_SSP.get(scores.classification[0])
    if proc == "still_face" and is_flat_design(session.scenario):
        m = session.episode_measures()
        if np.any(m["duration_s"][0, :2] <= 0):
            return None
        pa, na, g = (m[k][0, :2].astype(float) for k in ("positive_affect", "negative_affect", "gaze"))
        changed = pa[1] < pa[0] - SAME_CHANGE or g[1] < g[0] - SAME_CHANGE or na[1] > na[0] + SAME_CHANGE
        return L.OBSERVED_FLAT["changed" if changed else "same"]
    if proc == "still_face":
        log = session.log
        e = 1
        if log.episode_end[0, e] <= log.episode_start[0, e]:
            return None
        beh = np.asarray(log.behaviour[log.episode_slice(0, e), 0])
        bid = np.flatnonzero(np.isin(beh, [Behaviour.BID, Behaviour.REACH, Behaviour.SMILE]))
        cry = np.flatnonzero(np.isin(beh, [Behaviour.CRY, Behaviour.FUSS]))
        if not bid.size and not cry.size:
            return L.OBSERVED_FIRST_STILL["none"]
        first_bid = bid[0] if bid.size else 10 ** 9
        first_cry = cry[0] if cry.size else 10 ** 9
        return L.OBSERVED_FIRST_STILL["bid" if first_bid <= first_cry else "cry"]
    return None


#: For the shipped predict questions: which option each observed outcome stands for (by option index). The flat
#: design asks its own question (nothing; protest, look away, re-engage; fall asleep; stay as happy): nobody
#: falls asleep in the model, so that option never matches.
_FLAT_OUTCOMES = (L.OBSERVED_FLAT["same"], L.OBSERVED_FLAT["changed"], None, L.OBSERVED_FLAT["same"])
_OPTION_OUTCOMES = {
    "strange_situation": (L.OBSERVED_SSP["B"], L.OBSERVED_SSP["A"], L.OBSERVED_SSP["C"], L.OBSERVED_SSP["D"]),
    "still_face": (L.OBSERVED_FIRST_STILL["cry"], L.OBSERVED_FIRST_STILL["bid"], L.OBSERVED_FIRST_STILL["none"],
                   L.OBSERVED_FIRST_STILL["none"]),
}


def compare_prediction(session, scores, prediction: dict | None) -> list[str]:
    """The learner's prediction beside what this infant did and, separately, what most infants do."""
    if not prediction or prediction.get("choice") is None:
        return [L.PRED_NONE]
    options = prediction.get("options") or []
    choice = int(prediction["choice"])
    lines = [L.PRED_SAID.format(answer=options[choice] if choice < len(options) else choice)]
    observed = observed_outcome(session, scores)
    table = _FLAT_OUTCOMES if is_flat_design(session.scenario) else _OPTION_OUTCOMES.get(session.scenario.procedure)
    if observed is None or table is None or len(table) != len(options):
        lines.append(L.PRED_THIS["unknown"])
    else:
        lines.append(L.PRED_THIS["match" if table[choice] == observed else "differ"].format(observed=observed))
    answer = prediction.get("answer")
    if answer is not None and answer < len(options):
        lines.append(L.PRED_MOST["match" if answer == choice else "differ"].format(answer=options[answer]))
    return lines


# --- the whole debrief --------------------------------------------------------------------------------
def short_reference(citation: str) -> str:
    """A citation without initials: first author, 'et al.' where there are more, year and title."""
    m = re.match(r"\s*(?P<authors>.+?)\s*\((?P<year>\d{4}[a-z]?)\)\.\s*(?P<rest>.*)", citation)
    if not m:
        return citation
    authors = m.group("authors")
    first = authors.split(",")[0].strip()
    more = "," in authors.split(",", 2)[-1] or "&" in authors
    title = re.split(r"(?<=[.?!])\s", m.group("rest"))[0]
    if not title.endswith(("?", "!", ".")):
        title += "."
    return f"{first}{' et al.' if more else ''} ({m.group('year')}). {title}"


def _setup_line(session, audience: str, demo: bool) -> str:
    p = session.params
    age = float(p.age_months[0])
    react = float(p.reactivity[0])
    history = L.HISTORY_PLAIN.get(session.preset) or (PRESETS[session.preset].history
                                                       if session.preset in PRESETS else session.preset)
    who = L.MD_WHO_SCRIPT if demo or not session.learner_actions else L.MD_WHO_LEARNER
    line = L.MD_SETUP.format(age=age, temperament=_words(react, L.TEMPERAMENT_WORDS), history=history, who=who,
                             seed=session.seed)
    if audience == "research":
        line += " " + L.MD_SETUP_RESEARCH.format(scenario=session.scenario.id, seed=session.seed,
                                                 preset=session.preset, caregiver=session.caregiver_id,
                                                 audience=audience)
    if session.overrides:
        items = ", ".join(f"{k} = {v:g}" for k, v in sorted(session.overrides.items()))
        line += " " + L.MD_OVERRIDES.format(items=items)
    return line


def _table(session, audience: str) -> tuple[list[str], list[list[str]]]:
    m = session.episode_measures()
    eps = session.scenario.episodes
    if audience == "parents":
        cols = ["episode", "length", "crying", "arousal"]
        head = [L.MD_PARENT_COL[c] for c in cols]
    elif audience == "class":
        cols = ["episode", "length", "crying", "arousal", "matched", "ruptures", "repairs", "latency"]
        head = [L.MD_COL[c] for c in cols]
    else:
        cols = ["episode", "length", "positive_affect", "negative_affect", "gaze", "arousal", "crying", "matched",
                "ruptures", "repairs", "latency"]
        head = [L.MD_COL[c] for c in cols]
    rows = []
    for e, ep in enumerate(eps):
        d = float(m["duration_s"][0, e])
        if d <= 0:
            continue
        row = []
        for c in cols:
            if c == "episode":
                row.append(ep.title)
            elif c == "length":
                row.append(clock(d) + (L.MD_CURTAILED if m["curtailed"][0, e] else ""))
            elif c == "crying":
                v = float(m["crying"][0, e])
                row.append(_words(v, L.CRY_WORDS) if audience == "parents" else f"{100 * v:.0f}%")
            elif c == "arousal":
                v = float(m["arousal"][0, e])
                row.append(_words(v, L.AROUSAL_WORDS) if audience == "parents" else f"{v:.2f}")
            elif c == "matched":
                v = float(m["matched_share"][0, e])
                row.append(L.MD_NA if _nan(v) else f"{100 * v:.0f}%")
            elif c in ("ruptures", "repairs"):
                v = float(m[c][0, e])
                row.append(L.MD_NA if _nan(v) else str(int(v)))
            elif c == "latency":
                v = float(m["mean_repair_latency_s"][0, e])
                row.append(L.MD_NA if _nan(v) else f"{v:.1f} s")
            else:
                row.append(f"{float(m[c][0, e]):.2f}")
        rows.append(row)
    if audience == "research" and session.scenario.procedure == "strange_situation":
        scores = getattr(session, "_debrief_scores", None)
        if scores is not None:
            from ..export import SCALES
            head = head + [s.replace("_", " ") for s in SCALES]
            k = 0
            for e in range(len(eps)):
                if float(m["duration_s"][0, e]) <= 0:
                    continue
                vals = [scores.scales[s][0, e] for s in SCALES]
                rows[k] += [L.MD_NA if _nan(float(v)) or v <= 0 else str(int(v)) for v in vals]
                k += 1
    return head, rows


def build_debrief(session, scores=None, audience: str = DEFAULT_AUDIENCE, prediction: dict | None = None,
                  demo: bool = False, research_batch: bool = True) -> Debrief:
    """Everything the debrief says about ``session`` for ``audience``."""
    audience = check_audience(audience)
    sc = session.scenario
    lessons = build_lessons(session, scores, audience, research_batch)
    definitions = [(L.TITLE["rupture_repair"][audience], L.DEFINE_RUPTURE_REPAIR[audience])]
    session._debrief_scores = scores
    head, rows = _table(session, audience)
    discuss = [pt.text for ep in sc.episodes for pt in ep.prompts if pt.kind == "explain"]
    refs = list(sc.references)
    if audience == "parents":
        refs = [short_reference(r) for r in refs]
        hide = re.compile(L.PARENTS_HIDE, re.I)
        refs = [r for r in refs if not hide.search(r)]
        discuss = [q for q in discuss if not hide.search(q)]
    unfinished = "" if session.finished else L.MD_UNFINISHED.format(t=clock(session.t))
    return Debrief(audience, sc.title, sc.question, _setup_line(session, audience, demo), lessons, definitions,
                   head, rows, compare_prediction(session, scores, prediction), discuss, refs, unfinished)


def debrief_markdown(debrief: Debrief) -> str:
    """The debrief as Markdown: lessons, definitions, numbers, prediction, questions, references."""
    out = [L.MD_TITLE.format(title=debrief.title), "", L.MD_INTRO.format(question=debrief.question), "",
           debrief.setup, ""]
    if debrief.unfinished:
        out += [debrief.unfinished, ""]
    out += [L.MD_LESSONS, ""]
    for lesson in debrief.lessons:
        out += [f"### {lesson.title}", "", lesson.text, ""]
        if lesson.rows:
            out += [f"- {row}" for row in lesson.rows] + [""]
    out += [L.MD_DEFINITIONS, ""]
    for term, text in debrief.definitions:
        out += [f"**{term}.** {text}", ""]
    out += [L.MD_NUMBERS, "", "| " + " | ".join(debrief.table_head) + " |",
            "|" + "|".join("---" for _ in debrief.table_head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in debrief.table] + [""]
    out += [L.MD_PREDICTION, ""] + [" ".join(debrief.prediction), ""]
    if debrief.discuss:
        out += [L.MD_DISCUSS, ""] + [f"- {q}" for q in debrief.discuss] + [""]
    if debrief.references:
        out += [L.MD_READING if debrief.audience == "parents" else L.MD_REFERENCES, ""]
        out += [f"- {r}" for r in debrief.references] + [""]
    return "\n".join(out)
