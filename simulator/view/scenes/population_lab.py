"""Population lab: develop many infants under a caregiving history, run and score them, compare with published tables.

The learner picks a caregiving profile (every dyad the same history) or a population (histories drawn
from documented distributions) and a number of infants N. A worker thread develops the infants
(``model.population``), runs them through the Strange Situation, scores them (``model.scoring``) and
then runs the same developed infants through the Still-Face; the scene polls its progress every frame,
so the window stays responsive and the run can be cancelled. Nothing here sets a classification: every
one comes from scoring the behaviour a developed infant produced.

Results: the classifications (A/B/C/D bars) beside the published distribution for that population,
the still-face effects (play / still-face / reunion means), and an infant browser: any single infant can
be opened and watched in the Play scene (demo mode) with its own developed parameters.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pygame

from .. import strings as S
from .. import theme
from ..scene import Scene
from ..drawing.chart import series_colour
from .play import DevelopedInfant
from ..widgets import Button, FocusGroup, draw_hints, mix, panel, paragraph, text
from ...model import published as pub
from ...model.population.spread import ID8_SIZE

# --- strings (this screen's user-visible text) -----------------------------------------------------------------
T = {
    "title": "Population lab",
    "subtitle": "Patterns grow out of caregiving histories. Pick a history and a number of infants, run it, "
                "and compare the patterns with published samples.",
    "history": "Caregiving history",
    "profiles": "A profile: every dyad has this history",
    "populations": "A population: a mix of histories",
    "n_heading": "Number of infants",
    "n_hint": "N cycles",
    "run": "Run",
    "cancel": "Cancel",
    "back": "Back",
    "watch": "Watch this infant",
    "prev": "Previous",
    "next": "Next",
    "next_class": "Next {code}",
    "about": "About this history",
    "no_class_note": "No classification is set by hand: each one comes from scoring what the simulated infant "
                     "does in the Strange Situation after {months:g} months of everyday moments.",
    "pop_source": "Checked against: {source}",
    "running": "Running {label}, {n} infants",
    "stage_develop": "Developing {n} infants through {months:g} months of everyday moments",
    "stage_ssp": "The Strange Situation, all {n} infants at once",
    "stage_score": "Scoring the behaviour: scales and classifications",
    "stage_sf": "The Still-Face with the same infants",
    "stage_names": {"develop": "Development", "ssp": "Strange Situation", "sf": "Still-Face"},
    "elapsed": "{pct:.0f}%  ·  {s:.0f} s",
    "responsive": "You can keep using the window. Esc or X cancels.",
    "cancelled": "Run cancelled.",
    "failed": "The run stopped: {error}",
    "class_title": "Classifications: this run beside published samples",
    "run_label": "{label}, N = {n}, seed {seed}",
    "legend_sim": "This run",
    "legend_pub": "Published",
    "pct": "{v:.0f}%",
    "range": "{lo:.0f}–{hi:.0f}%",
    "sf_title": "Still-face: the same infants",
    "sf_age": "{n} infants, {age:g} months",
    "sf_episodes": ("Play", "Still-face", "Reunion"),
    "sf_means": "Means",
    "sf_spread": "Spread",
    "spread_change": "Each infant's rise in distress",
    "spread_infants": "{n:,} infants",
    "spread_classes": "B in {k} classes of {size} from this run",
    "spread_all": "all {v:.0f}%",
    "spread_caption": "Infants differ: distress rose a lot in some, hardly at all in others. In classes of {size}, "
                      "B ranged from {lo:.0f}% to {hi:.0f}%.",
    "spread_caption_small": "Infants differ: distress rose a lot in some, hardly at all in others.",
    "infant_title": "Open one infant",
    "infant_grid_hint": "One square per infant, grouped by pattern. Click one.",
    "infant_head": "Infant {i} of {n}: {code} ({name})",
    "infant_bestfit": "best fit {code}",
    "infant_care": "Caregiving: sensitivity {sens:.2f} · repair lag {lag:.1f} s · consistency {cons:.2f} · "
                   "comfort welcomed {welcome:.2f} · phone {phone:.1f} h/day · frightening {fright:.1f}/day",
    "infant_temp": "Temperament: reactivity {r:.2f}, soothability {s:.2f}  ·  working model (0-1): expects a "
                   "response {e:.2f}, plays distress down {d:.2f}, plays distress up {h:.2f}, fear {f:.2f}",
    "infant_why": "Why {code}: {reason}",
    "infant_note": "A re-run has new chance events, so the pattern can differ.",
    "hints": "1-0 history  ·  N infants  ·  R run  ·  S means or spread  ·  [ ] infant  ·  A B C D next of a "
             "pattern  ·  W watch  ·  Esc back",
    "empty": "Run a history to see how the patterns are distributed.",
    "depression_row": "{share:.0%} of caregivers, symptom level around 0.7",
    "prevalence_heading": "Caregivers with depression (about 1 mother in 6; Shorey et al. 2018):",
    "infant_label": "{label}, infant {i}",
    "infant_history": "{label}, simulated infant {i} (sensitivity {sens:.2f}, comfort welcomed {welcome:.2f}{fright})",
    "infant_fright": ", frightening moments {f:.1f} a day",
    "footnote_lowrisk": f"Published: D about {pub.LOW_RISK_D:g}% in low-risk samples ({pub.label('low_risk.D')}); "
                        f"A, B, C from Baltimore ({pub.label('baltimore.n')}), which had no D, so they are read as "
                        "best fit (below).",
    "bestfit_title": "Best fit among A, B, C (each infant once, D too)",
    "bestfit_pub": "Published: {shares}",
    "footnote_profile": "Published, for comparison only: a global mixed-risk sample (Madigan et al. 2023). One "
                        "history is not a population.",
    "footnote_high": f"Published: D {pub.value('high_risk.D_times_low'):g} to {pub.value('high_risk.D_times_high'):g}"
                     f" times the low-risk share of about {pub.LOW_RISK_D:g}% ({pub.label('low_risk.D')}); no A, B, "
                     "C table.",
    "footnote_global": f"Published: all four patterns in {pub.value('global_mixed.n'):,} dyads worldwide "
                       f"({pub.label('global_mixed.n')}).",
}

PARAM_LABELS = {
    "sensitivity": ("Sensitivity", "{:.2f}"),
    "response_lag_s": ("Repair lag", "{:.1f} s"),
    "bout_s": ("Action bout", "{:.0f} s"),
    "consistency": ("Consistency", "{:.2f}"),
    "comfort_welcome": ("Comfort welcomed", "{:.2f}"),
    "phone_hours": ("Phone time", "{:.1f} h/day"),
    "frightening_per_day": ("Frightening episodes", "{:.1f} a day"),
    "depressive_symptoms": ("Depressive symptoms", "{:.1f} (0-1)"),
}
#: Shares of caregivers with depressive symptoms the learner can pick for a population (CW6: 8% Europe, 17%
#: pooled, 26% Middle East; Shorey et al. 2018), and 0% and 50% to see the difference.
PREVALENCES = (0.0, 0.08, 0.17, 0.26, 0.5)

#: Plain names of the histories (the ids are the contract; these are the view's words).
HISTORY_NAMES = {
    "sensitive_repair": "Sensitive, prompt repair",
    "good_enough": "Good enough",
    "slow_repair": "Slow repair",
    "rebuffing": "Comfort rebuffed",
    "unpredictable": "Unpredictable",
    "frightening": "Frightening moments",
    "phone_heavy": "Phone-heavy",
    "depressed": "Depressive symptoms",
    "low_risk": "Low-risk circumstances",
    "high_risk": "High-risk circumstances",
    "global_mixed": "Global mix of circumstances",
}

CLASSES = ("A", "B", "C", "D")
CLASS_COLOURS = {"A": theme.OI_SKY, "B": theme.OI_GREEN, "C": theme.OI_ORANGE, "D": theme.OI_PURPLE}
SIZES = (100, 300, 1000)
SF_MEASURES = ("positive_affect", "negative_affect", "gaze")
SF_STYLES = {"positive_affect": "solid", "negative_affect": "thick", "gaze": "dashed"}

#: Published distributions (percent) and which simulated measure each is read against (science.md §4).
#: The numbers come from the one table of published figures (``model.published``).
MADIGAN = pub.GLOBAL_MIXED
REFERENCES = {
    "low_risk": dict(source=f"Baltimore ({pub.label('baltimore.n')}); D: {pub.label('low_risk.D')}",
                     bars={"D": pub.LOW_RISK_D}, best_fit=pub.BALTIMORE, measure="classification",
                     footnote=T["footnote_lowrisk"]),
    "high_risk": dict(source=pub.label("low_risk.D"), bars={"D": pub.HIGH_RISK_D}, measure="classification",
                      footnote=T["footnote_high"]),
    "global_mixed": dict(source=pub.label("global_mixed.n"), bars=MADIGAN, measure="classification",
                         footnote=T["footnote_global"]),
    "_profile": dict(source=f"global mixed sample, {pub.label('global_mixed.n')}", bars=MADIGAN,
                     measure="classification", footnote=T["footnote_profile"]),
}

# --- layout (canvas pixels) ---------------------------------------------------------------------------------------
LEFT = pygame.Rect(40, 118, 330, 554)
CLASS_PANEL = pygame.Rect(386, 118, 502, 296)
SF_PANEL = pygame.Rect(900, 118, 340, 296)
INFANT_PANEL = pygame.Rect(386, 424, 854, 248)
GRID = pygame.Rect(INFANT_PANEL.x + 16, INFANT_PANEL.y + 60, 330, 134)
RIGHT = pygame.Rect(386, 118, 854, 554)
#: The large-text modes grow this screen's text by at most this factor: its panels are dense.
MAX_GROWTH = 1.12


class Cancelled(Exception):
    """Raised inside the worker when the learner cancels a run."""


class PopulationRun(threading.Thread):
    """One population run in a background thread: develop, Strange Situation, scoring, Still-Face.

    The scene reads ``progress`` (0-1), ``stage`` and, once ``done``, ``result`` or ``error``; it sets
    ``cancel`` to stop at the next model step. The thread never touches pygame.

    Args:
        choice: a profile id (``PROFILES``) or a population id (``POPULATIONS``).
        n: number of infants.
        seed: random seed (the same seed, choice and N give the same result).
        months: months of development (default: the Strange Situation scenario's age).
        ssp_overrides, sf_overrides: ``--set``-style episode overrides (tests shorten the episodes).
        prevalence: a population's share of caregivers with depressive symptoms (None: its own).
    """

    WEIGHTS = (("develop", 0.25), ("ssp", 0.55), ("score", 0.05), ("sf", 0.15))

    def __init__(self, choice: str, n: int, seed: int = 0, months: float | None = None,
                 ssp_overrides: dict | None = None, sf_overrides: dict | None = None,
                 prevalence: float | None = None) -> None:
        super().__init__(daemon=True, name=f"population-{choice}-{n}")
        self.prevalence = prevalence  # share of caregivers with depressive symptoms (None: the population's)
        self.choice = choice
        self.n = int(n)
        self.seed = int(seed)
        self.months = months
        self.ssp_overrides = dict(ssp_overrides or {})
        self.sf_overrides = dict(sf_overrides or {})
        self.progress = 0.0
        self.stage = "develop"
        self.cancel = threading.Event()
        self.done = False
        self.result: dict | None = None
        self.error: str | None = None
        self.cancelled = False
        self.started_at = time.perf_counter()
        self.finished_at: float | None = None

    def _base(self, stage: str) -> tuple[float, float]:
        base = 0.0
        for name, w in self.WEIGHTS:
            if name == stage:
                return base, w
            base += w
        return 1.0, 0.0

    def _set(self, stage: str, frac: float = 0.0) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.stage = stage
        base, w = self._base(stage)
        self.progress = min(1.0, base + w * max(0.0, min(1.0, frac)))

    def _run_session(self, session, stage: str) -> None:
        from ...model.session import DT
        planned = sum(ep.duration_s for ep in session.scenario.episodes) / DT
        total = max(planned, 1.0)
        while not session.finished:
            session.step()
            self._set(stage, min(0.99, session.steps_taken / total))

    def run(self) -> None:  # the thread body
        try:
            self.result = self._work()
        except Cancelled:
            self.cancelled = True
        except Exception as exc:  # shown as a message in the scene; never a traceback in the window
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.finished_at = time.perf_counter()
            self.done = True

    def _work(self) -> dict:
        from ...model.population import POPULATIONS, ProfileParams, develop, develop_population
        from ...model.population.spread import lab_spread
        from ...model.scenario import load_scenario
        from ...model.scoring import score_session
        from ...model.session import Session, apply_episode_overrides

        ssp = apply_episode_overrides(load_scenario("strange_situation"), self.ssp_overrides)
        sf = apply_episode_overrides(load_scenario("still_face"), self.sf_overrides)
        months = float(self.months if self.months is not None else ssp.infant.age_months)
        n = self.n
        self._set("develop", 0.0)
        if self.choice in POPULATIONS:
            from ...model.population.populations import PREVALENCE_KEY
            extra = {} if self.prevalence is None else {PREVALENCE_KEY: float(self.prevalence)}
            dev = develop_population(self.choice, n, months, self.seed, extra)
            kind = "population"
        else:
            # As the ``develop`` command does: one generator for the whole history of the N dyads.
            dev = develop(ProfileParams.from_profile(self.choice, n), months, rng=np.random.default_rng([self.seed, 5]))
            kind = "profile"
        self._set("develop", 1.0)
        idx = np.arange(n)
        s = Session(ssp, n=n, seed=self.seed, params=dev.params.subset(idx), preset_label=self.choice)
        self._run_session(s, "ssp")
        self._set("score", 0.0)
        scores = score_session(s)
        self._set("score", 1.0)
        f = Session(sf, n=n, seed=self.seed, params=dev.params.subset(idx), preset_label=self.choice)
        self._run_session(f, "sf")
        m = f.episode_measures()
        with np.errstate(invalid="ignore"):
            sf_means = {k: np.nanmean(m[k], axis=0) for k in SF_MEASURES}
        spread = lab_spread(m, scores.best_fit, self.seed)
        self._set("sf", 1.0)
        self.progress = 1.0
        return dict(choice=self.choice, kind=kind, n=n, seed=self.seed, months=months,
                    classification=list(scores.classification), best_fit=list(scores.best_fit),
                    reasons=[list(r) for r in scores.reasons], params=dev.params, profile=dev.profile,
                    sf_means=sf_means, spread=spread, sf_episodes=list(f.episode_ids), ssp=ssp,
                    age=float(np.mean(dev.params.age_months)))


def shares(labels, classes=CLASSES) -> dict[str, float]:
    """Percent of each class among ``labels``."""
    n = max(len(labels), 1)
    return {k: 100.0 * sum(1 for x in labels if x == k) / n for k in classes}


def best_fit_shares(result: dict) -> dict[str, float]:
    """Percent of infants whose best fit among A, B, C is each (every infant counted once: adds to 100%)."""
    return shares(result["best_fit"], "ABC")


def simulated_bars(result: dict, measure: str) -> dict[str, float]:
    """The simulated percentages read the same way as a published table: ``classification`` (A, B, C, D,
    adding to 100%), or ``best_fit_d`` (best fit A, B, C plus the D share: more than 100%, so the lab shows
    it only as a separate breakdown)."""
    cls = shares(result["classification"])
    if measure == "best_fit_d":
        out = shares(result["best_fit"], "ABC")
        out["D"] = cls["D"]
        return out
    return cls


def reference_for(choice: str) -> dict:
    """The published table to show beside a run of ``choice``."""
    return REFERENCES.get(choice, REFERENCES["_profile"])


class PopulationLabScene(Scene):
    """Pick a history and N, run it in the background, and explore the distribution and single infants.

    Args:
        months: months of development (default: the Strange Situation's age, 12).
        ssp_overrides, sf_overrides: episode overrides for both procedures (tests shorten them).
        seed: the random seed of the runs.
    """
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    name = "population_lab"

    def __init__(self, app, months: float | None = None, ssp_overrides: dict | None = None,
                 sf_overrides: dict | None = None, seed: int = 0) -> None:
        super().__init__(app)
        from ...model.population import POPULATIONS, PROFILES
        self.profiles = list(PROFILES)
        self.populations = list(POPULATIONS)
        self._profile_objs = PROFILES
        self._population_objs = POPULATIONS
        self.choice = "low_risk" if "low_risk" in POPULATIONS else self.profiles[0]
        self.n = SIZES[1]
        self.prevalence: dict[str, float] = {}  # the learner's share of caregivers with depression, per population
        self.seed = int(seed)
        self.months = months
        self.ssp_overrides = dict(ssp_overrides or {})
        self.sf_overrides = dict(sf_overrides or {})
        self.job: PopulationRun | None = None
        self.result: dict | None = None
        self.message = ""
        self.selected = 0
        self.order: list[int] = []
        self.sf_view = "means"  # the still-face panel: "means" (the three episodes) or "spread" (each infant)
        self.group = FocusGroup(app)
        self.relayout()

    # --- state --------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a run is in progress."""
        return self.job is not None and not self.job.done

    def choose(self, choice: str) -> None:
        """Pick a profile or a population."""
        if self.running:
            return
        self.choice = choice
        self.relayout()

    def set_n(self, n: int) -> None:
        """Pick the number of infants."""
        if self.running:
            return
        self.n = int(n)
        self.relayout()

    def prevalence_of(self, pid: str) -> float:
        """The share of caregivers with depressive symptoms a population run will draw (the learner's, or
        the population's own)."""
        return self.prevalence.get(pid, self._population_objs[pid].depression_prevalence)

    def set_prevalence(self, share: float) -> None:
        """Set the chosen population's share of caregivers with depressive symptoms (CW6)."""
        if self.running or self.choice not in self._population_objs:
            return
        self.prevalence[self.choice] = float(share)
        self.relayout()

    def cycle_n(self) -> None:
        """Next size (100, 300, 1000)."""
        k = SIZES.index(self.n) if self.n in SIZES else -1
        self.set_n(SIZES[(k + 1) % len(SIZES)])

    def run(self) -> None:
        """Start a run of the chosen history in the background."""
        if self.running:
            return
        self.message = ""
        prev = self.prevalence.get(self.choice) if self.choice in self._population_objs else None
        self.job = PopulationRun(self.choice, self.n, self.seed, self.months, self.ssp_overrides, self.sf_overrides,
                                 prev)
        self.job.start()
        self.relayout()
        self.group.focus("cancel")

    def cancel(self) -> None:
        """Stop the run at its next model step."""
        if self.running:
            self.job.cancel.set()

    def _collect(self) -> None:
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if job.result is not None:
            self.result = job.result
            cls = self.result["classification"]
            self.order = sorted(range(len(cls)), key=lambda i: (CLASSES.index(cls[i]) if cls[i] in CLASSES else 9, i))
            self.selected = self.order[0] if self.order else 0
            self.message = ""
        elif job.cancelled:
            self.message = T["cancelled"]
        else:
            self.message = T["failed"].format(error=job.error)
        self.relayout()
        self.group.focus("watch" if self.result is not None else "run")

    def show_sf(self, view: str) -> None:
        """Show the still-face panel's ``"means"`` or its ``"spread"`` across infants."""
        self.sf_view = "spread" if view == "spread" else "means"
        self.relayout()

    def step_infant(self, d: int) -> None:
        """Select the previous or next infant in the grid's order."""
        if not self.result or not self.order:
            return
        k = self.order.index(self.selected) if self.selected in self.order else 0
        self.selected = self.order[(k + d) % len(self.order)]

    def next_of(self, code: str) -> None:
        """Select the next infant classified ``code`` (wrapping)."""
        if not self.result or not self.order:
            return
        cls = self.result["classification"]
        k = self.order.index(self.selected) if self.selected in self.order else -1
        m = len(self.order)
        for j in range(1, m + 1):
            i = self.order[(k + j) % m]
            if cls[i] == code:
                self.selected = i
                return

    def watch(self) -> None:
        """Watch the selected infant's Strange Situation in the Play scene (demo mode)."""
        if self.running or not self.result:
            return
        r = self.result
        i = int(self.selected)
        prof = r["profile"]
        label = T["infant_label"].format(label=HISTORY_NAMES.get(r["choice"], r["choice"]), i=i + 1)
        history = T["infant_history"].format(label=HISTORY_NAMES.get(r["choice"], r["choice"]), i=i + 1,
                                             sens=float(prof.sensitivity[i]), welcome=float(prof.comfort_welcome[i]),
                                             fright=T["infant_fright"].format(f=f) if (f := float(
                                                 prof.frightening_per_day[i])) > 0 else "")
        source = DevelopedInfant(r["params"].subset(np.array([i])), label, history)
        self.app.open("play", r["ssp"], seed=r["seed"] * 100_003 + i, demo=True, source=source)

    # --- layout ----------------------------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Build the controls for the current state (choice, size, running or not, result)."""
        items: list[Button] = []
        running = self.running
        x, w = LEFT.x + 12, LEFT.w - 24
        y = LEFT.y + 60
        keys = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
                pygame.K_9, pygame.K_0]
        caps = [str((k + 1) % 10) for k in range(10)]
        k = 0
        # Rows shrink a little as histories are added, so the list, N and Run always fit the panel.
        rows = len(self.profiles) + len(self.populations)
        step = min(34, (LEFT.bottom - 52 - 84 - 30 - y) // max(rows, 1))
        bh = step - 3
        for group, gap in ((self.profiles, 26), (self.populations, 0)):  # profiles, then populations
            for pid in group:
                key, cap = (keys[k], caps[k]) if k < 10 else (None, None)
                items.append(Button((x, y, w, bh), HISTORY_NAMES.get(pid, pid), lambda pid=pid: self.choose(pid),
                                    key=key, key_label=cap, style="option", selected=pid == self.choice,
                                    locked=running, ident=f"choice:{pid}", font_size=self._fs(16)))
                y += step
                k += 1
            y += gap
        self._n_y = y + 8
        y += 36
        bw = (w - 16) // 3
        for j, n in enumerate(SIZES):
            items.append(Button((x + j * (bw + 8), y, bw, 32), f"{n:,}", lambda n=n: self.set_n(n), style="option",
                                selected=n == self.n, locked=running, ident=f"n:{n}", font_size=self._fs(16)))
        self._prevalence_buttons(items, running)
        y = LEFT.bottom - 52
        if running:
            items.append(Button((x, y, w - 110, 44), T["cancel"], self.cancel, key=pygame.K_x, key_label="X",
                                ident="cancel", style="primary", font_size=self._fs(17)))
        else:
            items.append(Button((x, y, w - 110, 44), T["run"], self.run, key=pygame.K_r, key_label="R", ident="run",
                                style="primary", font_size=self._fs(17)))
        items.append(Button((x + w - 100, y, 100, 44), T["back"], self.close, key_label="Esc", ident="back",
                            style="quiet", font_size=self._fs(16)))
        if self.result is not None and not running:
            bx = SF_PANEL.right - 12
            for view in ("spread", "means"):
                tw = self._font(14).size(T[f"sf_{view}"])[0] + 34  # room for the selected mark
                bx -= tw
                items.append(Button((bx, SF_PANEL.y + 34, tw, 26),
                                    T[f"sf_{view}"], lambda view=view: self.show_sf(view), style="option",
                                    selected=self.sf_view == view, ident=f"sf:{view}", font_size=self._fs(14)))
                bx -= 6
            ip = INFANT_PANEL
            by = ip.bottom - 46
            bx = GRID.x
            for code in CLASSES:
                items.append(Button((bx, by, 76, 34), T["next_class"].format(code=code),
                                    lambda code=code: self.next_of(code),
                                    key=getattr(pygame, f"K_{code.lower()}"), ident=f"next:{code}",
                                    font_size=self._fs(15), locked=code not in self.result["classification"]))
                bx += 84
            dx = GRID.right + 24
            items.append(Button((dx, by, 120, 34), T["prev"], lambda: self.step_infant(-1),
                                key=pygame.K_LEFTBRACKET, key_label="[", ident="prev", font_size=self._fs(15)))
            items.append(Button((dx + 128, by, 110, 34), T["next"], lambda: self.step_infant(1),
                                key=pygame.K_RIGHTBRACKET, key_label="]", ident="next", font_size=self._fs(15)))
            ww = ip.right - 16 - (dx + 250)
            items.append(Button((dx + 250, by, ww, 34), T["watch"], self.watch, key=pygame.K_w, key_label="W",
                                ident="watch", style="primary", font_size=self._fs(15)))
        self.group.set(items)

    def _prevalence_buttons(self, items: list, running: bool) -> None:
        """For a population, before a run: one option button per share of caregivers with depression, at the
        bottom of the About panel (where ``_draw_about`` writes its heading)."""
        self._prev_y = None
        if self.result is not None or self.choice not in self._population_objs:
            return
        x, w = RIGHT.x + 24, RIGHT.w - 48
        y = RIGHT.bottom - 96
        self._prev_y = y - 26
        current = self.prevalence_of(self.choice)
        bw = min(120, (w - 8 * (len(PREVALENCES) - 1)) // len(PREVALENCES))
        for j, share in enumerate(PREVALENCES):
            items.append(Button((x + j * (bw + 8), y, bw, 32), f"{share:.0%}", lambda share=share: self.set_prevalence(share),
                                style="option", selected=abs(share - current) < 1e-9, locked=running,
                                ident=f"prevalence:{share:g}", font_size=self._fs(16)))

    # --- scene hooks -----------------------------------------------------------------------------------------------
    def pause(self) -> None:
        # Leaving the lab (popped, or Home): stop a run rather than let it use the cores in the background.
        if self.running:
            self.cancel()

    def close(self) -> None:
        self.cancel()
        super().close()

    def update(self, dt: float) -> None:
        if self.job is not None and self.job.done:
            self._collect()

    def process_event(self, event):
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1 and self.result is not None \
                and not self.running and self.group.item_at(event.pos) is None:
            i = self._grid_hit(event.pos)
            if i is not None:
                self.selected = i
                return None
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                if self.running:
                    self.cancel()
                else:
                    self.close()
                return None
            if event.key == pygame.K_n and not self.running:
                self.cycle_n()
                return None
            if event.key == pygame.K_s and self.result is not None and not self.running:
                self.show_sf("means" if self.sf_view == "spread" else "spread")
                return None
        return event

    # --- drawing -----------------------------------------------------------------------------------------------------
    def _font(self, size: int, bold: bool = False, italic: bool = False):
        """The text-scaled font, at most ``MAX_GROWTH`` times its normal size (the panels keep their layout)."""
        px = round(size * min(self.app.text_scale, MAX_GROWTH))
        return self.app.font(px, bold=bold, italic=italic, scaled=False)

    def _fs(self, size: int) -> int:
        """A Button ``font_size`` whose scaled size grows at most ``MAX_GROWTH`` times."""
        return max(10, int(round(size * min(self.app.text_scale, MAX_GROWTH) / self.app.text_scale)))

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        r = text(surface, self._font(theme.SIZE_TITLE, bold=True), T["title"], (56, 24), p.ink)
        pygame.draw.rect(surface, p.accent, (56, r.bottom + 4, 64, 4), border_radius=2)
        text(surface, self._font(theme.SIZE_BODY), T["subtitle"], (56, r.bottom + 14), p.ink_soft, max_width=1170)
        panel(surface, LEFT, p.panel, p.line, shadow=p.shadow)
        hf = self._font(theme.SIZE_BODY, bold=True)
        sf = self._font(theme.SIZE_TINY, bold=True)
        text(surface, hf, T["history"], (LEFT.x + 14, LEFT.y + 10), p.ink, max_width=LEFT.w - 28)
        first = self.group.find(f"choice:{self.profiles[0]}")
        if first is not None:
            text(surface, sf, T["profiles"], (LEFT.x + 14, first.rect.y - 20), p.ink_soft, max_width=LEFT.w - 28)
        firstp = self.group.find(f"choice:{self.populations[0]}") if self.populations else None
        if firstp is not None:
            text(surface, sf, T["populations"], (LEFT.x + 14, firstp.rect.y - 20), p.ink_soft, max_width=LEFT.w - 28)
        r = text(surface, sf, T["n_heading"], (LEFT.x + 14, self._n_y), p.ink_soft, max_width=LEFT.w - 120)
        text(surface, self._font(theme.SIZE_TINY), f"({T['n_hint']})", (r.right + 8, self._n_y), p.ink_faint)
        if self.running:
            self._draw_progress(surface)
        elif self.result is None:
            self._draw_about(surface)
        else:
            self._draw_classes(surface)
            self._draw_still_face(surface)
            self._draw_infants(surface)
        self.group.draw(surface)
        draw_hints(surface, app, T["hints"])

    def _draw_about(self, surface) -> None:
        app = self.app
        p = app.palette
        panel(surface, RIGHT, p.panel, p.line, shadow=p.shadow)
        x, y, w = RIGHT.x + 24, RIGHT.y + 18, RIGHT.w - 48
        name = HISTORY_NAMES.get(self.choice, self.choice)
        r = text(surface, self._font(theme.SIZE_HEADING, bold=True), f"{T['about']}: {name}", (x, y), p.ink, max_width=w)
        y = r.bottom + 10
        bf = self._font(theme.SIZE_BODY)
        if self.choice in self._population_objs:
            pop = self._population_objs[self.choice]
            desc = pop.description[:1].upper() + pop.description[1:] + "."
            y = paragraph(surface, bf, desc, pygame.Rect(x, y, w, 90), p.ink) + 6
            y = paragraph(surface, self._font(theme.SIZE_SMALL, italic=True), T["pop_source"].format(source=pop.source),
                          pygame.Rect(x, y, w, 60), p.ink_soft) + 8
            rows = [(PARAM_LABELS[k][0], f"median {PARAM_LABELS[k][1].format(d.center)}")
                    for k, d in pop.dists.items() if k in PARAM_LABELS]
            rows.append((PARAM_LABELS["frightening_per_day"][0],
                         f"{pop.frightening_share:.0%} of caregivers, median {pop.frightening_median:g} a day"))
            rows.append((PARAM_LABELS["depressive_symptoms"][0],
                         T["depression_row"].format(share=self.prevalence_of(self.choice))))
        else:
            prof = self._profile_objs[self.choice]
            desc = prof.description[:1].upper() + prof.description[1:] + "."
            y = paragraph(surface, bf, desc, pygame.Rect(x, y, w, 90), p.ink) + 8
            rows = [(label, fmt.format(getattr(prof, k))) for k, (label, fmt) in PARAM_LABELS.items()]
        f = self._font(theme.SIZE_SMALL)
        fb = self._font(theme.SIZE_SMALL, bold=True)
        lh = f.get_linesize() + 6
        for label, value in rows:
            text(surface, f, label, (x, y), p.ink_soft, max_width=260)
            text(surface, fb, value, (x + 280, y), p.ink, max_width=w - 280)
            y += lh
        y += 10
        months = float(self.months) if self.months is not None else 12.0
        note_bottom = self._prev_y - 8 if getattr(self, "_prev_y", None) is not None else y + 60
        nf = self._font(theme.SIZE_SMALL, italic=True)
        if note_bottom - y >= nf.get_height():  # the prevalence choice, when shown, keeps its place below
            y = paragraph(surface, nf, T["no_class_note"].format(months=months),
                          pygame.Rect(x, y, w, note_bottom - y), p.ink_soft) + 8
        if self.message:
            text(surface, self._font(theme.SIZE_SMALL, bold=True), self.message, (x, RIGHT.bottom - 40), p.warn,
                 max_width=w)
        if getattr(self, "_prev_y", None) is not None:
            text(surface, self._font(theme.SIZE_SMALL, bold=True), T["prevalence_heading"], (x, self._prev_y),
                 p.ink_soft, max_width=w)
        text(surface, self._font(theme.SIZE_SMALL), T["empty"], (x, RIGHT.bottom - 16), p.ink_faint,
             anchor="bottomleft", max_width=w)

    def _draw_progress(self, surface) -> None:
        app = self.app
        p = app.palette
        job = self.job
        panel(surface, RIGHT, p.panel, p.line, shadow=p.shadow)
        cx = RIGHT.centerx
        y = RIGHT.y + 150
        name = HISTORY_NAMES.get(job.choice, job.choice)
        text(surface, self._font(theme.SIZE_HEADING, bold=True), T["running"].format(label=name, n=f"{job.n:,}"),
             (cx, y), p.ink, anchor="midtop", max_width=RIGHT.w - 60)
        months = job.months if job.months is not None else 12.0
        stage = {"develop": T["stage_develop"].format(n=f"{job.n:,}", months=months),
                 "ssp": T["stage_ssp"].format(n=f"{job.n:,}"), "score": T["stage_score"],
                 "sf": T["stage_sf"]}.get(job.stage, "")
        text(surface, self._font(theme.SIZE_BODY), stage, (cx, y + 50), p.ink_soft, anchor="midtop",
             max_width=RIGHT.w - 60)
        bar = pygame.Rect(RIGHT.x + 80, y + 100, RIGHT.w - 160, 30)
        pygame.draw.rect(surface, p.panel_alt, bar, border_radius=15)
        fill = bar.copy()
        fill.w = max(30, int(bar.w * job.progress))
        pygame.draw.rect(surface, p.accent, fill, border_radius=15)
        pygame.draw.rect(surface, p.line, bar, width=1, border_radius=15)
        # Stage ticks under the bar, so progress is not read from colour alone.
        base = 0.0
        tf = self._font(theme.SIZE_TINY)
        stages = [name_ for name_, _ in PopulationRun.WEIGHTS]
        current = stages.index(job.stage) if job.stage in stages else 0
        for k, (name_, w) in enumerate(PopulationRun.WEIGHTS):
            xk = bar.x + int(bar.w * base)
            pygame.draw.line(surface, p.ink_faint, (xk, bar.bottom + 2), (xk, bar.bottom + 10), 2)
            label = T["stage_names"].get(name_)
            if label and bar.w * w > tf.size(label)[0] + 8:
                colour = p.ink if k == current else p.ink_faint
                text(surface, self._font(theme.SIZE_TINY, bold=k == current), label,
                     (bar.x + int(bar.w * (base + w / 2)), bar.bottom + 12), colour, anchor="midtop")
            base += w
        elapsed = time.perf_counter() - job.started_at
        text(surface, self._font(theme.SIZE_BODY, bold=True), T["elapsed"].format(pct=100 * job.progress, s=elapsed),
             (cx, bar.bottom + 44), p.ink, anchor="midtop")
        text(surface, tf, T["responsive"], (cx, bar.bottom + 80), p.ink_soft, anchor="midtop")

    def _panel(self, surface, rect: pygame.Rect, title: str) -> None:
        """A results panel: its frame and its title."""
        p = self.app.palette
        panel(surface, rect, p.panel, p.line, shadow=p.shadow)
        text(surface, self._font(theme.SIZE_BODY, bold=True), title, (rect.x + 14, rect.y + 10), p.ink,
             max_width=rect.w - 28)

    def _draw_classes(self, surface) -> None:
        app = self.app
        p = app.palette
        r = self.result
        rect = CLASS_PANEL
        self._panel(surface, rect, T["class_title"])
        name = HISTORY_NAMES.get(r["choice"], r["choice"])
        text(surface, self._font(theme.SIZE_TINY), T["run_label"].format(label=name, n=f"{r['n']:,}", seed=r["seed"]),
             (rect.x + 14, rect.y + 36), p.ink_soft, max_width=rect.w - 200)
        ref = reference_for(r["choice"])
        sim = simulated_bars(r, ref["measure"])
        # Plot area: the four patterns as shares of all infants (they add to 100%); under it, best fit.
        plot = pygame.Rect(rect.x + 48, rect.y + 76, rect.w - 64, rect.h - 240)
        top = 80.0 if max(list(sim.values()) + [v if not isinstance(v, tuple) else v[1] for v in ref["bars"].values()]
                          ) <= 78 else 100.0
        tf = self._font(theme.SIZE_TINY)
        for g in range(0, int(top) + 1, 20):
            yy = plot.bottom - int(plot.h * g / top)
            pygame.draw.line(surface, p.line, (plot.x, yy), (plot.right, yy), 1)
            text(surface, tf, f"{g}%", (plot.x - 6, yy), p.ink_faint, anchor="midright")
        slot = plot.w / 4
        bw = int(slot * 0.32)
        vf = self._font(theme.SIZE_TINY, bold=True)
        for k, code in enumerate(CLASSES):
            cx = plot.x + int(slot * (k + 0.5))
            colour = CLASS_COLOURS[code]
            v = sim.get(code, 0.0)
            h = int(plot.h * min(v, top) / top)
            bar = pygame.Rect(cx - bw - 3, plot.bottom - h, bw, h)
            pygame.draw.rect(surface, colour, bar)
            pygame.draw.rect(surface, mix(colour, (0, 0, 0), 0.35), bar, width=1)
            text(surface, vf, T["pct"].format(v=v), (bar.centerx, bar.y - 3), p.ink, anchor="midbottom")
            pub = ref["bars"].get(code)
            pb = pygame.Rect(cx + 3, plot.bottom, bw, 0)
            if pub is not None:
                lo, hi = (pub, pub) if not isinstance(pub, tuple) else pub
                ytop = plot.bottom - int(plot.h * min(hi, top) / top)
                ylo = plot.bottom - int(plot.h * min(lo, top) / top)
                pb = pygame.Rect(cx + 3, ytop, bw, plot.bottom - ytop)
                _hatched(surface, pb, mix(colour, p.panel, 0.55), mix(colour, (0, 0, 0), 0.45))
                if lo != hi:
                    pygame.draw.line(surface, p.ink, (pb.x - 2, ylo), (pb.right + 2, ylo), 2)
                label = T["pct"].format(v=lo) if lo == hi else T["range"].format(lo=lo, hi=hi)
                text(surface, tf, label, (pb.centerx, pb.y - 3), p.ink_soft, anchor="midbottom")
            text(surface, self._font(theme.SIZE_SMALL, bold=True), code, (cx, plot.bottom + 6), p.ink, anchor="midtop")
            text(surface, tf, S.CLASS_NAMES.get(code, code).split(" (")[0], (cx, plot.bottom + 26), p.ink_soft,
                 anchor="midtop")
        # Legend (top right) and the source of the published table (bottom).
        lx = rect.right - 14
        r2 = text(surface, tf, T["legend_pub"], (lx, rect.y + 44), p.ink_soft, anchor="midright")
        _hatched(surface, pygame.Rect(r2.x - 20, rect.y + 38, 14, 12), p.panel_alt, p.ink_soft)
        r1 = text(surface, tf, T["legend_sim"], (r2.x - 32, rect.y + 44), p.ink_soft, anchor="midright")
        pygame.draw.rect(surface, p.ink_soft, (r1.x - 20, rect.y + 38, 14, 12))
        y = self._draw_best_fit(surface, pygame.Rect(rect.x + 14, plot.bottom + 46, rect.w - 28, 48), ref)
        paragraph(surface, tf, ref["footnote"], pygame.Rect(rect.x + 14, y + 4, rect.w - 28, rect.bottom - y - 6),
                  p.ink_soft)

    def _draw_best_fit(self, surface, rect: pygame.Rect, ref: dict) -> None:
        """Best fit among A, B, C as its own labelled breakdown: one stacked bar adding to 100%, and the published
        best-fit shares where a table gives them. Returns the y below it."""
        p = self.app.palette
        tf = self._font(theme.SIZE_TINY)
        vf = self._font(theme.SIZE_TINY, bold=True)
        y = paragraph(surface, vf, T["bestfit_title"], pygame.Rect(rect.x, rect.y, rect.w, 40), p.ink)
        bf = best_fit_shares(self.result)
        pub = ref.get("best_fit")
        pub_txt = T["bestfit_pub"].format(shares=", ".join(f"{c} {v:.0f}%" for c, v in pub.items())) if pub else ""
        bar_w = rect.w if pub is None else rect.w - tf.size(pub_txt)[0] - 12
        bar = pygame.Rect(rect.x, y + 1, bar_w, tf.get_linesize())
        x = bar.x
        for code in "ABC":
            w = int(round(bar.w * bf[code] / 100.0)) if code != "C" else bar.right - x
            seg = pygame.Rect(x, bar.y, max(0, w), bar.h)
            pygame.draw.rect(surface, mix(CLASS_COLOURS[code], p.panel, 0.35), seg)
            pygame.draw.rect(surface, p.line, seg, width=1)
            label = f"{code} {bf[code]:.0f}%"
            if tf.size(label)[0] > seg.w - 4:
                label = code if tf.size(code)[0] <= seg.w - 2 else ""
            if label:
                text(surface, tf, label, seg.center, p.ink, anchor="center")
            x += max(0, w)
        if pub is not None:
            text(surface, tf, pub_txt, (rect.right, bar.centery), p.ink_soft, anchor="midright")
        return bar.bottom

    def _draw_still_face(self, surface) -> None:
        from ..drawing.chart import draw_series, series_colour
        app = self.app
        p = app.palette
        r = self.result
        rect = SF_PANEL
        self._panel(surface, rect, T["sf_title"])
        if self.sf_view == "spread" and r.get("spread") is not None:
            self._draw_spread(surface, rect, r["spread"])
            return
        tf = self._font(theme.SIZE_TINY)
        text(surface, tf, T["sf_age"].format(n=f"{r['n']:,}", age=round(r["age"], 1)), (rect.x + 14, rect.y + 36),
             p.ink_soft, max_width=self._sf_tabs_x() - 8 - rect.x - 14)
        plot = pygame.Rect(rect.x + 44, rect.y + 70, rect.w - 76, 120)
        for g in (0.0, 0.5, 1.0):
            yy = plot.bottom - int(plot.h * g)
            pygame.draw.line(surface, p.line, (plot.x, yy), (plot.right, yy), 1)
            text(surface, tf, f"{g:.1f}", (plot.x - 6, yy), p.ink_faint, anchor="midright")
        labels = T["sf_episodes"]
        ne = len(r["sf_episodes"])
        xs = [plot.x + int(plot.w * (k + 0.5) / ne) for k in range(ne)]
        for k, xk in enumerate(xs):
            text(surface, tf, labels[k] if k < len(labels) else r["sf_episodes"][k], (xk, plot.bottom + 6), p.ink_soft,
                 anchor="midtop")
        for name in SF_MEASURES:
            vals = r["sf_means"][name]
            pts = [(xs[k], plot.bottom - int(plot.h * float(np.clip(vals[k], 0, 1)))) for k in range(ne)
                   if vals[k] == vals[k]]
            colour = series_colour(p, name)
            draw_series(surface, colour, _dense(pts), SF_STYLES[name], p.line_width)
            for pt in pts:
                pygame.draw.circle(surface, colour, pt, 5)
        # Legend: one row per series with its line style and the three means in numbers.
        y = plot.bottom + 30
        for name in SF_MEASURES:
            colour = series_colour(p, name)
            draw_series(surface, colour, [(rect.x + 14 + i, y) for i in range(0, 25, 2)], SF_STYLES[name], p.line_width)
            vals = r["sf_means"][name]
            nums = " → ".join("–" if v != v else f"{v:.2f}" for v in vals)
            text(surface, tf, f"{S.SERIES.get(name, name)}: {nums}", (rect.x + 46, y), p.ink, anchor="midleft",
                 max_width=rect.w - 60)
            y += tf.get_linesize() + 2
        pa, na, gz = (r["sf_means"][k] for k in SF_MEASURES)
        agrees = pa[1] < pa[0] and gz[1] < gz[0] and na[1] > na[0] and pa[2] > pa[1]
        text(surface, self._font(theme.SIZE_TINY, italic=True), S.DEBRIEF_SF_AGREES if agrees else S.DEBRIEF_SF_PARTLY,
             (rect.x + 14, rect.bottom - 14), p.ok if agrees else p.warn, anchor="midleft", max_width=rect.w - 28)

    def _sf_tabs_x(self) -> int:
        """The left edge of the Means / Spread tabs (the still-face panel's subtitle stops before it)."""
        tabs = [b.rect.x for b in (self.group.find("sf:means"), self.group.find("sf:spread")) if b is not None]
        return min(tabs) if tabs else SF_PANEL.right - 14

    def _draw_spread(self, surface, rect: pygame.Rect, sp: dict) -> None:
        """Each infant, not only the means: a histogram of the rise in negative affect from play to the still-face,
        %B in classes of 30 drawn from the run (one dot per class), and one plain caption."""
        p = self.app.palette
        tf = self._font(theme.SIZE_TINY)
        bf = self._font(theme.SIZE_TINY, bold=True)
        x0, w = rect.x + 14, rect.w - 28
        y = rect.y + 64
        y = paragraph(surface, bf, T["spread_change"], pygame.Rect(x0, y, w, 2 * bf.get_linesize()), p.ink) + 4
        counts, edges = sp["counts"], sp["edges"]
        hist = pygame.Rect(x0 + 4, y, w - 8, 26)
        top = max(1, int(counts.max()))
        span = float(edges[-1] - edges[0]) or 1.0
        colour = series_colour(p, "negative_affect")
        for c, e0, e1 in zip(counts, edges[:-1], edges[1:]):
            xa = hist.x + int(hist.w * (e0 - edges[0]) / span)
            xb = hist.x + int(hist.w * (e1 - edges[0]) / span)
            h = int(round(hist.h * c / top))
            if h:
                bar = pygame.Rect(xa, hist.bottom - h, max(1, xb - xa - 1), h)
                pygame.draw.rect(surface, colour, bar)
        pygame.draw.line(surface, p.line, hist.bottomleft, hist.bottomright, 1)
        for v in (edges[0], 0.0, edges[-1]):
            xv = hist.x + int(hist.w * (v - edges[0]) / span)
            pygame.draw.line(surface, p.ink_faint, (xv, hist.bottom), (xv, hist.bottom + 4), 1)
            text(surface, tf, f"{v:+.1f}" if v else "0", (xv, hist.bottom + 4), p.ink_soft,
                 anchor="midtop" if hist.x + 12 < xv < hist.right - 12 else ("topleft" if xv <= hist.x + 12 else "topright"))
        text(surface, tf, T["spread_infants"].format(n=int(counts.sum())), (hist.right, hist.y), p.ink_soft,
             anchor="topright")
        y = hist.bottom + 4 + tf.get_linesize()
        pct = sp["pct_b"]
        if len(pct):
            text(surface, bf, T["spread_classes"].format(k=len(pct), size=ID8_SIZE), (x0, y), p.ink, max_width=w)
            y += bf.get_linesize() + 2
            dot, step = 3, 3  # dot radius and stacking step (px): equal values stack upward
            _, same = np.unique(np.round(pct, 6), return_counts=True)
            strip = pygame.Rect(x0 + 4, y, w - 8, max(16, int(same.max()) * step + dot + 2))
            stacks: dict[int, int] = {}
            b_col = CLASS_COLOURS["B"]
            for v in np.sort(pct):
                xv = strip.x + int(strip.w * v / 100.0)
                k = stacks.get(xv, 0)
                stacks[xv] = k + 1
                pygame.draw.circle(surface, b_col, (xv, strip.bottom - dot - k * step), dot)
                pygame.draw.circle(surface, mix(b_col, (0, 0, 0), 0.45), (xv, strip.bottom - dot - k * step), dot, 1)
            xa = strip.x + int(strip.w * sp["b_all"] / 100.0)
            pygame.draw.line(surface, p.ink, (xa, strip.y - 2), (xa, strip.bottom + 2), 2)
            pygame.draw.line(surface, p.line, strip.bottomleft, strip.bottomright, 1)
            # Under the axis: 0% and 100% at the ends, and the whole run's share under its line.
            for v in (0, 100):
                xv = strip.x + int(strip.w * v / 100.0)
                text(surface, tf, f"{v}%", (xv, strip.bottom + 3), p.ink_soft, anchor="topleft" if v == 0 else "topright")
            text(surface, bf, T["spread_all"].format(v=sp["b_all"]), (xa, strip.bottom + 3), p.ink, anchor="midtop")
            y = strip.bottom + 3 + tf.get_linesize() + 2
            cap = T["spread_caption"].format(size=ID8_SIZE, lo=sp["b_lo"], hi=sp["b_hi"])
        else:
            cap = T["spread_caption_small"]
        paragraph(surface, self._font(theme.SIZE_TINY, italic=True), cap,
                  pygame.Rect(x0, y, w, rect.bottom - 6 - y), p.ink_soft)

    def _grid_layout(self) -> tuple[int, int, int]:
        """(columns, cell size, count) of the infant grid."""
        n = len(self.order)
        if n == 0:
            return 1, 10, 0
        cols = max(1, int(np.ceil(np.sqrt(n * GRID.w / GRID.h))))
        rows = int(np.ceil(n / cols))
        cell = max(4, int(min(GRID.w / cols, GRID.h / rows)))
        cols = max(cols, GRID.w // cell) if rows > 1 else cols
        return cols, cell, n

    def _grid_hit(self, pos) -> int | None:
        """The infant under a canvas position, or None."""
        cols, cell, n = self._grid_layout()
        if not GRID.collidepoint(pos):
            return None
        c = (pos[0] - GRID.x) // cell
        rr = (pos[1] - GRID.y) // cell
        k = int(rr * cols + c)
        if 0 <= c < cols and 0 <= k < n:
            return self.order[k]
        return None

    def _draw_infants(self, surface) -> None:
        app = self.app
        p = app.palette
        r = self.result
        rect = INFANT_PANEL
        self._panel(surface, rect, T["infant_title"])
        tf = self._font(theme.SIZE_TINY)
        cls = r["classification"]
        cols, cell, n = self._grid_layout()
        gap = 1 if cell < 10 else 2
        sel_rect = None
        for k, i in enumerate(self.order):
            row, c = divmod(k, cols)
            cr = pygame.Rect(GRID.x + c * cell, GRID.y + row * cell, cell - gap, cell - gap)
            pygame.draw.rect(surface, CLASS_COLOURS.get(cls[i], p.line), cr)
            if i == self.selected:
                sel_rect = cr
        if sel_rect is not None:
            fw = p.focus_width
            pygame.draw.rect(surface, p.ink, sel_rect.inflate(4, 4), width=2)
            pygame.draw.rect(surface, p.focus, sel_rect.inflate(4 + 2 * fw, 4 + 2 * fw), width=fw)
        text(surface, tf, T["infant_grid_hint"], (GRID.x, rect.y + 36), p.ink_soft, max_width=GRID.w)
        # Details of the selected infant.
        i = int(self.selected)
        x = GRID.right + 24
        w = rect.right - 16 - x
        y = rect.y + 12
        code = cls[i]
        hf = self._font(theme.SIZE_BODY, bold=True)
        rr = text(surface, hf, T["infant_head"].format(i=i + 1, n=f"{r['n']:,}", code=code,
                                                       name=S.CLASS_NAMES.get(code, code)),
                  (x, y), mix(CLASS_COLOURS.get(code, p.ink), p.ink, 0.55), max_width=w - 120)
        text(surface, tf, T["infant_bestfit"].format(code=r["best_fit"][i]), (rect.right - 16, y + 4), p.ink_soft,
             anchor="topright")
        y = rr.bottom + 6
        prof = r["profile"]
        par = r["params"]
        sf = self._font(theme.SIZE_TINY)
        care = T["infant_care"].format(sens=float(prof.sensitivity[i]), lag=float(prof.response_lag_s[i]),
                                       cons=float(prof.consistency[i]), welcome=float(prof.comfort_welcome[i]),
                                       phone=float(prof.phone_hours[i]), fright=float(prof.frightening_per_day[i]))
        y = paragraph(surface, sf, care, pygame.Rect(x, y, w, 40), p.ink, max_lines=2) + 2
        temp = T["infant_temp"].format(r=float(par.reactivity[i]), s=float(par.soothability[i]),
                                       e=float(par.expectation[i]), d=float(par.deactivation[i]),
                                       h=float(par.hyperactivation[i]), f=float(par.fear_of_caregiver[i]))
        y = paragraph(surface, sf, temp, pygame.Rect(x, y, w, 40), p.ink_soft, max_lines=2) + 4
        reasons = r["reasons"][i]
        why = T["infant_why"].format(code=code, reason="; ".join(reasons) if reasons else "–")
        paragraph(surface, sf, why, pygame.Rect(x, y, w, rect.bottom - 74 - y), p.ink_soft, max_lines=3)
        text(surface, self._font(theme.SIZE_TINY, italic=True), T["infant_note"], (x, rect.bottom - 52), p.ink_faint,
             anchor="bottomleft", max_width=w)


def _dense(pts: list, step: int = 2) -> list:
    """A polyline resampled every ``step`` pixels along x (dashed and dotted styles need dense points)."""
    out = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        n = max(1, abs(x1 - x0) // step)
        out.extend((x0 + (x1 - x0) * k // n, y0 + (y1 - y0) * k // n) for k in range(n))
    if pts:
        out.append(pts[-1])
    return out


def _hatched(surface, rect: pygame.Rect, fill, ink) -> None:
    """A bar filled light with diagonal hatching and an outline (the published values: shape, not only colour)."""
    if rect.h <= 0 or rect.w <= 0:
        return
    pygame.draw.rect(surface, fill, rect)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for d in range(-rect.h, rect.w, 7):
        pygame.draw.line(surface, ink, (rect.x + d, rect.bottom), (rect.x + d + rect.h, rect.y), 1)
    surface.set_clip(clip)
    pygame.draw.rect(surface, ink, rect, width=2)
