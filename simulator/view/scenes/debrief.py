"""Debrief: the whole timeline, the measures per episode, the published pattern, the prediction revisited, saving.

For the Still-Face: play, still-face and reunion means beside the published pattern (Mesman et al.
2009). For the Strange Situation: Ainsworth's scales per episode and the classification with its
reasons (``simulator.model.scoring``). One key saves a PNG of this screen, the per-step
CSV and the session JSON (the same file ``run --out x.json`` writes) into the save folder.
"""

from __future__ import annotations

import math
import time

import pygame

from ...export import trajectory_csv, write_session_json
from ...model.io import OutputError, atomic_write_text
from ...model.params import PRESETS
from ...model.scoring import score_session
from ...sessions.store import save_folder
from .. import strings as S
from .. import theme
from ..drawing.chart import draw_timeline, legend, series_colour, strip_key
from ..scene import Scene
from ..widgets import Button, FocusGroup, draw_hints, mix, paragraph, text, text_height

TIMELINE = pygame.Rect(40, 104, 1200, 146)
LEFT = pygame.Rect(40, 266, 560, 372)
RIGHT = pygame.Rect(620, 266, 620, 372)


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
        # The lessons of this run, for the app's audience (the research audience's population effect sizes
        # need a 100-infant batch: they are in ``run --out FILE.md``, not here).
        from ...content.lessons import build_debrief
        self.audience = getattr(app, "audience", "class")
        self.debrief = build_debrief(session, self.scores, self.audience, prediction, demo, research_batch=False)
        # The right panel shows the lessons, or the numbers (never for parents: pattern letters and scales).
        self.page = "lessons"
        self.lesson_start = 0
        self._chips: list[tuple[pygame.Rect, str]] = []
        self.message = ""
        self.message_colour = None
        self.group = FocusGroup(app)
        self.relayout()

    def relayout(self) -> None:
        """Place the buttons along the bottom."""
        font = self.app.font(16)
        items = []
        x = 40
        y = 652
        for label, fn, key, cap, ident, style in (
                (S.DEBRIEF_SAVE, self.save, pygame.K_s, "S", "save", "primary"),
                (S.DEBRIEF_AGAIN, self.again, pygame.K_a, "A", "again", "normal"),
                (S.DEBRIEF_GLOSSARY, self.glossary, pygame.K_g, "G", "glossary", "normal"),
                *(((S.DEBRIEF_SHOW_NUMBERS if self.page == "lessons" else S.DEBRIEF_SHOW_LESSONS, self.flip_page,
                    pygame.K_l, "L", "page", "normal"),) if self.audience != "parents" else ())):
            w = font.size(label)[0] + 64
            items.append(Button((x, y, w, 42), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                font_size=16))
            x += w + 12
        hw = font.size(S.DEBRIEF_HOME)[0] + 70
        items.append(Button((1240 - hw, y, hw, 42), S.DEBRIEF_HOME, self.app.home, key=pygame.K_h, key_label="H",
                            ident="home", style="quiet", font_size=16))
        self.group.set(items)

    # --- actions -------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Save a PNG of this screen, the trajectory CSV and the session JSON, atomically."""
        folder = save_folder()
        stem = f"{self.session.scenario.id}_seed{self.session.seed}_{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            png, csv, js = folder / f"{stem}.png", folder / f"{stem}.csv", folder / f"{stem}.json"
            self.message = ""
            self.app.screenshot(png)
            atomic_write_text(csv, trajectory_csv(self.session))
            write_session_json(js, self.session, self.scores, self.prediction)
            self.message = S.DEBRIEF_SAVED.format(png=png, csv=csv.name, json=js.name)
            self.message_colour = self.app.palette.ok
        except (OSError, OutputError) as exc:
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
        self._static_key = None
        self.relayout()

    def next_lesson(self, step: int) -> None:
        """Show the lessons from the next (or previous) one on."""
        n = len(self.debrief.lessons)
        self.lesson_start = max(0, min(n - 1, self.lesson_start + step))
        self._static_key = None

    # --- scene hooks ---------------------------------------------------------------------------------------
    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            for rect, term in self._chips:
                if rect.collidepoint(event.pos):
                    self.glossary(term)
                    return None
        if event is not None and event.type == pygame.KEYDOWN and self.page == "lessons" and \
                event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.next_lesson(1 if event.key == pygame.K_PAGEDOWN else -1)
            return None
        return self.close_on_back(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        key = (p.name, app.text_scale, self.page, self.lesson_start)
        if getattr(self, "_static_key", None) != key:
            # Everything but the buttons and the message is fixed once the debrief opens: draw it once.
            static = pygame.Surface(surface.get_size())
            static.fill(p.bg)
            self._draw_static(static)
            self._static, self._static_key = static, key
        surface.blit(self._static, (0, 0))
        self.group.draw(surface)
        if self.message:
            text(surface, app.font(theme.SIZE_TINY), self.message, (40, 700), self.message_colour or p.ink,
                 anchor="midleft", max_width=1200)
        else:  # the hint sits left of Home, clear of the buttons at every text size
            home = self.group.find("home")
            text(surface, app.font(theme.SIZE_TINY), S.BACK_HINT, (home.rect.x - 16, home.rect.centery),
                 p.ink_faint, anchor="midright")

    def _draw_static(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        s = self.session
        who = S.DEBRIEF_WHO_DEMO.format(policy=s.caregiver_id) if self.demo else S.DEBRIEF_WHO_LEARNER
        hist = S.PRESET_PLAIN.get(s.preset, PRESETS[s.preset].history if s.preset in PRESETS else s.preset)
        sub = S.DEBRIEF_SUB.format(history=hist, seed=s.seed, who=who)
        if not s.finished:
            sub = S.DEBRIEF_SUB_UNFINISHED.format(stopped=S.DEBRIEF_UNFINISHED.format(t=_fmt_len(s.t)), sub=sub)
        r = text(surface, app.font(theme.SIZE_HEADING + 6, bold=True, scaled=False),
                 S.DEBRIEF_TITLE.format(title=s.scenario.title), (40, 12), p.ink)
        text(surface, app.font(theme.SIZE_SMALL), sub, (40, r.bottom), p.ink_soft, max_width=1200)
        # Timeline, then its legend above it: the series, the rupture and repair strip's key, the choices.
        bin_s = draw_timeline(surface, app, TIMELINE, s)
        pygame.draw.rect(surface, p.line, TIMELINE, width=1, border_radius=10)
        f = app.font(theme.SIZE_SMALL, bold=True)
        text(surface, f, S.DEBRIEF_TIMELINE, (TIMELINE.x, TIMELINE.y - 3), p.ink, anchor="bottomleft")
        mid = TIMELINE.y - 3 - app.font(theme.SIZE_TINY).get_height() // 2
        right = TIMELINE.right
        if s.learner_actions:
            r = text(surface, app.font(theme.SIZE_TINY), S.DEBRIEF_YOUR_CHOICES, (right, TIMELINE.y - 4),
                     p.ink_soft, anchor="bottomright")  # a key to the marks, not a link: plain ink
            right = r.x - 16
        kf = app.font(theme.SIZE_TINY, scaled=False)
        key_x = right - 16 - kf.size(S.CHART_STRIP_KEY.format(s=bin_s))[0]
        strip_key(surface, app, key_x, mid, bin_s)
        legend(surface, app, TIMELINE.x + f.size(S.DEBRIEF_TIMELINE)[0] + 24, mid, key_x - 16)
        y = self._draw_table(surface)
        self._draw_prediction(surface, y + 12)
        proc = s.scenario.procedure
        if self.page == "lessons" or self.audience == "parents":
            self._draw_lessons(surface)
        elif proc == "still_face":
            self._draw_still_face(surface)
        elif proc == "strange_situation":
            self._draw_strange_situation(surface)
        else:
            self._draw_notes(surface)

    # --- parts --------------------------------------------------------------------------------------------
    def _draw_table(self, surface) -> int:
        app = self.app
        p = app.palette
        s = self.session
        m = self.measures
        x0, y = LEFT.x, LEFT.y
        text(surface, app.font(theme.SIZE_SMALL, bold=True), S.DEBRIEF_TABLE, (x0, y), p.ink)
        y += app.font(theme.SIZE_SMALL, bold=True).get_linesize() + 2
        f = app.font(theme.SIZE_TINY)
        fb = app.font(theme.SIZE_TINY, bold=True, scaled=False)  # column heads stay whole at every text size
        parents = self.audience == "parents"  # no matched percentages for a parenting course
        from ...content.ruptures import planned_in_episode, planned_ruptures
        found = planned_ruptures(s.log)
        planned = [planned_in_episode(found, e)[:2] for e in range(len(s.scenario.episodes))]
        cols = [(S.DEBRIEF_COL_EPISODE, 0), (S.DEBRIEF_COL_LENGTH, 176), ("" if parents else S.DEBRIEF_COL_MATCHED, 286),
                (S.DEBRIEF_COL_RUPTURES, 352), (S.DEBRIEF_COL_REPAIRS, 422), (S.DEBRIEF_COL_LATENCY, 484)]
        for k, (label, dx) in enumerate(cols):
            nxt = cols[k + 1][1] if k + 1 < len(cols) else LEFT.w
            text(surface, fb, label, (x0 + dx, y), p.ink_soft, max_width=nxt - dx - 4)
        y += fb.get_linesize() + 2
        lh = f.get_linesize() + 3
        for e, ep in enumerate(s.scenario.episodes):
            if e % 2 == 0:
                pygame.draw.rect(surface, p.panel, (x0 - 6, y - 1, LEFT.w + 6, lh), border_radius=4)
            ran = m["duration_s"][0, e] > 0 or (not s.finished and e == int(s.episode[0]))
            text(surface, f, ep.title, (x0, y), p.ink, max_width=170)
            if ran:
                length = _fmt_len(m["duration_s"][0, e] if m["duration_s"][0, e] > 0 else float(s.t_episode[0]))
                colour = p.ink
                if m["curtailed"][0, e]:
                    length, colour = S.DEBRIEF_CURTAILED_MARK.format(length=length), p.warn
                elif s.extended[0, e]:
                    length = S.DEBRIEF_EXTENDED_MARK.format(length=length)
                text(surface, f, length, (x0 + 176, y), colour, max_width=106)
                share = m["matched_share"][0, e]
                vals = [
                    "" if parents else S.DEBRIEF_NA if _nan(share) else f"{100 * share:.0f}%",
                    _count(m["ruptures"][0, e], planned[e][0]),
                    _count(m["repairs"][0, e], planned[e][1]),
                    S.DEBRIEF_NA if _nan(m["mean_repair_latency_s"][0, e]) else f"{m['mean_repair_latency_s'][0, e]:.1f} s",
                ]
                for (label, dx), v in zip(cols[2:], vals):
                    text(surface, f, v, (x0 + dx, y), p.ink)
            else:
                text(surface, f, S.DEBRIEF_NA, (x0 + 176, y), p.ink_faint)
            y += lh
        y += 4
        # Rupture and repair are defined wherever matching is shown.
        note = self.debrief.definitions[0][1]
        if found:
            note = S.DEBRIEF_PLANNED_NOTE.format(note=note)
        y = paragraph(surface, app.font(theme.SIZE_TINY, italic=True), note,
                      pygame.Rect(x0, y, LEFT.w, 84), p.ink_soft)
        return y

    def _draw_prediction(self, surface, y: int) -> None:
        app = self.app
        p = app.palette
        pr = self.prediction
        box = pygame.Rect(LEFT.x - 6, y, LEFT.w + 6, LEFT.bottom - y)
        if box.h < 40:
            return
        pygame.draw.rect(surface, p.panel, box, border_radius=10)
        pygame.draw.rect(surface, p.line, box, width=1, border_radius=10)
        inner = box.inflate(-24, -16)
        yy = inner.y
        hf = app.font(theme.SIZE_SMALL, bold=True)
        bf = app.font(theme.SIZE_TINY)
        text(surface, hf, S.DEBRIEF_PREDICT, (inner.x, yy), p.ink)
        yy += hf.get_linesize()

        def room(top: int) -> pygame.Rect:  # two lines at most, never below the box (large text)
            return pygame.Rect(inner.x, top, inner.w, max(0, min(40, inner.bottom - top)))

        if not pr or pr.get("choice") is None:
            question = self.session.scenario.predict.text if self.session.scenario.predict else ""
            yy = paragraph(surface, bf, question, room(yy), p.ink_soft, max_lines=2)
            if yy + bf.get_height() <= inner.bottom + 2:
                text(surface, bf, S.DEBRIEF_NO_ANSWER, (inner.x, yy), p.ink_soft)
                yy += bf.get_linesize()
        else:
            yy = paragraph(surface, bf, pr["question"], room(yy), p.ink_soft, max_lines=2)
            # Compared honestly: with what this infant did, and separately with what most infants do.
            for k, line in enumerate(self.debrief.prediction):
                yy = paragraph(surface, app.font(theme.SIZE_TINY, bold=k == 1), line, room(yy), p.ink, max_lines=2)
        # The scenario's "explain" prompts: questions to discuss now that the run is over.
        explain = [pt.text for ep in self.session.scenario.episodes for pt in ep.prompts if pt.kind == "explain"]
        if explain and inner.bottom - yy > 2 * hf.get_linesize():
            yy += 8
            text(surface, hf, S.DEBRIEF_EXPLAIN, (inner.x, yy), p.ink)
            yy += hf.get_linesize()
            for q in explain:
                if inner.bottom - yy < bf.get_linesize():
                    break
                yy = paragraph(surface, bf, q, pygame.Rect(inner.x, yy, inner.w, inner.bottom - yy), p.ink_soft)

    def _right_panel(self, surface, title: str):
        """Frame the right-hand panel with its title; returns the small font the panel's rows use."""
        app = self.app
        p = app.palette
        pygame.draw.rect(surface, p.panel, RIGHT, border_radius=12)
        pygame.draw.rect(surface, p.line, RIGHT, width=1, border_radius=12)
        text(surface, app.font(theme.SIZE_SMALL, bold=True), title, (RIGHT.x + 16, RIGHT.y + 10), p.ink)
        return app.font(theme.SIZE_TINY)

    def _draw_still_face(self, surface) -> None:
        app = self.app
        p = app.palette
        m = self.measures
        r = RIGHT
        f = self._right_panel(surface, S.DEBRIEF_SF_TITLE)
        hf = app.font(theme.SIZE_SMALL, bold=True)
        eps = self.session.scenario.episodes[:3]
        titles = [ep.title for ep in eps]
        measures = ("positive_affect", "negative_affect", "gaze")
        top = r.y + 50 + hf.get_linesize()
        plot = pygame.Rect(r.x + 24, top, r.w - 44, 130 - (top - r.y - 72))
        group_w = plot.w // 3
        bar_w = 50
        ok_all = True
        incomplete = False
        for g, name in enumerate(measures):
            gx = plot.x + g * group_w
            vals = [float(m[name][0, e]) if e < m[name].shape[1] else float("nan") for e in range(3)]
            colour = series_colour(p, name if name != "gaze" else "gaze")
            for k, v in enumerate(vals):
                x = gx + 10 + k * (bar_w + 6)
                h = 0 if _nan(v) else int(v * (plot.h - 20))
                shade = mix(colour, p.panel, (0.0, 0.45, 0.2)[k])
                pygame.draw.rect(surface, shade, (x, plot.bottom - h, bar_w, h), border_top_left_radius=4,
                                 border_top_right_radius=4)
                if k == 1:  # the still-face bar is hatched, so episodes differ by pattern as well as shade
                    for hy in range(plot.bottom - h + 4, plot.bottom, 8):
                        pygame.draw.line(surface, colour, (x + 2, hy), (x + bar_w - 3, hy), 1)
                label = S.DEBRIEF_NA if _nan(v) else f"{v:.2f}"
                text(surface, f, label, (x + bar_w // 2, plot.bottom - h - 2), p.ink, anchor="midbottom")
                text(surface, f, titles[k] if k < len(titles) else "", (x + bar_w // 2, plot.bottom + 3),
                     p.ink_soft, anchor="midtop", max_width=bar_w + 6)
            complete = not any(_nan(v) for v in vals)
            incomplete = incomplete or not complete
            agrees = complete and self._agrees(name, vals)
            ok_all = ok_all and agrees
            text(surface, app.font(theme.SIZE_TINY, bold=True), S.DEBRIEF_MEASURE[name],
                 (gx + 10, plot.y - 24), p.ink, anchor="bottomleft", max_width=group_w - 10)
            verdict, colour = ((S.DEBRIEF_AS_PUBLISHED, p.ok) if agrees else (S.DEBRIEF_NOT_AS_PUBLISHED, p.warn)) \
                if complete else (S.DEBRIEF_NOT_REACHED, p.ink_soft)
            text(surface, f, verdict, (gx + 10, plot.y - 22), colour, anchor="topleft", max_width=group_w - 10)
        pygame.draw.line(surface, p.line, (plot.x, plot.bottom), (plot.right, plot.bottom), 1)
        y = plot.bottom + 26
        y = paragraph(surface, f, S.DEBRIEF_SF_PUBLISHED, pygame.Rect(r.x + 16, y, r.w - 32, 60), p.ink)
        verdict = S.DEBRIEF_SF_INCOMPLETE if incomplete else S.DEBRIEF_SF_AGREES if ok_all else S.DEBRIEF_SF_PARTLY
        y = paragraph(surface, app.font(theme.SIZE_TINY, bold=True), verdict,
                      pygame.Rect(r.x + 16, y + 2, r.w - 32, 40), p.ok if ok_all else p.ink_soft)
        debrief_note = " ".join(ep.debrief for ep in self.session.scenario.episodes if ep.debrief)
        if debrief_note:
            paragraph(surface, f, debrief_note, pygame.Rect(r.x + 16, y + 4, r.w - 32, r.bottom - y - 10), p.ink_soft)

    @staticmethod
    def _agrees(name: str, vals: list[float]) -> bool:
        """The published ordering (science.md SF1, SF2) for one measure's play, still-face, reunion means."""
        if any(_nan(v) for v in vals):
            return False
        play, still, reunion = vals
        if name == "negative_affect":
            return play <= reunion <= still and still > play
        return play >= reunion >= still and play > still

    def _draw_strange_situation(self, surface) -> None:
        app = self.app
        p = app.palette
        r = RIGHT
        f = self._right_panel(surface, S.DEBRIEF_SSP_TITLE)
        fb = app.font(theme.SIZE_TINY, bold=True)
        sc = self.scores
        if sc is None:
            paragraph(surface, f, S.DEBRIEF_SSP_NO_SCORING, pygame.Rect(r.x + 16, r.y + 44, r.w - 32, 80), p.ink_soft)
            paragraph(surface, f, S.DEBRIEF_PUBLISHED_DIST, pygame.Rect(r.x + 16, r.y + 100, r.w - 32, 60), p.ink)
            return
        from ...export import SCALES
        y = r.y + 38
        x_cols = [r.x + 250 + k * 56 for k in range(len(SCALES))]
        for k, name in enumerate(SCALES):
            text(surface, fb, S.SCALE_SHORT.get(name, name[:2].upper()), (x_cols[k] + 14, y), p.ink_soft, anchor="midtop")
        y += fb.get_linesize() + 1
        lh = f.get_linesize() + 1
        for e, ep in enumerate(self.session.scenario.episodes):
            if e == 0:
                continue  # the introduction is not scored
            if e % 2 == 1:
                pygame.draw.rect(surface, mix(p.panel, p.bg, 0.6), (r.x + 10, y - 1, r.w - 20, lh), border_radius=4)
            text(surface, f, ep.title, (r.x + 16, y), p.ink, max_width=228)
            for k, name in enumerate(SCALES):
                v = sc.scales[name][0, e]
                label = S.DEBRIEF_NA if _nan(float(v)) or v <= 0 else f"{int(v)}"
                bold = not _nan(float(v)) and v >= 5
                text(surface, fb if bold else f, label, (x_cols[k] + 14, y), p.ink if bold else p.ink_soft,
                     anchor="midtop")
            y += lh
        y += 2
        text(surface, app.font(11), S.SCALE_KEY, (r.x + 16, y), p.ink_faint, max_width=r.w - 32)
        y += 18
        code = sc.classification[0]
        cls = S.DEBRIEF_CLASS.format(code=code, name=S.CLASS_NAMES.get(code, code))
        rr = text(surface, app.font(theme.SIZE_BODY, bold=True), cls, (r.x + 16, y), p.accent)
        extra = S.DEBRIEF_DISORG.format(d=int(sc.disorganization[0]))
        if code == "D":
            extra = S.DEBRIEF_CLASS_D_EXTRA.format(best=S.DEBRIEF_CLASS_BESTFIT.format(code=sc.best_fit[0]), index=extra)
        if f.size(extra)[0] <= r.right - rr.right - 30:
            text(surface, f, extra, (rr.right + 14, rr.centery), p.ink_soft, anchor="midleft")
            y = rr.bottom + 2
        else:  # not enough room beside the classification: its own line
            y = text(surface, f, extra, (r.x + 16, rr.bottom), p.ink_soft, max_width=r.w - 32).bottom + 2
        for reason in list(sc.reasons[0])[:3]:
            pygame.draw.circle(surface, p.accent, (r.x + 22, y + f.get_height() // 2), 2)
            y = paragraph(surface, f, reason, pygame.Rect(r.x + 30, y, r.w - 46, 36), p.ink, max_lines=2)
        pub_y = r.bottom - 2 * f.get_linesize() - 10
        bar_y = pub_y - 30
        if y + 2 <= bar_y:  # the published distribution, when the reasons leave room for it
            self._draw_distribution(surface, pygame.Rect(r.x + 16, bar_y, r.w - 32, 24), sc.best_fit[0])
        y = max(y + 4, pub_y)
        paragraph(surface, app.font(theme.SIZE_TINY, italic=True), S.DEBRIEF_PUBLISHED_DIST + " " + S.DEBRIEF_PATTERN_NOTE,
                  pygame.Rect(r.x + 16, y, r.w - 32, r.bottom - y), p.ink_soft)

    def _draw_distribution(self, surface, rect: pygame.Rect, best_fit: str) -> None:
        """The published A/B/C shares as one stacked bar, with this run's best fit outlined."""
        app = self.app
        p = app.palette
        f = app.font(theme.SIZE_TINY, bold=True)
        x = rect.x
        for code, share, colour in (("A", 0.22, theme.OI_SKY), ("B", 0.66, theme.OI_GREEN), ("C", 0.12, theme.OI_ORANGE)):
            w = int(rect.w * share)
            seg = pygame.Rect(x, rect.y, w, rect.h)
            pygame.draw.rect(surface, mix(colour, p.panel, 0.45), seg)
            label = S.DEBRIEF_DIST_SEGMENT.format(code=code, pct=int(share * 100))
            text(surface, f, label, seg.center, p.ink, anchor="center", max_width=w - 6)
            if code == best_fit:
                pygame.draw.rect(surface, p.ink, seg, width=3)
            x += w

    def _draw_lessons(self, surface) -> None:
        """This run's lessons, with their numbers, and the Glossary terms they use as clickable chips."""
        app = self.app
        p = app.palette
        r = RIGHT
        lessons = self.debrief.lessons[self.lesson_start:]
        f = self._right_panel(surface, S.DEBRIEF_LESSONS_TITLE)
        hf = app.font(theme.SIZE_SMALL, bold=True)
        cf = app.font(theme.SIZE_TINY)
        terms: list[str] = []
        for lesson in self.debrief.lessons:
            for t in lesson.terms:
                if t not in terms:
                    terms.append(t)
        chip_h = cf.get_linesize() + 8
        bottom = r.bottom - chip_h - 18
        y = r.y + 10 + hf.get_linesize() + 8
        shown = 0
        for lesson in lessons:
            need = hf.get_linesize() + 1 + text_height(f, lesson.text, r.w - 32) + 2 + len(lesson.rows) * (
                f.get_linesize() + 2)
            if shown and y + need > bottom:
                break  # a lesson is shown whole or not at all: the rest are a Page Down away
            tr = text(surface, hf, lesson.title, (r.x + 16, y), p.accent, max_width=r.w - 32)
            y = paragraph(surface, f, lesson.text, pygame.Rect(r.x + 16, tr.bottom + 1, r.w - 32, bottom - tr.bottom - 1),
                          p.ink) + 2
            for row in lesson.rows:
                if y + f.get_linesize() > bottom:
                    break
                y = paragraph(surface, f, S.DEBRIEF_LESSON_ROW.format(row=row),
                              pygame.Rect(r.x + 28, y, r.w - 44, f.get_linesize() + 2), p.ink_soft, max_lines=1) + 2
            y += 8
            shown += 1
        more = len(lessons) - shown
        if more > 0 or self.lesson_start > 0:
            text(surface, app.font(theme.SIZE_TINY, italic=True), S.DEBRIEF_MORE_LESSONS.format(n=max(more, 0)),
                 (r.right - 16, r.y + 12), p.ink_soft, anchor="topright")
        # Every term links to the Glossary: a click on its chip (or G for the whole Glossary).
        self._chips = []
        x = r.x + 16
        y = r.bottom - chip_h - 10
        label = text(surface, app.font(theme.SIZE_TINY, bold=True), S.DEBRIEF_TERMS, (x, y + 4), p.ink)
        x = label.right + 10
        for t in terms:
            w = cf.size(t)[0] + 16
            if x + w > r.right - 12:
                break
            chip = pygame.Rect(x, y, w, chip_h)
            pygame.draw.rect(surface, p.bg, chip, border_radius=chip_h // 2)
            pygame.draw.rect(surface, p.accent, chip, width=1, border_radius=chip_h // 2)
            text(surface, cf, t, chip.center, p.accent, anchor="center")
            self._chips.append((chip, t))
            x += w + 8

    def _draw_notes(self, surface) -> None:
        app = self.app
        p = app.palette
        r = RIGHT
        pygame.draw.rect(surface, p.panel, r, border_radius=12)
        pygame.draw.rect(surface, p.line, r, width=1, border_radius=12)
        sc = self.session.scenario
        f = app.font(theme.SIZE_TINY)
        y = r.y + 12
        notes = [ep.debrief for ep in sc.episodes if ep.debrief] + list(sc.learning_goals)
        text(surface, app.font(theme.SIZE_SMALL, bold=True), S.DEBRIEF_EXPLAIN, (r.x + 16, y), p.ink)
        y += 28
        for note in notes:
            if y > r.bottom - 20:
                break
            pygame.draw.circle(surface, p.accent, (r.x + 22, y + f.get_height() // 2), 3)
            y = paragraph(surface, f, note, pygame.Rect(r.x + 32, y, r.w - 48, r.bottom - y - 6), p.ink) + 4
