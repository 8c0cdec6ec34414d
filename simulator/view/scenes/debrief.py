"""Debrief: the whole timeline, the measures per episode, the published pattern, the prediction revisited, saving.

For the Still-Face: play, still-face and reunion means beside the published pattern (Mesman et al.
2009). For the Strange Situation: Ainsworth's scales per episode and the classification with its
reasons (``simulator.model.scoring``). One key exports the printable A4 report (the same
page the ``report`` command draws), the per-step CSV and the session JSON (the same file ``run --out x.json``
writes) into the save folder.

Layout: the header and the whole-session timeline across the top, then two scroll panels (the measures and
the prediction on the left, the published pattern on the right) that take the rest of the window, so at any
window and text size all of the text is there: what does not fit scrolls, with a cue.
"""

from __future__ import annotations

import math
import time

import pygame

from ...export import trajectory_csv, write_session_json
from ...model import published
from ...model.io import OutputError, atomic_write_text
from ...model.params import PRESETS
from ...model.scoring import score_session
from ...sessions.store import export_dir
from .. import strings as S
from .. import theme
from ..drawing.chart import draw_timeline, legend, series_colour, strip_key
from ..scene import Scene
from ..widgets import (Button, FocusGroup, ScrollPanel, draw_hints, mix, paragraph_full, scroll_panels_event, text,
                       wrap)

#: The 1280x720 design of the screen (window-stretched by relayout).
TIMELINE = pygame.Rect(40, 104, 1200, 146)
LEFT = pygame.Rect(40, 266, 560, 372)
RIGHT = pygame.Rect(620, 266, 620, 372)


def save_folder():
    """Where the debrief's Export writes: the store's export folder (follows ``--data-dir`` / ATTUNE_DATA_DIR)."""
    return export_dir()


def _score(session):
    """The session's scores, or None for a partial session the scorer cannot handle."""
    try:
        return score_session(session)
    except Exception:  # a partial session the scorer cannot handle: show the rest of the debrief
        return None


def _fmt_len(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _count(v, planned: int) -> str:
    """A rupture or repair count, the planned ones (still-face, phone, leaving) added and starred."""
    if _nan(v) and not planned:
        return S.DEBRIEF_NA
    n = (0 if _nan(v) else int(v)) + planned
    return S.DEBRIEF_COUNT_PLANNED.format(n=n) if planned else str(n)


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


class DebriefScene(Scene):
    """What happened, against what the research finds, and the learner's prediction."""

    name = "debrief"

    def __init__(self, app, session, prediction: dict | None = None, demo: bool = False,
                 replay: dict | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.prediction = prediction
        self.demo = demo
        self.replay = replay
        self.scores = _score(session) if session.scenario.procedure == "strange_situation" else None
        self.measures = session.episode_measures()
        # The lessons of this run, for the app's audience. The research audience's paired d needs a batch of
        # 100 infants (about a quarter of a second): it is computed on a thread and added when ready.
        from ...content.lessons import build_debrief
        self.audience = getattr(app, "audience", "class")
        self.debrief = build_debrief(session, self.scores, self.audience, prediction, demo, research_batch=False)
        self.paired_thread = None
        self._paired: dict = {}
        if self.audience == "research" and session.finished:
            self._start_paired_d()
        # The right panel shows the lessons, or the numbers (never for parents: pattern letters and scales).
        self.page = "lessons"
        self._chips: list[tuple[pygame.Rect, str]] = []
        self.message = ""
        self.message_colour = None
        self.group = FocusGroup(app)
        self.left_panel = ScrollPanel(app, "left")
        self.right_panel = ScrollPanel(app, "right")
        self.relayout()

    def _start_paired_d(self) -> None:
        """Research: start the paired d over ``PAIRED_D_N`` infants with this run's settings on a thread (the
        still-face lesson says it is on its way; :meth:`update` puts the figures in when the thread is done)."""
        import threading

        from ...content.lessons import PAIRED_D_N, PAIRED_TEMPLATES, paired_d_figures
        lesson = next((ls for ls in self.debrief.lessons if ls.key in PAIRED_TEMPLATES), None)
        if lesson is None:
            return
        self._paired = {"lesson": lesson, "text": lesson.text, "template": PAIRED_TEMPLATES[lesson.key]}
        lesson.text = f"{lesson.text} {S.DEBRIEF_PAIRED_PENDING.format(n=PAIRED_D_N)}"
        session, result = self.session, self._paired

        def work() -> None:
            t0 = time.perf_counter()
            try:
                result["d"] = paired_d_figures(session)
            except Exception:  # noqa: BLE001 - the figures are extra: the debrief goes on without them
                result["d"] = None
            result["seconds"] = time.perf_counter() - t0

        self.paired_thread = threading.Thread(target=work, name="attune-paired-d", daemon=True)
        self.paired_thread.start()

    def update(self, dt: float) -> None:
        t = self.paired_thread
        if t is not None and not t.is_alive():
            self.paired_thread = None
            d = self._paired.get("d")
            extra = self._paired["template"].format(**d) if d else S.DEBRIEF_PAIRED_FAILED
            self._paired["lesson"].text = f"{self._paired['text']} {extra}"

    def relayout(self) -> None:
        """Lay the screen out for the window and text size: buttons along the bottom, the timeline under the
        header, the two scroll panels between."""
        app = self.app
        lay = app.layout
        u = app.px
        font = app.font(16)
        m = lay.x(40)
        self.margin = m
        # Header: title and (wrapped) subtitle.
        tf = app.font(theme.SIZE_HEADING + 6, bold=True)
        sf = app.font(theme.SIZE_SMALL)
        head = u(12) + tf.get_linesize() + len(wrap(sf, self._subtitle(), lay.w - 2 * m)) * sf.get_linesize()
        # The timeline's own header (title, legend, strip key) may take two rows at large text.
        self.timeline_head_y = head + u(8)
        tiny = app.font(theme.SIZE_TINY)
        head_rows = 2 if self._timeline_head_width() > lay.w - 2 * m else 1
        tl_top = self.timeline_head_y + head_rows * max(tiny.get_linesize(), app.font(theme.SIZE_SMALL, bold=True)
                                                        .get_linesize()) + u(4)
        tl_h = max(int(lay.h * 146 / 720), 2 * tiny.get_linesize() + u(30) + u(70))
        self.timeline = pygame.Rect(m, tl_top, lay.w - 2 * m, tl_h)
        # Buttons and the hint line along the bottom.
        bh = max(u(42), font.get_linesize() + u(12))
        hint_h = tiny.get_linesize() + u(6)
        y = lay.h - hint_h - bh - u(4)
        items = []
        x = m
        for label, fn, key, cap, ident, style in (
                (S.DEBRIEF_SAVE, self.save, pygame.K_s, "S", "save", "primary"),
                (S.DEBRIEF_AGAIN, self.again, pygame.K_a, "A", "again", "normal"),
                (S.DEBRIEF_GLOSSARY, self.glossary, pygame.K_g, "G", "glossary", "normal"),
                *(((S.DEBRIEF_SHOW_NUMBERS if self.page == "lessons" else S.DEBRIEF_SHOW_LESSONS, self.flip_page,
                    pygame.K_l, "L", "page", "normal"),) if self.audience != "parents" else ())):
            w = Button.width_for(app, label, cap, 16)
            items.append(Button((x, y, w, bh), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                font_size=16))
            x += w + u(12)
        hw = Button.width_for(app, S.DEBRIEF_HOME, "H", 16)
        items.append(Button((lay.w - m - hw, y, hw, bh), S.DEBRIEF_HOME, self.app.home, key=pygame.K_h,
                            key_label="H", ident="home", style="quiet", font_size=16))
        self.group.set(items)
        self.buttons_y = y
        # The two panels share what is left.
        top = self.timeline.bottom + u(16)
        bottom = y - u(12)
        split = lay.x(600)
        self.left = pygame.Rect(m, top, split - m, bottom - top)
        self.right = pygame.Rect(lay.x(620), top, lay.w - m - lay.x(620), bottom - top)
        self._static_key = None

    def _subtitle(self) -> str:
        s = self.session
        who = S.DEBRIEF_WHO_DEMO.format(policy=s.caregiver_id) if self.demo else S.DEBRIEF_WHO_LEARNER
        hist = S.PRESET_PLAIN.get(s.preset, PRESETS[s.preset].history if s.preset in PRESETS else s.preset)
        sub = S.DEBRIEF_SUB.format(history=hist, seed=s.seed, who=who)
        if not s.finished:
            sub = S.DEBRIEF_SUB_UNFINISHED.format(stopped=S.DEBRIEF_UNFINISHED.format(t=_fmt_len(s.t)), sub=sub)
        return sub

    def _timeline_head_width(self) -> int:
        """Width (px) of the timeline's header on one row: title, legend, strip key and "your choices"."""
        app = self.app
        u = app.px
        f = app.font(theme.SIZE_TINY)
        w = app.font(theme.SIZE_SMALL, bold=True).size(S.DEBRIEF_TIMELINE)[0] + u(24)
        w += sum(u(48) + f.size(S.SERIES[n])[0] for n in S.SERIES)
        w += u(32) + f.size(S.CHART_STRIP_KEY.format(s=300))[0]
        if self.session.learner_actions:
            w += u(16) + f.size(S.DEBRIEF_YOUR_CHOICES)[0]
        return w

    # --- actions -------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Export the printable A4 report of this session (the page ``report`` draws, not a picture of this
        screen), the trajectory CSV and the session JSON, atomically."""
        from ...model.io import OutputError
        from ...printout.documents import write_session_report
        folder = save_folder()
        stem = f"{self.session.scenario.id}_seed{self.session.seed}_{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            png, csv, js = folder / f"{stem}_report.png", folder / f"{stem}.csv", folder / f"{stem}.json"
            self.message = ""
            write_session_report(self.session, png, self.prediction, csv, js)
            self.message = S.DEBRIEF_SAVED.format(png=png, csv=csv.name, json=js.name)
            self.message_colour = self.app.palette.ok
        except (OSError, OutputError, ValueError) as exc:
            self.message = S.DEBRIEF_SAVE_FAILED.format(error=exc)
            self.message_colour = self.app.palette.warn

    def again(self) -> None:
        """Play the same scenario again from the start (a new Play scene)."""
        if not self.replay:
            self.app.home()
            return
        args = dict(self.replay)
        self.app.home()
        self.app.open("play", **args)

    def glossary(self, term: str | None = None) -> None:
        """Open the Glossary over the debrief (at ``term`` when a term was clicked)."""
        self.app.open("glossary", term=term)

    def flip_page(self) -> None:
        """Switch the right panel between this run's lessons and its numbers."""
        self.page = "numbers" if self.page == "lessons" else "lessons"
        self.right_panel.reset()
        self.relayout()

    def next_lesson(self, step: int) -> None:
        """Scroll the lessons by one panel height (Page Down / Page Up do the same)."""
        self.right_panel.page(1 if step > 0 else -1)

    # --- scene hooks ---------------------------------------------------------------------------------------
    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            for rect, term in self._chips:
                if rect.collidepoint(event.pos) and self.right.collidepoint(event.pos):
                    self.glossary(term)
                    return None
        event = scroll_panels_event([self.left_panel, self.right_panel], event)
        return self.close_on_back(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        key = (p.name, app.text_scale, surface.get_size())
        if getattr(self, "_static_key", None) != key:
            # The header and the timeline are fixed once the debrief opens: draw them once.
            static = pygame.Surface(surface.get_size())
            static.fill(p.bg)
            self._draw_static(static)
            self._static, self._static_key = static, key
        surface.blit(self._static, (0, 0))
        self._draw_panels(surface)
        self.group.draw(surface)
        u = app.px
        if self.message:
            f = app.font(theme.SIZE_TINY)
            text(surface, f, self.message, (self.margin, app.layout.h - u(4)), self.message_colour or p.ink,
                 anchor="bottomleft", max_width=app.layout.w - 2 * self.margin, allow_cut=True)
        else:
            draw_hints(surface, app, S.BACK_HINT)

    def _draw_static(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        s = self.session
        m = self.margin
        tf = app.font(theme.SIZE_HEADING + 6, bold=True)
        r = text(surface, tf, S.DEBRIEF_TITLE.format(title=s.scenario.title), (m, u(12)), p.ink,
                 max_width=app.layout.w - 2 * m)
        paragraph_full(surface, app.font(theme.SIZE_SMALL), self._subtitle(), m, r.bottom, app.layout.w - 2 * m,
                       p.ink_soft, line_gap=2)
        # Timeline, then its header above it: the title, the series, the strip's key, the choices.
        tl = self.timeline
        bin_s = draw_timeline(surface, app, tl, s)
        pygame.draw.rect(surface, p.line, tl, width=1, border_radius=u(10))
        f = app.font(theme.SIZE_SMALL, bold=True)
        tiny = app.font(theme.SIZE_TINY)
        row_h = max(tiny.get_linesize(), f.get_linesize())
        y0 = self.timeline_head_y
        two_rows = tl.y - y0 > row_h + u(8)
        r = text(surface, f, S.DEBRIEF_TIMELINE, (tl.x, y0 + row_h // 2), p.ink, anchor="midleft")
        right = tl.right
        mid2 = y0 + row_h + row_h // 2 if two_rows else y0 + row_h // 2
        if s.learner_actions:
            rr = text(surface, tiny, S.DEBRIEF_YOUR_CHOICES, (right, mid2), p.ink_soft,
                      anchor="midright")  # a key to the marks, not a link: plain ink
            pygame.draw.line(surface, p.accent, (rr.x - u(8), rr.y + u(2)), (rr.x - u(8), rr.y + u(2) + u(8)),
                             max(2, u(2)))
            right = rr.x - u(24)
        key_x = right - u(16) - tiny.size(S.CHART_STRIP_KEY.format(s=bin_s))[0]
        if two_rows:
            strip_key(surface, app, tl.x + u(2), mid2, bin_s)
            legend(surface, app, r.right + u(24), y0 + row_h // 2, tl.right)
        else:
            strip_key(surface, app, key_x, mid2, bin_s)
            legend(surface, app, r.right + u(24), y0 + row_h // 2, key_x - u(16))

    def _draw_panels(self, surface) -> None:
        """The two scroll panels: measures and prediction (left), the published pattern (right)."""
        p = self.app.palette
        u = self.app.px
        for panel, rect, paint, framed in (
                (self.left_panel, self.left, self._paint_left, False),
                (self.right_panel, self.right, self._paint_right, True)):
            if framed:
                pygame.draw.rect(surface, p.panel, rect, border_radius=u(12))
                pygame.draw.rect(surface, p.line, rect, width=1, border_radius=u(12))
                inner = rect.inflate(-u(2), -u(16))
                lessons = self.page == "lessons" or self.audience == "parents"
                chips_h = self._draw_chips(surface, None) if lessons else 0
                if chips_h:  # the terms stay in sight under the scrolling lessons
                    inner.h -= chips_h + u(10)
                    self._draw_chips(surface, pygame.Rect(inner.x + u(14), inner.bottom + u(10),
                                                          self._chips_width(), chips_h))
                else:
                    self._chips = []
                panel.draw(surface, inner, lambda surf, x, y, w, paint=paint: paint(surf, x + u(14), y, w - u(14)))
            else:
                panel.draw(surface, rect, paint)

    def _paint_left(self, surface, x: int, y: int, w: int) -> int:
        y = self._draw_table(surface, x + self.app.px(6), y, w - self.app.px(6))
        return self._draw_prediction(surface, x, y + self.app.px(12), w)

    def _paint_right(self, surface, x: int, y: int, w: int) -> int:
        proc = self.session.scenario.procedure
        if self.page == "lessons" or self.audience == "parents":
            return self._draw_lessons(surface, x, y, w)
        if proc == "still_face":
            return self._draw_still_face(surface, x, y, w)
        if proc == "strange_situation":
            return self._draw_strange_situation(surface, x, y, w)
        return self._draw_notes(surface, x, y, w)

    # --- parts (each draws from (x, y) at width w and returns the y below it) -----------------------------------
    def _draw_table(self, surface, x0: int, y: int, width: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        s = self.session
        m = self.measures
        hf = app.font(theme.SIZE_SMALL, bold=True)
        text(surface, hf, S.DEBRIEF_TABLE, (x0, y), p.ink)
        y += hf.get_linesize() + u(2)
        f = app.font(theme.SIZE_TINY)
        fb = app.font(theme.SIZE_TINY, bold=True)
        parents = self.audience == "parents"  # no matched percentages for a parenting course
        from ...content.ruptures import planned_in_episode, planned_ruptures
        found = planned_ruptures(s.log, scenario=s.scenario)
        planned = [planned_in_episode(found, e)[:2] for e in range(len(s.scenario.episodes))]
        heads = [S.DEBRIEF_COL_EPISODE, S.DEBRIEF_COL_LENGTH, "" if parents else S.DEBRIEF_COL_MATCHED,
                 S.DEBRIEF_COL_RUPTURES, S.DEBRIEF_COL_REPAIRS, S.DEBRIEF_COL_LATENCY]
        # Column widths from the text they hold; the episode column takes what is left. Every cell wraps within
        # its column, and a row is as tall as its tallest cell.
        gap = u(10)
        widths = [max(fb.size(heads[1])[0], f.size("00:00")[0])]
        widths += [max(fb.size(h)[0], f.size("100%")[0], f.size(S.DEBRIEF_COUNT_PLANNED.format(n=88))[0])
                   for h in heads[2:5]]
        widths += [max(fb.size(heads[5])[0], f.size("00.0 s")[0])]
        first = max(u(70), width - sum(widths) - gap * len(widths))
        col_w = [first] + widths
        scale = min(1.0, width / (sum(col_w) + gap * len(widths)))
        if scale < 1.0:  # very large text in a narrow panel: every column gives a little, heads wrap
            col_w = [max(u(40), int(w_ * scale)) for w_ in col_w]
        xs = [x0]
        for w_ in col_w[:-1]:
            xs.append(xs[-1] + w_ + gap)

        def row(cells, y, font, colours) -> int:
            """Draw one row of wrapped cells; returns its height."""
            lines = [wrap(font, c, col_w[k]) for k, c in enumerate(cells)]
            for k, ls in enumerate(lines):
                for j, line in enumerate(ls):
                    text(surface, font, line, (xs[k], y + j * font.get_linesize()), colours[k])
            return max(len(ls) for ls in lines) * font.get_linesize()

        y += row(heads, y, fb, [p.ink_soft] * 6) + u(2)
        for e, ep in enumerate(s.scenario.episodes):
            ran = m["duration_s"][0, e] > 0 or (not s.finished and e == int(s.episode[0]))
            if ran:
                length = _fmt_len(m["duration_s"][0, e] if m["duration_s"][0, e] > 0 else float(s.t_episode[0]))
                colour = p.ink
                if m["curtailed"][0, e]:
                    length, colour = S.DEBRIEF_CURTAILED_MARK.format(length=length), p.warn
                elif s.extended[0, e]:
                    length = S.DEBRIEF_EXTENDED_MARK.format(length=length)
                share = m["matched_share"][0, e]
                cells = [ep.title, length,
                         "" if parents else S.DEBRIEF_NA if _nan(share) else f"{100 * share:.0f}%",
                         _count(m["ruptures"][0, e], planned[e][0]),
                         _count(m["repairs"][0, e], planned[e][1]),
                         S.DEBRIEF_NA if _nan(m["mean_repair_latency_s"][0, e])
                         else f"{m['mean_repair_latency_s'][0, e]:.1f} s"]
                colours = [p.ink, colour, p.ink, p.ink, p.ink, p.ink]
            else:
                cells = [ep.title, S.DEBRIEF_NA, "", "", "", ""]
                colours = [p.ink, p.ink_soft] + [p.ink] * 4
            h = max(len(wrap(f, c, col_w[k])) for k, c in enumerate(cells)) * f.get_linesize() + u(3)
            if e % 2 == 0:
                pygame.draw.rect(surface, p.panel, (x0 - u(6), y - 1, width + u(6), h), border_radius=u(4))
            row(cells, y, f, colours)
            y += h
        y += u(4)
        # Rupture and repair are defined wherever matching is shown.
        note = self.debrief.definitions[0][1]
        if found:
            note = S.DEBRIEF_PLANNED_NOTE.format(note=note)
        return paragraph_full(surface, app.font(theme.SIZE_TINY, italic=True), note, x0, y, width, p.ink_soft)

    def _draw_prediction(self, surface, x: int, y: int, width: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        pr = self.prediction
        pad = u(12)
        hf = app.font(theme.SIZE_SMALL, bold=True)
        bf = app.font(theme.SIZE_TINY)
        # Measure first (a dry run onto nothing visible), then draw the box and the text.
        box_top = y
        ix, iw = x + pad, width - 2 * pad

        def body(surf, yy: int) -> int:
            text(surf, hf, S.DEBRIEF_PREDICT, (ix, yy), p.ink)
            yy += hf.get_linesize()
            if not pr or pr.get("choice") is None:
                question = self.session.scenario.predict.text if self.session.scenario.predict else ""
                yy = paragraph_full(surf, bf, question, ix, yy, iw, p.ink_soft)
                yy = paragraph_full(surf, bf, S.DEBRIEF_NO_ANSWER, ix, yy, iw, p.ink_soft)
            else:
                yy = paragraph_full(surf, bf, pr["question"], ix, yy, iw, p.ink_soft)
                # Compared honestly: with what this infant did, and separately with what most infants do.
                for k, line in enumerate(self.debrief.prediction):
                    yy = paragraph_full(surf, app.font(theme.SIZE_TINY, bold=k == 1), line, ix, yy, iw, p.ink)
            # The scenario's "explain" prompts: questions to discuss now that the run is over.
            explain = [pt.text for ep in self.session.scenario.episodes for pt in ep.prompts if pt.kind == "explain"]
            if explain:
                yy += u(8)
                text(surf, hf, S.DEBRIEF_EXPLAIN, (ix, yy), p.ink)
                yy += hf.get_linesize()
                for q in explain:
                    yy = paragraph_full(surf, bf, q, ix, yy, iw, p.ink_soft)
            return yy

        bottom = body(_NOWHERE, box_top + u(8)) + u(8)
        box = pygame.Rect(x - u(6), box_top, width + u(6), bottom - box_top)
        pygame.draw.rect(surface, p.panel, box, border_radius=u(10))
        pygame.draw.rect(surface, p.line, box, width=1, border_radius=u(10))
        body(surface, box_top + u(8))
        return bottom

    def _panel_title(self, surface, x: int, y: int, width: int, title: str) -> int:
        """The right-hand panel's title; returns the y below it."""
        app = self.app
        return paragraph_full(surface, app.font(theme.SIZE_SMALL, bold=True), title, x, y, width, app.palette.ink)

    def _draw_still_face(self, surface, x0: int, y: int, width: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        m = self.measures
        f = app.font(theme.SIZE_TINY)
        fb = app.font(theme.SIZE_TINY, bold=True)
        y = self._panel_title(surface, x0, y, width, S.DEBRIEF_SF_TITLE) + u(6)
        eps = self.session.scenario.episodes[:3]
        titles = [ep.title for ep in eps]
        measures = ("positive_affect", "negative_affect", "gaze")
        group_w = width // 3
        bar_gap = u(6)
        bar_w = max(u(20), min(u(60), (group_w - u(16) - 2 * bar_gap) // 3))
        # Each group: its measure and verdict above (wrapped to the group), three bars, the episodes below.
        head_h = 0
        for name in measures:
            lines = len(wrap(fb, S.DEBRIEF_MEASURE[name], group_w - u(10)))
            verdict_lines = max(len(wrap(f, v, group_w - u(10))) for v in (S.DEBRIEF_AS_PUBLISHED,
                                                                            S.DEBRIEF_NOT_AS_PUBLISHED,
                                                                            S.DEBRIEF_NOT_REACHED))
            head_h = max(head_h, lines * fb.get_linesize() + verdict_lines * f.get_linesize())
        plot_h = max(u(70), int(self.right.h * 0.28))
        plot = pygame.Rect(x0 + u(8), y + head_h + u(6) + f.get_linesize(), width - u(16), plot_h)
        ok_all = True
        incomplete = False
        for g, name in enumerate(measures):
            gx = plot.x + g * group_w
            vals = [float(m[name][0, e]) if e < m[name].shape[1] else float("nan") for e in range(3)]
            colour = series_colour(p, name if name != "gaze" else "gaze")
            for k, v in enumerate(vals):
                x = gx + u(8) + k * (bar_w + bar_gap)
                h = 0 if _nan(v) else int(v * (plot.h - u(4)))
                shade = mix(colour, p.panel, (0.0, 0.45, 0.2)[k])
                pygame.draw.rect(surface, shade, (x, plot.bottom - h, bar_w, h), border_top_left_radius=u(4),
                                 border_top_right_radius=u(4))
                pygame.draw.rect(surface, colour, (x, plot.bottom - h, bar_w, h), width=max(1, u(1)),
                                 border_top_left_radius=u(4), border_top_right_radius=u(4))
                if k == 1:  # the still-face bar is hatched, so episodes differ by pattern as well as shade
                    for hy in range(plot.bottom - h + u(4), plot.bottom, u(8)):
                        pygame.draw.line(surface, colour, (x + 2, hy), (x + bar_w - 3, hy), max(1, u(1)))
                label = S.DEBRIEF_NA if _nan(v) else f"{v:.2f}"
                text(surface, f, label, (x + bar_w // 2, plot.bottom - h - u(2)), p.ink, anchor="midbottom")
                text(surface, f, str(k + 1), (x + bar_w // 2, plot.bottom + u(2)), p.ink_soft, anchor="midtop")
            complete = not any(_nan(v) for v in vals)
            incomplete = incomplete or not complete
            agrees = complete and self._agrees(name, vals)
            ok_all = ok_all and agrees
            yy = paragraph_full(surface, fb, S.DEBRIEF_MEASURE[name], gx + u(8), y, group_w - u(10), p.ink)
            verdict, vcolour = ((S.DEBRIEF_AS_PUBLISHED, p.ok) if agrees else (S.DEBRIEF_NOT_AS_PUBLISHED, p.warn)) \
                if complete else (S.DEBRIEF_NOT_REACHED, p.ink_soft)
            paragraph_full(surface, f, verdict, gx + u(8), yy, group_w - u(10), vcolour)
        pygame.draw.line(surface, p.line, (plot.x, plot.bottom), (plot.right, plot.bottom), 1)
        # The episodes' names under the bars: one key line (the bars are in the same order in every group).
        y = plot.bottom + u(4) + f.get_linesize()
        key = "  ·  ".join(f"{k + 1}. {t}" for k, t in enumerate(titles))
        y = paragraph_full(surface, f, S.DEBRIEF_SF_BARS.format(episodes=key), x0, y, width, p.ink_soft) + u(6)
        y = paragraph_full(surface, f, S.DEBRIEF_SF_PUBLISHED, x0, y, width, p.ink)
        verdict = S.DEBRIEF_SF_INCOMPLETE if incomplete else S.DEBRIEF_SF_AGREES if ok_all else S.DEBRIEF_SF_PARTLY
        y = paragraph_full(surface, fb, verdict, x0, y + u(2), width, p.ok if ok_all else p.ink_soft)
        debrief_note = " ".join(ep.debrief for ep in self.session.scenario.episodes if ep.debrief)
        if debrief_note:
            y = paragraph_full(surface, f, debrief_note, x0, y + u(4), width, p.ink_soft)
        return y

    @staticmethod
    def _agrees(name: str, vals: list[float]) -> bool:
        """The published ordering (science.md SF1, SF2) for one measure's play, still-face, reunion means."""
        if any(_nan(v) for v in vals):
            return False
        play, still, reunion = vals
        if name == "negative_affect":
            return play <= reunion <= still and still > play
        return play >= reunion >= still and play > still

    def _draw_strange_situation(self, surface, x0: int, y: int, width: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        f = app.font(theme.SIZE_TINY)
        fb = app.font(theme.SIZE_TINY, bold=True)
        y = self._panel_title(surface, x0, y, width, S.DEBRIEF_SSP_TITLE) + u(4)
        sc = self.scores
        if sc is None:
            y = paragraph_full(surface, f, S.DEBRIEF_SSP_NO_SCORING, x0, y, width, p.ink_soft)
            return paragraph_full(surface, f, S.DEBRIEF_PUBLISHED_DIST, x0, y + u(6), width, p.ink)
        from ...export import SCALES
        col_w = max(fb.size(S.SCALE_SHORT.get(n, n[:2].upper()))[0] for n in SCALES) + u(14)
        first = width - len(SCALES) * col_w
        x_cols = [x0 + first + k * col_w for k in range(len(SCALES))]
        for k, name in enumerate(SCALES):
            text(surface, fb, S.SCALE_SHORT.get(name, name[:2].upper()), (x_cols[k] + col_w // 2, y), p.ink_soft,
                 anchor="midtop")
        y += fb.get_linesize() + 1
        lh = f.get_linesize() + 1
        for e, ep in enumerate(self.session.scenario.episodes):
            if e == 0:
                continue  # the introduction is not scored
            lines = wrap(f, ep.title, first - u(8))
            row_h = lh + (len(lines) - 1) * f.get_linesize()
            if e % 2 == 1:
                pygame.draw.rect(surface, mix(p.panel, p.bg, 0.6), (x0 - u(6), y - 1, width + u(6), row_h),
                                 border_radius=u(4))
            for j, line in enumerate(lines):
                text(surface, f, line, (x0, y + j * f.get_linesize()), p.ink)
            for k, name in enumerate(SCALES):
                v = sc.scales[name][0, e]
                label = S.DEBRIEF_NA if _nan(float(v)) or v <= 0 else f"{int(v)}"
                bold = not _nan(float(v)) and v >= 5
                text(surface, fb if bold else f, label, (x_cols[k] + col_w // 2, y), p.ink if bold else p.ink_soft,
                     anchor="midtop")
            y += row_h
        y = paragraph_full(surface, f, S.SCALE_KEY, x0, y + u(2), width, p.ink_soft) + u(6)
        code = sc.classification[0]
        cls = S.DEBRIEF_CLASS.format(code=code, name=S.CLASS_NAMES.get(code, code))
        y = paragraph_full(surface, app.font(theme.SIZE_BODY, bold=True), cls, x0, y, width, p.accent)
        extra = S.DEBRIEF_DISORG.format(d=int(sc.disorganization[0]))
        if code == "D":
            extra = S.DEBRIEF_CLASS_D_EXTRA.format(best=S.DEBRIEF_CLASS_BESTFIT.format(code=sc.best_fit[0]), index=extra)
        y = paragraph_full(surface, f, extra, x0, y, width, p.ink_soft) + u(2)
        for reason in list(sc.reasons[0]):
            pygame.draw.circle(surface, p.accent, (x0 + u(6), y + f.get_height() // 2), max(2, u(3)))
            y = paragraph_full(surface, f, reason, x0 + u(16), y, width - u(16), p.ink)
        y += u(6)
        bar_h = fb.get_linesize() + u(8)
        self._draw_distribution(surface, pygame.Rect(x0, y, width - u(4), bar_h), sc.best_fit[0])
        y += bar_h + u(4)
        return paragraph_full(surface, app.font(theme.SIZE_TINY, italic=True),
                              S.DEBRIEF_PUBLISHED_DIST + " " + S.DEBRIEF_PATTERN_NOTE, x0, y, width, p.ink_soft)

    def _draw_distribution(self, surface, rect: pygame.Rect, best_fit: str) -> None:
        """The published A/B/C shares as one stacked bar, with this run's best fit outlined."""
        app = self.app
        p = app.palette
        f = app.font(theme.SIZE_TINY, bold=True)
        x = rect.x
        for code, colour in (("A", theme.OI_SKY), ("B", theme.OI_GREEN), ("C", theme.OI_ORANGE)):
            pct = published.BALTIMORE[code]
            w = int(rect.w * (pct / 100))
            seg = pygame.Rect(x, rect.y, w, rect.h)
            pygame.draw.rect(surface, mix(colour, p.panel, 0.45), seg)
            pygame.draw.rect(surface, p.line, seg, width=1)
            label = S.DEBRIEF_DIST_SEGMENT.format(code=code, pct=f"{pct:g}")
            if f.size(label)[0] > w - 6:
                label = code  # a narrow segment keeps its letter; the sentence under the bar gives the shares
            text(surface, f, label, seg.center, p.ink, anchor="center")
            if code == best_fit:
                pygame.draw.rect(surface, p.ink, seg, width=max(2, app.px(3)))
            x += w

    def _draw_lessons(self, surface, x0: int, y: int, width: int) -> int:
        """This run's lessons, every one whole (the panel scrolls; the terms' chips sit under it, see
        :meth:`_draw_chips`)."""
        app = self.app
        p = app.palette
        u = app.px
        f = app.font(theme.SIZE_TINY)
        hf = app.font(theme.SIZE_SMALL, bold=True)
        y = self._panel_title(surface, x0, y, width, S.DEBRIEF_LESSONS_TITLE) + u(6)
        for lesson in self.debrief.lessons:
            y = paragraph_full(surface, hf, lesson.title, x0, y, width, p.accent) + u(1)
            y = paragraph_full(surface, f, lesson.text, x0, y, width, p.ink) + u(2)
            for row in lesson.rows:
                y = paragraph_full(surface, f, S.DEBRIEF_LESSON_ROW.format(row=row), x0 + u(12), y, width - u(12),
                                   p.ink_soft) + u(2)
            y += u(8)
        return y

    def _terms(self) -> list[str]:
        """The Glossary terms this run's lessons use, each once, in order."""
        terms: list[str] = []
        for lesson in self.debrief.lessons:
            for t in lesson.terms:
                if t not in terms:
                    terms.append(t)
        return terms

    def _draw_chips(self, surface, rect: pygame.Rect | None) -> int:
        """The lessons' terms as clickable chips under the lessons, flowing onto rows within ``rect`` (None: only
        measure). Returns the height (px) they need."""
        app = self.app
        p = app.palette
        u = app.px
        terms = self._terms()
        if not terms:
            return 0
        cf = app.font(theme.SIZE_TINY)
        lf = app.font(theme.SIZE_TINY, bold=True)
        chip_h = cf.get_linesize() + u(8)
        x0, y0, width = (rect.x, rect.y, rect.w) if rect is not None else (0, 0, self._chips_width())
        x = x0 + lf.size(S.DEBRIEF_TERMS)[0] + u(10)
        y = y0
        if rect is not None:
            text(surface, lf, S.DEBRIEF_TERMS, (x0, y + u(4)), p.ink)
            self._chips = []
        for t in terms:
            w = cf.size(t)[0] + u(16)
            if x + w > x0 + width and x > x0:
                x, y = x0, y + chip_h + u(6)
            if rect is not None:
                chip = pygame.Rect(x, y, w, chip_h)
                pygame.draw.rect(surface, p.bg, chip, border_radius=chip_h // 2)
                pygame.draw.rect(surface, p.accent, chip, width=1, border_radius=chip_h // 2)
                text(surface, cf, t, chip.center, p.accent, anchor="center")
                self._chips.append((chip, t))
            x += w + u(8)
        return y + chip_h - y0

    def _chips_width(self) -> int:
        return self.right.w - 2 * self.app.px(14)

    def _draw_notes(self, surface, x0: int, y: int, width: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        sc = self.session.scenario
        f = app.font(theme.SIZE_TINY)
        notes = [ep.debrief for ep in sc.episodes if ep.debrief] + list(sc.learning_goals)
        y = self._panel_title(surface, x0, y, width, S.DEBRIEF_EXPLAIN) + u(4)
        for note in notes:
            pygame.draw.circle(surface, p.accent, (x0 + u(6), y + f.get_height() // 2), max(2, u(3)))
            y = paragraph_full(surface, f, note, x0 + u(16), y, width - u(16), p.ink) + u(4)
        return y


#: A surface to measure on: drawing onto it costs nothing (it is 1x1 and clipped away).
_NOWHERE = pygame.Surface((1, 1))
_NOWHERE.set_clip(pygame.Rect(0, 0, 0, 0))
