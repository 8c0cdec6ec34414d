"""Lecture mode: a playlist's talk slides and scenario segments in order, pausing on each cue's question.

:class:`Lecture` holds the plan and the lecture clock (lecture seconds: the time the plan takes in class,
cue pauses included; ``rate`` runs it faster for a rehearsal). :class:`LectureScene` sits above Home and
starts each segment in turn: a :class:`TalkScene` slide, or the Play scene with a :class:`LectureRun` as its
source (a scripted caregiver plays; the model is stepped exactly to each cue, where a :class:`CueScene` shows
the question large) followed by the debrief when the playlist asks for one. Enter, Space or the right arrow goes on;
with ``autoplay`` every slide, cue and debrief goes on by itself after its planned time.
"""

from __future__ import annotations

import pygame

from ...content.glossary import lookup
from ...content.playlist import episode_range
from ...model.scenario import load_scenario
from .. import strings as S
from .. import theme
from ..scene import Scene
from ..widgets import draw_hints, mix, paragraph_fits, paragraph_full, text, text_height, wrap
from .debrief import DebriefScene
from .play import NewRun, PlayScene

#: Keys that move the lecture on from a slide, a cue or a debrief.
NEXT_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT)


class Lecture:
    """The plan and its clock, shared by the lecture's scenes.

    Args:
        playlist: a validated :class:`~simulator.content.playlist.Playlist`.
        autoplay: go on by itself after each slide's, cue's and debrief's planned time.
        rate: lecture seconds per real second (1 in class; up to 8 for a rehearsal).
        exit_after: quit (after an optional screenshot) once the lecture clock reaches this many seconds.
        screenshot: a PNG path written when ``exit_after`` is reached.
        audience: ``parents``, ``class`` or ``research`` (the debriefs' words).
    """

    def __init__(self, playlist, autoplay: bool = False, rate: float = 1.0, exit_after: float | None = None,
                 screenshot: str | None = None, audience: str = "class") -> None:
        self.playlist = playlist
        self.autoplay = autoplay
        self.rate = rate
        self.exit_after = exit_after
        self.screenshot = screenshot
        self.audience = audience
        self.clock = 0.0  # lecture seconds so far
        self.index = -1  # the segment under way
        self.cues_shown: list[dict] = []  # one entry per cue the lecture paused at (tests, the log)
        self.done = False

    def advance(self, app, dt: float) -> float:
        """Count ``dt`` real seconds on the lecture clock; returns the lecture seconds they make.

        At ``exit_after`` the app quits (saving the screenshot first)."""
        ldt = max(0.0, dt) * self.rate
        self.clock += ldt
        if self.exit_after is not None and self.clock >= self.exit_after - 1e-9 and app.running:
            if self.screenshot:
                app.screenshot(self.screenshot)
            app.quit(0)
        return ldt

    @property
    def segment(self):
        """The segment under way (None before the first and after the last)."""
        segs = self.playlist.segments
        return segs[self.index] if 0 <= self.index < len(segs) else None


class LectureScene(Scene):
    """Starts each segment in turn; shows the closing slide when the plan is done."""

    name = "lecture"

    def __init__(self, app, lecture: Lecture) -> None:
        super().__init__(app)
        self.lecture = lecture
        self._started = False

    def resume(self) -> None:
        self._started = False  # start the next segment in the next update (not inside a pop)

    def update(self, dt: float) -> None:
        lec = self.lecture
        if self._started or lec.done:
            lec.advance(self.app, dt)
            return
        self._started = True
        lec.index += 1
        seg = lec.segment
        if seg is None:
            lec.done = True
            return
        if seg.kind == "talk":
            self.app.push(TalkScene(self.app, lec, seg))
        else:
            self.app.push(lecture_play_scene(self.app, lec, seg))

    def process_event(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, *NEXT_KEYS) and self.lecture.done:
            self.app.home()
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        surface.fill(p.bg)
        title = S.LECTURE_DONE if self.lecture.done else self.lecture.playlist.title
        lay = app.layout
        tf = app.font(theme.SIZE_TITLE, bold=True)
        y = lay.h * 5 // 12
        for line in wrap(tf, title, lay.w - 2 * lay.x(40)):
            text(surface, tf, line, (lay.w // 2, y), p.ink, anchor="midtop")
            y += tf.get_linesize()
        text(surface, app.font(theme.SIZE_BODY), S.LECTURE_TIME.format(clock=_clock(self.lecture.clock)),
             (lay.w // 2, y + app.px(16)), p.ink_soft, anchor="midtop")
        draw_hints(surface, app, S.LECTURE_DONE_HINT if self.lecture.done else S.LECTURE_HINT)


def _clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


class _Timed:
    """Shared by the lecture's slides, cues and debriefs: a planned time (``planned_s``, lecture seconds)
    that ``autoplay`` waits out before going on; Enter, Space or Right goes on at once, Esc goes Home."""

    planned_s = 0.0

    def _start(self, lecture: Lecture, planned_s: float) -> None:
        self.lecture = lecture
        self.planned_s = planned_s
        self.elapsed = 0.0

    def go_on(self) -> None:
        """On with the lecture (the next segment, or back to the paused one)."""
        self.close()

    def update(self, dt: float) -> None:
        ldt = self.lecture.advance(self.app, dt)
        self.elapsed += ldt
        if self.lecture.autoplay and self.elapsed >= self.planned_s - 1e-9 and self.app.top is self:
            self.go_on()

    def _lecture_keys(self, event):
        """The lecture's own keys; returns None once used, else the event."""
        if event.type == pygame.KEYDOWN and event.key in NEXT_KEYS:
            self.go_on()
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.home()
            return None
        return event


class TalkScene(_Timed, Scene):
    """A talk slide: the title large, the text, the glossary terms it names with their meanings."""

    name = "lecture_talk"
    opaque = True

    def __init__(self, app, lecture: Lecture, segment) -> None:
        super().__init__(app)
        self._start(lecture, 60.0 * float(segment.minutes))
        self.segment = segment

    def process_event(self, event):
        return self._lecture_keys(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        lay = app.layout
        u = app.px
        surface.fill(p.bg)
        seg = self.segment
        _progress(surface, app, self.lecture)
        x, w = lay.x(80), lay.w - 2 * lay.x(80)
        tf = app.font(theme.SIZE_TITLE + 6, bold=True)
        y = paragraph_full(surface, tf, seg.title, x, lay.y(90), w, p.ink)
        y = paragraph_full(surface, app.font(theme.SIZE_HEADING), seg.text, x, y + u(24), w, p.ink) + u(20)
        tf, bf = app.font(theme.SIZE_BODY, bold=True), app.font(theme.SIZE_BODY)
        bottom = lay.h - u(40)  # the hints line
        for term in seg.glossary:
            meaning = lookup(term)
            if not meaning:
                continue
            indent = tf.size(term)[0] + u(16)
            if y + text_height(bf, meaning, w - indent) > bottom:
                break  # whole entries only: the rest are in the Glossary
            tr = text(surface, tf, term, (x, y), p.accent)
            y = paragraph_full(surface, bf, meaning, tr.right + u(16), y, x + w - tr.right - u(16), p.ink_soft) + u(8)
        draw_hints(surface, app, S.LECTURE_NEXT_HINT)


def _progress(surface, app, lecture: Lecture) -> None:
    """Segment k of n and the lecture clock, along the top."""
    p = app.palette
    n = len(lecture.playlist.segments)
    label = S.LECTURE_PROGRESS.format(k=lecture.index + 1, n=n, clock=_clock(lecture.clock))
    lay = app.layout
    f = app.font(theme.SIZE_SMALL)
    text(surface, f, label, (lay.w - lay.x(40), app.px(16)), p.ink_soft, anchor="topright")
    x, w, y = lay.x(60), lay.w - 2 * lay.x(60), app.px(24) + f.get_linesize()
    pygame.draw.rect(surface, mix(p.bg, p.line, 0.6), (x, y, w, app.px(4)))
    pygame.draw.rect(surface, p.accent, (x, y, int(w * (lecture.index + 1) / max(n, 1)), app.px(4)))


class LectureRun(NewRun):
    """The Play scene's source for a lecture's scenario segment: a scripted caregiver plays the shown episodes
    (the earlier ones run unseen), the model is stepped exactly to each cue, the lecture clock counts every
    frame (paused ones too), and the segment's end opens its debrief when the playlist asks for one."""

    name = "lecture_play"
    autosave = False  # a lecture's scripted runs are not the learner's sessions
    auto_debrief = False  # the playlist decides whether a debrief follows

    def __init__(self, lecture: Lecture, segment, scenario) -> None:
        self.lecture = lecture
        self.segment = segment
        self.first, self.last = episode_range(segment, scenario)
        ids = [ep.id for ep in scenario.episodes]
        self.cues = sorted(((ids.index(c.episode) if c.episode else self.first, c.at_s, k, c)
                            for k, c in enumerate(segment.cues)), key=lambda c: (c[0], c[1], c[2]))
        self.next_cue = 0
        self.ended = False

    def new_session(self, scene):
        s = super().new_session(scene)
        while not s.finished and int(s.episode[0]) < self.first:  # the earlier episodes run unseen
            s.step()
        return s

    def _cue_due(self, s) -> bool:
        """True when the model has reached the next cue's moment."""
        if self.next_cue >= len(self.cues):
            return False
        e, at, _, _ = self.cues[self.next_cue]
        here = int(s.episode[0])
        return s.finished or here > e or (here == e and float(s.t_episode[0]) >= at - 1e-9)

    def _past_end(self, s) -> bool:
        return s.finished or int(s.episode[0]) > self.last

    def advance_frame(self, scene, dt: float) -> int:
        """Step the model ``dt`` lecture seconds times the speed, stopping at a cue or the segment's end."""
        if self.ended:
            return 0
        ldt = self.lecture.advance(scene.app, dt)
        s = scene.session
        target = s.t + ldt * scene.speed
        taken = 0
        while s.t < target - 1e-9 and not self._cue_due(s) and not self._past_end(s):
            s.step()
            taken += 1
        if self._cue_due(s):
            self._show_cue(scene)
        elif self._past_end(s):
            self._end_segment(scene)
        return taken

    def idle(self, scene, dt: float) -> None:
        if not self.ended:
            self.lecture.advance(scene.app, dt)  # the lecture clock runs on while the lecturer talks

    def process_event(self, scene, event):
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RIGHT:
            scene.skip_ahead()
            return None
        return event

    def _show_cue(self, scene) -> None:
        e, at, k, cue = self.cues[self.next_cue]
        self.next_cue += 1
        s = scene.session
        self.lecture.cues_shown.append({"segment": self.lecture.index, "cue": k,
                                        "episode": scene.scenario.episodes[e].id, "at_s": at,
                                        "t_episode": float(s.t_episode[0]), "episode_now": int(s.episode[0]),
                                        "clock": self.lecture.clock})
        if cue.speed:
            scene.speed = cue.speed
        scene.app.push(CueScene(scene.app, self.lecture, cue))

    def _end_segment(self, scene) -> None:
        if self.ended:
            return
        self.ended = True
        if self.segment.debrief_s > 0:
            scene.app.replace(LectureDebriefScene(scene.app, self.lecture, scene.session, self.segment.debrief_s))
        else:
            scene.close()


def lecture_play_scene(app, lecture: Lecture, segment) -> PlayScene:
    """The Play scene of a scenario segment: the view's own PlayScene with a :class:`LectureRun` as its source."""
    scenario = load_scenario(segment.scenario)
    return PlayScene(app, scenario, infant=segment.infant, caregiver=segment.caregiver, seed=segment.seed,
                     demo=True, speed=segment.speed, source=LectureRun(lecture, segment, scenario))


class CueScene(_Timed, Scene):
    """A cue: the lecture pauses and the question is shown large over the dimmed room."""

    name = "lecture_cue"
    overlay = True

    def __init__(self, app, lecture: Lecture, cue) -> None:
        super().__init__(app)
        self._start(lecture, cue.pause_s)
        self.cue = cue

    def process_event(self, event):
        return self._lecture_keys(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*p.bg[:3], 215))
        surface.blit(veil, (0, 0))
        u = app.px
        box = app.layout.rect(100, 110, 1080, 480)
        pygame.draw.rect(surface, p.panel, box, border_radius=u(20))
        pygame.draw.rect(surface, p.accent, box, width=u(4), border_radius=u(20))
        hf = app.font(theme.SIZE_HEADING, bold=True)
        text(surface, hf, S.LECTURE_CUE, (box.x + u(48), box.y + u(32)), p.accent)
        hint_f = app.font(theme.SIZE_BODY)
        inner = pygame.Rect(box.x + u(48), box.y + u(32) + hf.get_linesize() + u(20), box.w - u(96), 0)
        inner.h = box.bottom - u(28) - hint_f.get_linesize() - u(12) - inner.y
        for size in (theme.SIZE_TITLE + 8, theme.SIZE_TITLE, theme.SIZE_HEADING + 4, theme.SIZE_HEADING,
                     theme.SIZE_BODY):  # the largest type that shows the whole question
            f = app.font(size, bold=True)
            if paragraph_fits(f, self.cue.question, inner.w, inner.h):
                break
        paragraph_full(surface, f, self.cue.question, inner.x, inner.y, inner.w, p.ink)
        if self.lecture.autoplay:
            left = max(0.0, self.cue.pause_s - self.elapsed)
            hint = S.LECTURE_CUE_AUTO.format(s=int(left + 0.999))
        else:
            hint = S.LECTURE_CUE_HINT
        text(surface, hint_f, hint, (box.x + u(48), box.bottom - u(28)), p.ink_soft, anchor="bottomleft")


class LectureDebriefScene(_Timed, DebriefScene):
    """The segment's debrief, shown for its planned time (or until Enter)."""

    name = "lecture_debrief"

    def __init__(self, app, lecture: Lecture, session, planned_s: float) -> None:
        self._start(lecture, planned_s)
        super().__init__(app, session, demo=True)

    def process_event(self, event):
        if event.type == pygame.KEYDOWN and event.key in NEXT_KEYS:
            self.go_on()
            return None
        return super().process_event(event)


def run_lecture(playlist, autoplay=False, rate=1.0, exit_after=None, screenshot=None, audience="class",
                fullscreen=False, projector=False, mute=False, size=None, app=None, run=True, frame_dt=0.1):
    """Open the app on a lecture: Home below, then the plan. Returns the exit code (or the App when ``run``
    is False, for tests). Headless with ``exit_after``, frames advance ``frame_dt`` real seconds each
    without waiting, so a rehearsal to a screenshot takes moments."""
    from ..app import open_app

    if app is None:
        app = open_app(fullscreen=fullscreen, projector=projector, sound=False if (mute or projector) else None)
        if app is None:
            return 2
        if size is not None:
            app.resize(size)
    if hasattr(app, "audience"):
        app.audience = audience
    lecture = Lecture(playlist, autoplay=autoplay, rate=rate, exit_after=exit_after, screenshot=screenshot,
                      audience=audience)
    app.open("home")
    app.push(LectureScene(app, lecture))
    app.lecture = lecture
    if not run:
        return app
    if app.headless and exit_after is not None:
        try:
            while app.running and app.stack.scenes:
                app.tick(frame_dt)
        finally:
            pygame.quit()
        return app.exit_code
    return app.run()
