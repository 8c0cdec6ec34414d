"""The printable session report and the side-by-side compare report: A4 PNGs drawn off-screen with pygame.

Nothing here opens a window: pages are ``pygame.Surface`` objects (SDL's dummy video driver is enough),
text uses the bundled Lato font, and sizes are given in printer's points at the page's dpi, so the
smallest text (9 pt) stays legible when the PNG is printed on A4. A report shows the timeline (positive
and negative affect, gaze, arousal, with episode bands, rupture and repair markers, the caregiver's
actions and the learner's choices), the per-episode measures, the scores and classification with their
reasons, the prediction against what happened, the published pattern, and the scenario's references.
"""

from __future__ import annotations

import io
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from ..export import SCALES  # noqa: E402
from ..view.theme import PRINT, SIZE_TINY, mix  # noqa: E402
from ..view.drawing import chart  # noqa: E402
from ..view.drawing.text import font_file, wrap_words  # noqa: E402
from .. import paths  # noqa: E402
from ..model import published as pub  # noqa: E402
from ..model.io import atomic_write_bytes  # noqa: E402

FONT_DIR = paths.FONT_DIR
A4_IN = (8.2677, 11.6929)

# Print colours: the view theme's print palette (Okabe-Ito series, white paper, soft ink); every chart series
# also has its own line style (view/drawing/chart.py).
PALETTE = PRINT
WHITE = PALETTE.bg
INK = PALETTE.ink
INK_SOFT = PALETTE.ink_soft
INK_FAINT = PALETTE.ink_faint
GRID = PALETTE.line
ACCENT = PALETTE.accent
OK = PALETTE.ok
WARN = PALETTE.warn
RULE = mix(PALETTE.accent, PALETTE.bg, 0.8)  # the thin rule under a heading
BAR = mix(PALETTE.accent, PALETTE.bg, 0.65)  # a published share's bar (this infant's in ACCENT)
#: Chart text and marks in points per design pixel of the view (its smallest text, SIZE_TINY, prints at 9 pt).
PT_PER_PX = 9 / SIZE_TINY
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant (ambivalent)", "D": "disorganized"}


def _init_pygame() -> None:
    if not pygame.font.get_init():
        pygame.font.init()


# --- the page -------------------------------------------------------------------------------------------
class Page:
    """An A4 page (portrait) at ``dpi``; lengths in points (1/72 in) are turned into pixels."""

    def __init__(self, dpi: int = 150, height_in: float | None = None, size: tuple[int, int] | None = None) -> None:
        _init_pygame()
        self.dpi = int(dpi)
        if size is not None:  # an on-screen panel (the GUI compare) rather than a printed page
            self.w, self.h = int(size[0]), int(size[1])
        else:
            self.w = int(round(A4_IN[0] * dpi))
            self.h = int(round((height_in or A4_IN[1]) * dpi))
        self.surf = pygame.Surface((self.w, self.h))
        self.surf.fill(WHITE)
        self._fonts: dict = {}
        self.margin = self.px(36)  # half an inch

    def px(self, pt: float) -> int:
        """Points to pixels at this dpi."""
        return int(round(pt * self.dpi / 72.0))

    def font(self, pt: float, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """Lato at ``pt`` points (bundled file; never a system font)."""
        key = (pt, bold, italic)
        f = self._fonts.get(key)
        if f is None:
            name = "Lato-Bold.ttf" if bold else "Lato-Italic.ttf" if italic else "Lato-Regular.ttf"
            path = FONT_DIR / name
            if not path.exists():
                path = FONT_DIR / "Lato-Regular.ttf"
            f = font_file(path, self.px(pt))
            self._fonts[key] = f
        return f

    def text(self, s: str, x: int, y: int, pt: float = 10, bold: bool = False, italic: bool = False,
             color=INK, anchor: str = "topleft") -> pygame.Rect:
        """Draw one line; ``anchor`` is a Rect attribute name (topleft, midtop, topright, midleft...)."""
        img = self.font(pt, bold, italic).render(str(s), True, color)
        r = img.get_rect(**{anchor: (x, y)})
        self.surf.blit(img, r)
        return r

    def width(self, s: str, pt: float, bold: bool = False) -> int:
        """Rendered width of ``s`` in pixels."""
        return self.font(pt, bold).size(str(s))[0]

    def wrap(self, s: str, width: int, pt: float, bold: bool = False) -> list[str]:
        """Greedy word wrap to ``width`` pixels."""
        return wrap_words(self.font(pt, bold), s, width, collapse_spaces=True)

    def para(self, s: str, x: int, y: int, width: int, pt: float = 10, bold: bool = False, italic: bool = False,
             color=INK, indent: int = 0, bullet: str = "", lead: float = 1.25) -> int:
        """A wrapped paragraph; returns the y below it. ``bullet`` hangs in the left ``indent``."""
        lh = int(self.font(pt).get_linesize() * lead / 1.2)
        if bullet:
            self.text(bullet, x, y, pt, color=color)
        for k, line in enumerate(self.wrap(s, width - indent, pt, bold)):
            self.text(line, x + indent, y, pt, bold, italic, color)
            y += lh
        return y

    def heading(self, s: str, y: int, pt: float = 13) -> int:
        """A section heading with a thin rule under it; returns the y below."""
        r = self.text(s, self.margin, y, pt, bold=True, color=ACCENT)
        yy = r.bottom + self.px(1.5)
        pygame.draw.line(self.surf, RULE, (self.margin, yy), (self.w - self.margin, yy), max(1, self.px(0.6)))
        return yy + self.px(4)

    def png_bytes(self, height: int | None = None) -> bytes:
        """The page (optionally cropped to ``height`` px) as PNG bytes."""
        surf = self.surf if height is None else self.surf.subsurface((0, 0, self.w, min(height, self.h)))
        buf = io.BytesIO()
        pygame.image.save(surf, buf, "png")
        return buf.getvalue()


# --- data for one session -------------------------------------------------------------------------------
@dataclass
class Timeline:
    """What the chart needs from a replayed session (record=True): the session itself, drawn by the view's
    timeline (``view.drawing.chart.draw_timeline``), its length and the learner's choices."""

    session: object
    learner: list  # [(t, action)]
    t_end: float  # s


def timeline(session) -> Timeline:
    """The chart data of a session run with ``record=True``."""
    learner = [(float(a["t"]), a["action"]) for a in session.learner_actions]
    return Timeline(session, learner, float(session.t))


@dataclass
class Run:
    """One session for a report: the file data, the replayed session, its timeline and a label."""

    data: dict
    session: object
    label: str = ""
    differences: list = field(default_factory=list)
    source: str = ""
    audience: str = "class"  # parents, class or research (printout/audience.py)

    @property
    def tl(self) -> Timeline:
        """The chart data (computed once)."""
        if not hasattr(self, "_tl"):
            self._tl = timeline(self.session)
        return self._tl

    @property
    def scenario(self):
        """The scenario object."""
        return self.session.scenario


def run_label(d: dict) -> str:
    """A short description: who played the caregiver, the infant and the seed."""
    who = "learner" if d.get("learner") else f"{d.get('caregiver')} caregiver"
    if d.get("learner") and d.get("caregiver") not in (None, "sensitive"):
        who += f" ({d.get('caregiver')} reunions)"
    return f"{who}, {d.get('infant')} infant, seed {d.get('seed')}"


# --- the chart (the view's timeline and legend, on paper) -----------------------------------------------------
class PrintView:
    """What ``view.drawing.chart`` asks of the app, for a printed page: the print palette, and design pixels and
    type sizes turned into points at the page's dpi (``PT_PER_PX``), so the chart's smallest text prints at 9 pt."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.palette = PALETTE
        self.u = page.dpi / 72.0 * PT_PER_PX  # page pixels per design pixel

    def px(self, n: float) -> int:
        """A design length in page pixels (at least 1 if n > 0), like ``App.px``."""
        v = int(round(n * self.u))
        return max(1, v) if n > 0 else v

    def font(self, size: float, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """Lato at a design ``size``, in points on the page."""
        return self.page.font(size * PT_PER_PX, bold, italic)


def chart_height(page: Page, tl: Timeline, plot_pt: float = 150) -> int:
    """Total height of :func:`draw_timeline`'s block for this timeline (a plot ``plot_pt`` points tall)."""
    return page.px(plot_pt) + chart.timeline_chrome_height(PrintView(page), tl.session, axes=True, caregiver=True)


def draw_timeline(page: Page, x: int, y: int, w: int, tl: Timeline, t_max: float | None = None,
                  plot_pt: float = 150, title: str | None = None) -> int:
    """The view's whole-session timeline at (x, y), ``w`` px wide, with the 0-1 scale, a time axis in minutes and
    the caregiver's actions (``chart.draw_timeline``); returns the y below it. ``t_max`` (s) is the time scale
    two compared sessions share; ``title`` is printed over the gutter."""
    view = PrintView(page)
    rect = pygame.Rect(x, y, w, chart_height(page, tl, plot_pt))
    chart.draw_timeline(page.surf, view, rect, tl.session, t_max=t_max, axes=True, caregiver=True)
    if title:
        page.text(title, x, y, 9, bold=True, color=INK)
    return rect.bottom


def draw_legend(page: Page, x: int, y: int, w: int, with_learner: bool) -> int:
    """The chart's key: the view's series legend with the rupture and repair marks, the caregiver strip's
    action groups, and a note; returns the y below."""
    view = PrintView(page)
    row = view.font(SIZE_TINY).get_linesize()
    yy = chart.legend(page.surf, view, x, y + row // 2, x + w, markers=True)
    yy = chart.action_key(page.surf, view, x, yy + row // 2, x + w)
    note = "Ticks under the caregiver strip: the caregiver matched the infant's state. Blank strip: out of the room."
    if with_learner:
        note += " Marks along the top of the plot: the learner's choices."
    return page.para(note, x, yy + page.px(2), w, 9, color=INK_SOFT)


# --- tables ---------------------------------------------------------------------------------------------
def _fit_text(page: Page, s: str, width: int, pt: float, bold: bool = False) -> str:
    """``s`` shortened with an ellipsis to fit ``width`` pixels."""
    if page.width(s, pt, bold) <= width:
        return s
    while s and page.width(s + "...", pt, bold) > width:
        s = s[:-1]
    return s.rstrip() + "..."


def _num(v, fmt: str = "{:.2f}", pct: bool = False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if pct:
        return f"{100 * v:.0f}%"
    return fmt.format(v)


def draw_table(page: Page, x: int, y: int, cols: list[tuple[str, int, str]], rows: list[list[str]],
               pt: float = 9.5, header_pt: float = 9, zebra: bool = True, bold_first: bool = True) -> int:
    """A simple table. ``cols``: (header, width px, align 'l'|'r'|'c'); header may hold a newline."""
    s = page.surf
    lh = int(page.font(header_pt).get_linesize() * 1.02)
    nlines = max(h.count("\n") + 1 for h, _, _ in cols)
    total_w = sum(w for _, w, _ in cols)
    cx = x
    for h, w, al in cols:
        for k, line in enumerate(h.split("\n")):
            yy = y + (nlines - len(h.split("\n")) + k) * lh
            if al == "l":
                page.text(line, cx + page.px(2), yy, header_pt, bold=True, color=INK_SOFT)
            elif al == "r":
                page.text(line, cx + w - page.px(3), yy, header_pt, bold=True, color=INK_SOFT, anchor="topright")
            else:
                page.text(line, cx + w // 2, yy, header_pt, bold=True, color=INK_SOFT, anchor="midtop")
        cx += w
    y += nlines * lh + page.px(2)
    pygame.draw.line(s, INK_FAINT, (x, y), (x + total_w, y), 1)
    rh = int(page.font(pt).get_linesize() * 1.08)
    for i, row in enumerate(rows):
        if zebra and i % 2 == 1:
            pygame.draw.rect(s, PALETTE.panel_alt, (x, y + 1, total_w, rh))
        cx = x
        for k, ((_, w, al), cell) in enumerate(zip(cols, row)):
            b = bold_first and k == 0
            cell = _fit_text(page, str(cell), w - page.px(5), pt, b)
            if al == "l":
                page.text(cell, cx + page.px(2), y + page.px(1), pt, bold=b)
            elif al == "r":
                page.text(cell, cx + w - page.px(3), y + page.px(1), pt, bold=b, anchor="topright")
            else:
                page.text(cell, cx + w // 2, y + page.px(1), pt, bold=b, anchor="midtop")
            cx += w
        y += rh
    pygame.draw.line(s, INK_FAINT, (x, y), (x + total_w, y), 1)
    return y + page.px(4)


def clean_title(title: str) -> str:
    """An episode title without a leading number ("4. First separation" -> "First separation")."""
    return re.sub(r"^\s*\d+\s*[.):]\s*", "", str(title)) or str(title)


def _episode_title(run: Run, ep: dict) -> str:
    titles = {e.id: clean_title(e.title) for e in run.scenario.episodes}
    return f"{ep.get('episode', '')} {titles.get(ep.get('episode_name'), ep.get('episode_name'))}"


def measures_table(page: Page, x: int, y: int, w: int, run: Run) -> int:
    """Per-episode measures of one run (with the 1-7 scales as extra columns where the file has them)."""
    d = run.data
    has_scales = _shows_scales(run)
    if has_scales:
        heads = [("episode", 0.195, "l"), ("length\ns", 0.08, "r"), ("positive\naffect", 0.07, "r"),
                 ("negative\naffect", 0.075, "r"), ("arousal", 0.068, "r"), ("crying", 0.06, "r"),
                 ("explor-\nation", 0.07, "r"), ("matched", 0.085, "r"), ("PS", 0.05, "c"),
                 ("CM", 0.05, "c"), ("RS", 0.05, "c"), ("AV", 0.05, "c"),
                 ("SR", 0.05, "c"), ("DI", 0.047, "c")]
    else:
        heads = [("episode", 0.20, "l"), ("length\ns", 0.10, "r"), ("positive\naffect", 0.075, "r"),
                 ("negative\naffect", 0.08, "r"), ("gaze", 0.06, "r"), ("arousal", 0.07, "r"),
                 ("crying", 0.065, "r"), ("explor-\nation", 0.07, "r"), ("matched", 0.075, "r"),
                 ("rup-\ntures", 0.06, "r"), ("re-\npairs", 0.06, "r"), ("repair\nlatency s", 0.08, "r")]
    cols = [(h, int(f * w), a) for h, f, a in heads]
    rows = []
    for ep in d["episodes"]:
        dur, plan = ep.get("duration_s"), ep.get("planned_s")
        length = _num(dur, "{:.0f}")
        if not dur:  # an unfinished session: the episode under way, or one never reached
            length = "under way" if ep.get("positive_affect") is not None else "–"
        elif plan is not None and abs(dur - plan) > 0.5:
            length = f"{length} of {_num(plan, '{:.0f}')}"
        if ep.get("curtailed"):
            length = "c " + length
        row = [_episode_title(run, ep), length, _num(ep.get("positive_affect")), _num(ep.get("negative_affect"))]
        if has_scales:
            row += [_num(ep.get("arousal")), _num(ep.get("crying"), pct=True), _num(ep.get("exploration"), pct=True),
                    _num(ep.get("matched_share"), pct=True)]
            row += [str(ep.get(k)) if ep.get(k) is not None else "–" for k in SCALES]
        else:
            row += [_num(ep.get("gaze")), _num(ep.get("arousal")), _num(ep.get("crying"), pct=True),
                    _num(ep.get("exploration"), pct=True), _num(ep.get("matched_share"), pct=True),
                    _num(ep.get("ruptures"), "{:.0f}"), _num(ep.get("repairs"), "{:.0f}"),
                    _num(ep.get("mean_repair_latency_s"), "{:.1f}")]
        rows.append(row)
    y = draw_table(page, x, y, cols, rows)
    note = ("Means over each episode (0-1). Crying, exploration, matched: shares of the episode's time "
            "(matched: blank while the caregiver is away). Length: real (of planned) seconds; c = curtailed.")
    if has_scales:
        note += (" Scales 1-7: PS proximity seeking, CM contact maintaining, RS resistance, AV avoidance, SR "
                 "search, DI distance interaction; toward the caregiver, or the stranger when alone with the infant.")
    return page.para(note, x, y, w, 9, color=INK_SOFT)


# --- sections -------------------------------------------------------------------------------------------
def _procedure(run: Run) -> str:
    return getattr(run.scenario, "procedure", "")


def _shows_scales(run: Run) -> bool:
    """Ainsworth's scales and the classification belong to the Strange Situation only."""
    return _procedure(run) == "strange_situation" and any(
        ep.get(k) is not None for ep in run.data["episodes"] for k in SCALES)


def still_face_check(d: dict) -> list[tuple[str, str, str, bool | None]]:
    """For a 3-episode still-face session: (measure, values, published direction, follows?) rows."""
    eps = d.get("episodes", [])
    if len(eps) < 3:
        return []
    out = []
    for key, label, rule in (("positive_affect", "positive affect", "play > reunion > still-face"),
                             ("negative_affect", "negative affect", "play < reunion < still-face"),
                             ("gaze", "gaze at caregiver", "falls in the still-face")):
        v = [eps[k].get(key) for k in range(3)]
        if any(x is None for x in v):
            out.append((label, "–", rule, None))
            continue
        if key == "positive_affect":
            ok = v[0] > v[2] > v[1]
        elif key == "negative_affect":
            ok = v[0] < v[2] < v[1]
        else:
            ok = v[1] < v[0]
        out.append((label, " / ".join(f"{x:.2f}" for x in v), rule, ok))
    return out


def published_section(page: Page, x: int, y: int, w: int, run: Run) -> int:
    """The published pattern beside this session's values."""
    proc = _procedure(run)
    d = run.data
    if proc == "still_face":
        names = " / ".join(e.get("episode_name", "").replace("_", "-") for e in d["episodes"][:3])
        y = page.para("Mesman, van IJzendoorn & Bakermans-Kranenburg (2009), a meta-analysis of 80+ studies: from "
                      "play to the still-face, positive affect and gaze fall and negative affect rises; in the "
                      "reunion they recover only partly. A phone-absorbed caregiver has the same effect "
                      "(Myruski et al. 2018).", x, y, w, 9.5)
        y = page.para(f"This session ({names}):", x, y + page.px(2), w, 9.5, bold=True)
        for m_, v, rule, ok in still_face_check(d):
            verdict = "follows the published pattern" if ok else "differs from it" if ok is not None else ""
            y = page.para(f"{m_}: {v}. Published: {rule}; this session {verdict}.", x, y, w, 9.5,
                          indent=page.px(9), bullet="•")
        return y
    if proc == "strange_situation":
        y = page.para(f"Baltimore sample ({pub.label('baltimore.n')}, N = {pub.value('baltimore.n')}, before D was "
                      f"described): {pub.shares_text('baltimore', 'ABC')}. About {pub.LOW_RISK_D:g}% of low-risk "
                      f"infants are also classified D ({pub.label('low_risk.D')}). Patterns describe a "
                      "relationship, not a verdict on a child or a parent.", x, y, w, 9.5)
        y += page.px(4)
        cls = d.get("classification") if isinstance(d.get("classification"), dict) else {}
        best = cls.get("best_fit")
        lab_w = page.px(95)
        bar_w = int((w - lab_w) * 0.45)
        for c, pct in pub.BALTIMORE.items():
            mid = y + page.px(7)
            page.text(f"{c} {CLASS_NAMES[c].split(' ')[0]}", x, mid, 9.5, bold=(c == best), anchor="midleft")
            bw = int(bar_w * pct / 100)
            pygame.draw.rect(page.surf, ACCENT if c == best else BAR, (x + lab_w, mid - page.px(5),
                                                                                bw, page.px(10)))
            tag = f"{pct:g}%" + ("  <- this infant" if c == best else "")
            page.text(tag, x + lab_w + bw + page.px(5), mid, 9.5, bold=(c == best), anchor="midleft")
            y += page.px(15)
        return y + page.px(3)
    shares = [e.get("matched_share") for e in d["episodes"] if e.get("matched_share") is not None]
    mean = sum(shares) / len(shares) if shares else None
    text = (f"In ordinary responsive play a healthy dyad is matched only about {pub.value('play.matched'):g}% of "
            "the time; mismatches are normal and repair is what counts (Tronick & Cohn 1989; Tronick 1989).")
    if mean is not None:
        text += f" This session: matched {100 * mean:.0f}% of the time with the caregiver present."
    return page.para(text, x, y, w, 9.5)


def classification_section(page: Page, x: int, y: int, w: int, run: Run) -> int:
    """Classification with the reasons that produced it (when the file has one)."""
    cls = run.data.get("classification")
    if not isinstance(cls, dict):
        if _procedure(run) == "strange_situation":
            return page.para("No classification in this file (scoring was not available when it was saved, or "
                             "the session did not finish).", x, y, w, 9.5, italic=True, color=INK_SOFT)
        return y
    c = str(cls.get("classification", "?"))
    line = f"Classification {c} ({CLASS_NAMES.get(c, '?')})"
    if cls.get("best_fit") and cls.get("best_fit") != c:
        line += f", best fit {cls['best_fit']} ({CLASS_NAMES.get(str(cls['best_fit']), '?')})"
    if cls.get("disorganization") is not None:
        line += f"; disorganization index {cls['disorganization']} (1-9)"
    y = page.para(line, x, y, w, 10.5, bold=True)
    for reason in cls.get("reasons", [])[:8]:
        y = page.para(str(reason), x, y, w, 9.5, indent=page.px(10), bullet="•")
    return y + page.px(2)


def _first_behaviour_in(d: dict, episode: str) -> tuple[str, float] | None:
    t0 = None
    for ev in d.get("events", []):
        if ev.get("kind") == "episode_start" and ev.get("episode") == episode:
            t0 = ev["t"]
        elif t0 is not None and ev.get("kind") == "behaviour" and ev.get("episode") == episode:
            return str(ev.get("behaviour")), float(ev["t"]) - t0
    return None


def observed_text(run: Run) -> str:
    """What happened, in the terms of the scenario's predict question."""
    d = run.data
    proc = _procedure(run)
    if proc == "still_face" and len(d["episodes"]) >= 2:
        mid = d["episodes"][1].get("episode_name")
        first = _first_behaviour_in(d, mid)
        seq = []
        t0 = None
        for ev in d.get("events", []):
            if ev.get("kind") == "episode_start" and ev.get("episode") == mid:
                t0 = ev["t"]
            elif t0 is not None and ev.get("episode") == mid and ev.get("kind") == "behaviour":
                b = str(ev.get("behaviour")).replace("_", " ")
                if not seq or seq[-1] != b:
                    seq.append(b)
        if first:
            return (f"When the caregiver went still, the infant's first change was \"{first[0].replace('_', ' ')}\" "
                    f"after {first[1]:.1f} s; then: {', '.join(seq[1:7]) or 'no further change'}.")
    cls = d.get("classification")
    if isinstance(cls, dict) and cls.get("classification") and proc == "strange_situation":
        return f"The session was classified {cls['classification']} ({CLASS_NAMES.get(str(cls['classification']), '?')})."
    return ""


def prediction_section(page: Page, x: int, y: int, w: int, run: Run) -> int:
    """The learner's prediction, the answer the literature supports, and what this session showed."""
    from ..sessions.store import clean_prediction

    pr = run.scenario.predict
    pred = clean_prediction(run.data.get("prediction"), run.scenario)
    question = pred["question"] if pred else (pr.text if pr else "")
    if question:
        y = page.para(f"Question: {question}", x, y, w, 9.5, bold=True)
    if pred:
        y = page.para(f"Predicted: {pred['options'][pred['choice']]}", x, y, w, 9.5)
    else:
        y = page.para("Predicted: no prediction was recorded.", x, y, w, 9.5)
    options = pred["options"] if pred else (list(pr.options) if pr else [])
    answer = pred["answer"] if pred else (pr.answer if pr else None)
    if answer is not None and 0 <= answer < len(options):
        y = page.para(f"What studies found: {options[answer]}", x, y, w, 9.5)
    obs = observed_text(run)
    if obs:
        y = page.para(f"Observed here: {obs}", x, y, w, 9.5)
    return y


def actions_section(page: Page, x: int, y: int, w: int, run: Run, limit: int = 14) -> int:
    """The learner's actions with their times (or who played the caregiver when there were none)."""
    acts = run.data.get("actions", [])
    if not acts:
        who = ("the scenario's script" if run.data.get("learner") else
               f"the '{run.data.get('caregiver')}' policy and the scenario's script")
        return page.para(f"No learner actions: the caregiver was played by {who}.", x, y, w, 9.5, color=INK_SOFT)
    ep_of = _episode_at(run)
    parts = [f"{_mmss(a.get('t', 0))} {a['action'].replace('_', ' ')} ({ep_of(a.get('t', 0))})" for a in acts[:limit]]
    text = f"{len(acts)} choices: " + "; ".join(parts)
    if len(acts) > limit:
        text += f"; and {len(acts) - limit} more (all are in the JSON export)."
    return page.para(text, x, y, w, 9.5)


def _mmss(t: float) -> str:
    t = float(t)
    return f"{int(t // 60)}:{int(t % 60):02d}"


def _episode_at(run: Run):
    starts = [(ev.get("t"), ev.get("episode")) for ev in run.data.get("events", []) if ev.get("kind") == "episode_start"]

    def f(t):
        name = starts[0][1] if starts else ""
        for t0, eid in starts:
            if t0 <= t:
                name = eid
        return name
    return f


def references_section(page: Page, x: int, y: int, w: int, refs: list[str], limit_y: int | None = None) -> int:
    """The scenario's references, hanging-indented, 9 pt; stops above ``limit_y`` and says how many are left."""
    lh = int(page.font(9).get_linesize() * 1.12 / 1.2)
    for k, r in enumerate(refs):
        need = lh * len(page.wrap(r, w - page.px(10), 9))
        if limit_y is not None and y + need + (lh if k + 1 < len(refs) else 0) > limit_y:
            page.truncated = True
            if y + lh > limit_y:
                return y
            return page.para(f"... and {len(refs) - k} more in the scenario file.", x, y, w, 9, italic=True,
                             color=INK_SOFT)
        y = page.para(r, x, y, w, 9, indent=page.px(10), bullet="•", color=INK_SOFT, lead=1.12)
    return y


def header(page: Page, y: int, title: str, subtitle: str, kind: str = "session report") -> int:
    """Title block; returns the y below."""
    m = page.margin
    page.text(f"ATTUNE  ·  {kind}", m, y, 9, bold=True, color=ACCENT)
    y += page.px(12)
    r = page.text(title, m, y, 19, bold=True)
    y = r.bottom + page.px(1)
    return page.para(subtitle, m, y, page.w - 2 * m, 10, color=INK_SOFT) + page.px(3)


def _subtitle(run: Run) -> str:
    d = run.data
    age = d.get("parameters", {}).get("infant.age_months")
    parts = [f"scenario {d['scenario']}", run_label(d)]
    if age:
        parts.append(f"age {age:g} months")
    parts.append(f"{_mmss(d.get('t_s', 0))} min" + ("" if d.get("finished") else " (unfinished: saved part)"))
    if d.get("started_at"):
        parts.append(f"played {str(d['started_at']).replace('T', ' ')[:16]}")
    return "  ·  ".join(parts)


def _verification(run: Run) -> tuple[str, tuple]:
    if run.differences:
        return ("Replay check: the replay differs from the saved file (" + "; ".join(run.differences[:2]) +
                "). The scenario file or the model may have changed since the session was saved.", WARN)
    return "Replay check: replaying the saved file reproduced it exactly (same seed, same actions, same measures).", OK


def footer(page: Page, source: str) -> None:
    """The footer line at the bottom of the page."""
    m = page.margin
    yy = page.h - m + page.px(4)
    pygame.draw.line(page.surf, GRID, (m, yy - page.px(3)), (page.w - m, yy - page.px(3)), 1)
    r = page.text("Attune, a teaching simulator: a model of infant behaviour, never an assessment of a real child.",
                  m, yy, 9, color=INK_FAINT)
    if source:
        if page.width(source, 9) < page.w - m - r.right - page.px(12):
            page.text(source, page.w - m, yy, 9, color=INK_FAINT, anchor="topright")
        else:
            page.text(source, page.w - m, r.bottom, 9, color=INK_FAINT, anchor="topright")


# --- the two reports ----------------------------------------------------------------------------------
def _column_heading(page: Page, s: str, x: int, y: int, w: int, pt: float = 12) -> int:
    r = page.text(s, x, y, pt, bold=True, color=ACCENT)
    yy = r.bottom + page.px(1.5)
    pygame.draw.line(page.surf, RULE, (x, yy), (x + w, yy), max(1, page.px(0.6)))
    return yy + page.px(4)


def render_report(run: Run, dpi: int = 150) -> Page:
    """One session's report page (A4 portrait); the chart shrinks if the page would overflow."""
    return _fit(lambda plot_pt: _render_report(run, dpi, plot_pt), (140, 120, 100, 85, 72))


def _references(page: Page, y: int, refs: list[str]) -> int:
    """The References block across the page, if there is room for its heading and a first line."""
    if y + page.px(40) > _limit(page):
        page.truncated = True
        return y
    y = page.heading("References", y, pt=12)
    return references_section(page, page.margin, y, page.w - 2 * page.margin, refs, _limit(page))


def _limit(page: Page) -> int:
    """The lowest y content may reach (above the footer)."""
    return page.h - page.margin - page.px(6)


def _fit(render, sizes) -> Page:
    page = None
    for pt in sizes:
        page = render(pt)
        if page.bottom <= _limit(page) and not getattr(page, "truncated", False):
            return page
    return page


def _render_report(run: Run, dpi: int, plot_pt: float) -> Page:
    if run.audience == "parents":
        from .audience import render_parents
        return render_parents(run, dpi, plot_pt)
    page = Page(dpi)
    m = page.margin
    w = page.w - 2 * m
    y = header(page, m, run.scenario.title, _subtitle(run), "session report")
    if run.differences:
        y = page.para(_verification(run)[0], m, y, w, 9, color=WARN) + page.px(2)
    y = page.heading("Timeline", y)
    y = draw_timeline(page, m, y, w, run.tl, plot_pt=plot_pt)
    y = draw_legend(page, m, y, w, bool(run.tl.learner)) + page.px(6)
    has_scales = _shows_scales(run)
    y = page.heading("Episodes" + (" and the interactive scales (1-7, Ainsworth et al. 1978)" if has_scales else ""), y)
    y = measures_table(page, m, y, w, run) + page.px(6)
    # Two columns below: the learner's side on the left, the science on the right.
    gap = page.px(16)
    cw = (w - gap) // 2
    xl, xr = m, m + cw + gap
    yl = _column_heading(page, "The learner's actions", xl, y, cw)
    yl = actions_section(page, xl, yl, cw, run, limit=10) + page.px(6)
    yl = _column_heading(page, "Predicted and observed", xl, yl, cw)
    yl = prediction_section(page, xl, yl, cw, run) + page.px(6)
    yr = _column_heading(page, "The published pattern", xr, y, cw)
    yr = published_section(page, xr, yr, cw, run) + page.px(6)
    if _procedure(run) == "strange_situation":  # on the right, beside the distribution it is compared with
        yr = _column_heading(page, "Scores and classification", xr, yr, cw)
        yr = classification_section(page, xr, yr, cw, run) + page.px(4)
    if run.audience == "research":  # on the left, under the prediction, where there is room
        from .audience import research_section
        yl = research_section(page, xl, yl, cw, run)
    y = max(yl, yr)
    y = _references(page, y, list(run.scenario.references))
    footer(page, "  ·  ".join(x for x in (run.source, "" if run.differences else "replay verified") if x))
    page.bottom = y
    return page


def render_compare(a: Run, b: Run, dpi: int = 150) -> Page:
    """Two sessions on one page: both timelines on one time scale, the measures side by side."""
    return _fit(lambda plot_pt: _render_compare(a, b, dpi, plot_pt), (128, 112, 96, 80, 66))


def _render_compare(a: Run, b: Run, dpi: int, plot_pt: float) -> Page:
    if a.audience == "parents":
        from .audience import render_parents_compare
        return render_parents_compare(a, b, dpi, plot_pt)
    page = Page(dpi)
    m = page.margin
    w = page.w - 2 * m
    same = a.data["scenario"] == b.data["scenario"]
    title = f"{a.scenario.title}: two runs compared" if same else f"{a.scenario.title} vs {b.scenario.title}"
    common = []
    for key, label in (("infant", "infant"), ("seed", "seed")):
        if a.data.get(key) == b.data.get(key):
            common.append(f"same {label} ({a.data.get(key)})")
    sub = f"A: {a.label}.  B: {b.label}." + (f"  Both: {', '.join(common)}." if common else "")
    y = header(page, m, title, sub, "compare report")
    for run, tag in ((a, "A"), (b, "B")):
        if run.differences:
            y = page.para(f"{tag}: " + _verification(run)[0], m, y, w, 9, color=WARN)
    t_max = max(a.tl.t_end, b.tl.t_end)
    for run, tag in ((a, "A"), (b, "B")):
        y = page.heading(f"{tag}: {run.label}", y, pt=11.5)
        y = draw_timeline(page, m, y, w, run.tl, t_max=t_max, plot_pt=plot_pt)
        y += page.px(2)
    y = draw_legend(page, m, y, w, bool(a.tl.learner or b.tl.learner)) + page.px(6)
    y = page.heading("Episodes side by side", y)
    y = compare_table(page, m, y, w, a, b) + page.px(6)
    gap = page.px(16)
    cw = (w - gap) // 2
    ys = []
    for k, (run, tag) in enumerate(((a, "A"), (b, "B"))):
        x = m + k * (cw + gap)
        yy = _column_heading(page, f"{tag}: results and the published pattern", x, y, cw, pt=11)
        yy = compare_result(page, x, yy, cw, run)
        if run.audience == "research":  # each run's setup line and paired d under its results
            from .audience import research_section
            yy = research_section(page, x, yy + page.px(4), cw, run, compact=True)
        ys.append(yy)
    y = max(ys) + page.px(6)
    refs = list(dict.fromkeys(list(a.scenario.references) + list(b.scenario.references)))
    y = _references(page, y, refs)
    verified = not a.differences and not b.differences
    footer(page, (f"{a.source}  vs  {b.source}" if a.source and b.source else "") +
           ("  ·  replay verified" if verified and "json" in (a.source + b.source) else ""))
    page.bottom = y
    return page


def compare_table(page: Page, x: int, y: int, w: int, a: Run, b: Run) -> int:
    """Per-episode measures of A and B in adjacent columns under one group heading per measure."""
    keys = (("positive_affect", "positive", False), ("negative_affect", "negative", False),
            ("gaze", "gaze", False), ("arousal", "arousal", False), ("crying", "crying", True),
            ("matched_share", "matched", True), ("repairs", "repairs", None))
    ep_w = int(0.19 * w)
    cw = (w - ep_w) // (2 * len(keys))
    s = page.surf
    # Group headings, centred over their A and B columns.
    lh = int(page.font(9).get_linesize() * 1.02)
    for k, (_, label, _) in enumerate(keys):
        gx = x + ep_w + 2 * k * cw
        page.text(label, gx + cw, y, 9, bold=True, color=INK_SOFT, anchor="midtop")
        pygame.draw.line(s, GRID, (gx + page.px(3), y + lh), (gx + 2 * cw - page.px(3), y + lh), 1)
    y += lh + page.px(1)
    cols = [("episode", ep_w, "l")]
    for _ in keys:
        cols += [("A", cw, "c"), ("B", cw, "c")]
    rows = []
    n = max(len(a.data["episodes"]), len(b.data["episodes"]))
    for i in range(n):
        ea = a.data["episodes"][i] if i < len(a.data["episodes"]) else {}
        eb = b.data["episodes"][i] if i < len(b.data["episodes"]) else {}
        row = [_episode_title(a, ea) if ea else _episode_title(b, eb)]
        for key, _, pct in keys:
            f = "{:.0f}" if pct is None else "{:.2f}"
            row += [_num(ea.get(key), f, pct=bool(pct)), _num(eb.get(key), f, pct=bool(pct))]
        rows.append(row)
    y0 = y
    y = draw_table(page, x, y, cols, rows)
    for k in range(1, len(keys)):
        gx = x + ep_w + 2 * k * cw
        pygame.draw.line(s, GRID, (gx, y0 - lh), (gx, y - page.px(4)), 1)
    return page.para("Means over each episode (0-1); crying and matched are shares of the episode's time; repairs "
                     "are counts.", x, y, w, 9, color=INK_SOFT)


def compare_result(page: Page, x: int, y: int, w: int, run: Run) -> int:
    """One run's classification or still-face check, for a compare column."""
    proc = _procedure(run)
    cls = run.data.get("classification")
    if isinstance(cls, dict) and cls.get("classification") and proc == "strange_situation":
        c = str(cls["classification"])
        y = page.para(f"Classification {c} ({CLASS_NAMES.get(c, '?')}), best fit {cls.get('best_fit')}", x, y, w,
                      9.5, bold=True)
        for r in cls.get("reasons", [])[:4]:
            y = page.para(str(r), x, y, w, 9, indent=page.px(9), bullet="•", color=INK_SOFT)
    if proc == "still_face":
        names = " / ".join(e.get("episode_name", "").replace("_", "-") for e in run.data["episodes"][:3])
        y = page.para(f"Means ({names}) against Mesman et al. (2009):", x, y, w, 9.5)
        for m_, v, rule, ok in still_face_check(run.data):
            verdict = "follows" if ok else "differs" if ok is not None else "–"
            y = page.para(f"{m_}: {v}: {verdict} (published: {rule})", x, y, w, 9.5, indent=page.px(9), bullet="•")
    elif proc == "strange_situation":
        y = page.para(f"Published (Baltimore, {pub.label('baltimore.n')}): {pub.shares_text('baltimore', 'ABC')}.",
                      x, y, w, 9, color=INK_SOFT)
    else:
        y = published_section(page, x, y, w, run)
    return y


# --- files ----------------------------------------------------------------------------------------------
def write_png(page: Page, path) -> Path:
    """Save the page as a PNG atomically (the full A4 page)."""
    return atomic_write_bytes(path, page.png_bytes())


# --- a run's result in one line (the GUI compare) -------------------------------------------------------
def result_line(run: Run) -> str:
    """One line of result: the classification (Strange Situation) or the still-face pattern check."""
    proc = _procedure(run)
    cls = run.data.get("classification")
    if proc == "strange_situation" and isinstance(cls, dict) and cls.get("classification"):
        c = str(cls["classification"])
        return f"classification {c} ({CLASS_NAMES.get(c, '?')})"
    if proc == "still_face":
        checks = still_face_check(run.data)
        ok = sum(1 for *_, v in checks if v)
        return f"{ok} of {len(checks)} still-face measures follow the published pattern (Mesman et al. 2009)"
    shares = [e.get("matched_share") for e in run.data["episodes"] if e.get("matched_share") is not None]
    return f"matched {100 * sum(shares) / len(shares):.0f}% of the time" if shares else ""
