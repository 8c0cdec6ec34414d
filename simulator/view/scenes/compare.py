"""The compare scene: two runs side by side in the app (same infant and seed, another caregiver), saved as a report.

Laid out from the window and the text size: the two whole-session timelines share one time axis on the left
(drawn with the app's own chart, so every label grows with the text size), and the episode-by-episode
measures, A beside B, with each run's result, fill a scroll panel on the right. The buttons wrap onto a
second row when they do not fit one. Save writes the printed compare report (``printout``).
"""

from __future__ import annotations

import math

import pygame

from .. import strings as S
from .. import theme
from ..drawing.chart import draw_timeline, legend, strip_key
from ..scene import Scene
from ..widgets import (FocusGroup, ScrollPanel, bottom_button_rows, draw_header, draw_hints, header_height,
                       paragraph_full, paragraph_height, scroll_panels_event, text, wrap)
from .sessions_list import who_line

#: Policies offered for "same infant, same seed, different caregiver" (contract ids).
COMPARE_POLICIES = ("phone", "sensitive", "intrusive", "inconsistent", "rejecting", "still_face")
BUTTON_FONT = 16  # design size of the buttons' labels
CHARTS_SHARE = 0.64  # of the body's width: the two timelines (the measures take the rest)
#: The per-episode measures shown A | B: (key in the session file's episode table, label index, percent?).
MEASURES = (("positive_affect", 1, False), ("negative_affect", 2, False), ("matched_share", 3, True))


def _num(v, pct: bool) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return S.COMPARE_NA
    return S.COMPARE_PCT.format(v=100 * v) if pct else S.COMPARE_NUM.format(v=v)


class CompareScene(Scene):
    """Two runs side by side in the app: both timelines on one time axis, the measures A | B, save as a report.

    Build it with :meth:`from_file_and_policy` (the common case: a saved session against the same
    infant and seed with another caregiver policy, V cycles the policy) or from two Runs.
    """

    name = "compare"

    def __init__(self, app, a, b, policy_mode: dict | None = None) -> None:
        super().__init__(app)
        self.a, self.b = a, b
        self.policy_mode = policy_mode  # {"scenario", "infant", "seed", "overrides", "policy"} when B is a policy
        self.message = ""
        self.message_ok = True
        self.pending_frames = 0
        self.group = FocusGroup(app)
        self.side = ScrollPanel(app, "compare_measures")
        self.relayout()

    @classmethod
    def from_file_and_policy(cls, app, path, policy: str = "phone"):
        """A saved session (A) against the same scenario, infant, seed and settings with ``policy`` (B)."""
        from ...printout.documents import run_from_file
        a = run_from_file(path)
        d = a.data
        mode = {"scenario": d["scenario"], "infant": d["infant"], "seed": int(d["seed"]),
                "overrides": dict(d.get("overrides", {})), "policy": policy}
        return cls(app, a, cls._policy_run(mode), mode)

    @staticmethod
    def _policy_run(mode):
        from ...printout.documents import run_from_scenario
        return run_from_scenario(mode["scenario"], mode["policy"], mode["infant"], mode["seed"], mode["overrides"])

    # --- words ------------------------------------------------------------------------------------------
    def _subtitle(self) -> str:
        a, b = self.a.data, self.b.data
        if a.get("infant") == b.get("infant") and a.get("seed") == b.get("seed"):
            return S.COMPARE_SAME.format(seed=a.get("seed"))
        return S.COMPARE_SAME_INFANT if a.get("infant") == b.get("infant") else ""

    @staticmethod
    def _run_line(run, tag: str) -> str:
        """"A: Sensitive care so far · you played the caregiver" (never the ids in the file)."""
        d = run.data
        return S.COMPARE_RUN.format(tag=tag, who=who_line(d.get("infant"), d.get("caregiver"), bool(d.get("learner"))))

    def _policy_name(self) -> str:
        return S.CAREGIVER_NAMES.get(self.policy_mode["policy"], S.CAREGIVER_OTHER)

    # --- layout -----------------------------------------------------------------------------------------
    def relayout(self) -> None:
        """The header, the buttons (wrapping onto two rows if needed), the message line, and the body between:
        the timelines on the left, the measures on the right."""
        app = self.app
        lay = app.layout
        u = app.px
        left = lay.x(56)  # the header's margin
        width = lay.w - 2 * left
        entries = [dict(label=S.COMPARE_SAVE, on_click=self.save, key=pygame.K_s, key_label="S", ident="save",
                        style="primary")]
        if self.policy_mode:
            entries.append(dict(label=S.COMPARE_VS.format(policy=self._policy_name()), on_click=self.next_policy,
                                key=pygame.K_v, key_label="V", ident="vs"))
        entries.append(dict(label=S.COMPARE_BACK, on_click=self.close, key_label="Esc", ident="back", style="quiet"))
        items, first_y = bottom_button_rows(app, entries, left, width, BUTTON_FONT)
        self.group.set(items)
        mf = app.font(theme.SIZE_SMALL, bold=True)
        msg_h = paragraph_height(mf, self.message, width) if self.message else 0
        self.message_y = first_y - u(8) - msg_h
        top = header_height(app, S.COMPARE_TITLE.format(title=self.a.scenario.title), self._subtitle() or None,
                            y=20) + u(14)
        body = pygame.Rect(left, top, width, max(u(40), self.message_y - u(8) - top))
        cw = int(body.w * CHARTS_SHARE)
        self.charts = pygame.Rect(body.x, body.y, cw, body.h)
        self.side_rect = pygame.Rect(body.x + cw + u(16), body.y, body.w - cw - u(16), body.h)

    # --- actions ----------------------------------------------------------------------------------------
    def next_policy(self) -> None:
        """B gets the next caregiver policy (same infant, same seed)."""
        if not self.policy_mode:
            return
        pols = list(COMPARE_POLICIES)
        cur = self.policy_mode["policy"]
        self.policy_mode["policy"] = pols[(pols.index(cur) + 1) % len(pols)] if cur in pols else pols[0]
        self._say(S.COMPARE_WORKING, True)
        self.pending_frames = 2

    def _say(self, message: str, ok: bool) -> None:
        self.message, self.message_ok = message, ok
        self.relayout()

    def save(self) -> None:
        """The compare report PNG, a tidy CSV and both session files in one JSON, in the save folder."""
        from ...printout.documents import write_compare
        from ...sessions.store import export_dir, safe_name, unique_path
        try:
            folder = export_dir()
            folder.mkdir(parents=True, exist_ok=True)
            stem = safe_name(f"compare_{self.a.data['scenario']}_{self.a.data['caregiver']}_vs_"
                             f"{self.b.data['caregiver']}_s{self.a.data['seed']}", 90)
            png = unique_path(folder, f"{stem}.png")
            base = png.with_suffix("")
            write_compare(self.a, self.b, png, base.with_suffix(".csv"), base.with_suffix(".json"))
            self._say(S.COMPARE_SAVED.format(png=png.name, folder=folder), True)
        except Exception as exc:  # noqa: BLE001 - an unwritable folder must not crash the lesson
            self._say(S.COMPARE_FAILED.format(error=str(exc).splitlines()[0]), False)

    # --- scene hooks ------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.pending_frames:
            self.pending_frames -= 1
            if self.pending_frames == 0:
                self.b = self._policy_run(self.policy_mode)
                self.side.reset()
                self._say("", True)

    def process_event(self, event):
        if self.pending_frames and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return None
        event = scroll_panels_event([self.side], event)
        if event is None:
            return None
        return self.close_on_back(self.group.process_event(event))

    # --- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        draw_header(surface, app, S.COMPARE_TITLE.format(title=self.a.scenario.title), self._subtitle() or None, y=20)
        self._draw_charts(surface)
        self.side.draw(surface, self.side_rect, self._paint_side, bg=p.panel)
        self.group.draw(surface)
        if self.message:
            paragraph_full(surface, app.font(theme.SIZE_SMALL, bold=True), self.message, self.charts.x,
                           self.message_y, self.app.layout.w - 2 * self.charts.x, p.ok if self.message_ok else p.warn)
        draw_hints(surface, app, S.COMPARE_HINTS)

    def _draw_charts(self, surface) -> None:
        """Both timelines on one time axis, each under its label, and the key under both."""
        app = self.app
        p = app.palette
        u = app.px
        r = self.charts
        lf = app.font(theme.SIZE_SMALL, bold=True)
        kf = app.font(theme.SIZE_TINY)
        key_h = 2 * kf.get_linesize() + u(8)
        labels = list(zip((self.a, self.b), S.COMPARE_TAGS))
        label_h = [paragraph_height(lf, self._run_line(run, tag), r.w) + u(4) for run, tag in labels]
        chart_h = (r.h - key_h - sum(label_h) - u(10)) // 2
        t_max = max(self.a.session.t, self.b.session.t)
        y = r.y
        bin_s = 10.0
        for (run, tag), lh in zip(labels, label_h):
            paragraph_full(surface, lf, self._run_line(run, tag), r.x, y, r.w, p.ink)
            y += lh
            bin_s = draw_timeline(surface, app, pygame.Rect(r.x, y, r.w, chart_h), run.session, t_max=t_max)
            y += chart_h + u(5)
        ky = legend(surface, app, r.x + u(4), y + kf.get_linesize() // 2, r.right)
        strip_key(surface, app, r.x + u(4), ky + kf.get_linesize() // 2, bin_s)

    def _paint_side(self, surface, x: int, y: int, w: int) -> int:
        """The measures, episode by episode, A beside B, then each run's result. Returns the y below."""
        from ...printout.report import clean_title, result_line
        app = self.app
        p = app.palette
        u = app.px
        x += u(12)
        w -= u(16)
        y += u(10)
        hf = app.font(theme.SIZE_BODY, bold=True)
        bf = app.font(theme.SIZE_SMALL, bold=True)
        f = app.font(theme.SIZE_SMALL)
        y = paragraph_full(surface, hf, S.COMPARE_TABLE, x, y, w, p.ink) + u(4)
        num_w = max(f.size(_num(1.0, True))[0], f.size(_num(0.0, False))[0], *(bf.size(t)[0] for t in S.COMPARE_TAGS)
                    ) + u(14)
        col_b = x + w - num_w // 2
        col_a = col_b - num_w
        label_w = col_a - num_w // 2 - x - u(6)
        for tag, cx in zip(S.COMPARE_TAGS, (col_a, col_b)):
            text(surface, bf, tag, (cx, y), p.ink_soft, anchor="midtop")
        y += bf.get_linesize()
        titles = {e.id: clean_title(e.title) for e in self.a.scenario.episodes}
        ea, eb = self.a.data.get("episodes", []), self.b.data.get("episodes", [])
        lh = f.get_linesize()
        for i in range(max(len(ea), len(eb))):
            da = ea[i] if i < len(ea) else {}
            db = eb[i] if i < len(eb) else {}
            name = (da or db).get("episode_name", "")
            pygame.draw.line(surface, p.line, (x, y + u(2)), (x + w, y + u(2)), 1)
            y = paragraph_full(surface, bf, titles.get(name, name), x, y + u(6), w, p.ink, line_gap=1) + u(1)
            for key, col, pct in MEASURES:
                label = S.COMPARE_COLS[col]
                n = len(wrap(f, label, label_w))
                paragraph_full(surface, f, label, x + u(8), y, label_w - u(8), p.ink_soft, line_gap=2)
                text(surface, f, _num(da.get(key), pct), (col_a, y), p.ink, anchor="midtop")
                text(surface, f, _num(db.get(key), pct), (col_b, y), p.ink, anchor="midtop")
                y += n * lh
        y += u(10)
        for run, tag in zip((self.a, self.b), S.COMPARE_TAGS):
            y = paragraph_full(surface, f, S.COMPARE_RESULT.format(tag=tag, result=result_line(run)), x, y, w,
                               p.ink) + u(6)
        return y + u(6)
