"""The app: the window at its real size, fonts scaled to it and to the text size, the scene stack and the main loop.

The loop runs in strict order (pygame-ce's chimp example): events -> update -> draw -> flip, with
``clock.tick(FPS)``. Scenes draw straight onto the window at its real size (1024x600 up to 3840x2160):
nothing is drawn small and scaled up. They lay out from ``app.layout`` (see layout.py), which changes
when the window is resized or the text size changes; each scene's ``relayout()`` is then called. Keys
handled here for every scene: F11 full screen, F10 projector colours, T text size (back row), M mute,
Ctrl+Q quit.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from ..model.session import warm_up_in_background  # noqa: E402
from . import strings as S  # noqa: E402
from . import theme  # noqa: E402
from .layout import Layout  # noqa: E402
from .drawing.text import font_file  # noqa: E402
from .widgets import register_font  # noqa: E402
from .scene import Scene, SceneStack  # noqa: E402
from .scenes import SCENES  # noqa: E402


#: Run numbers (seeds) the app hands out, cycling: plenty of different babies, short enough to read aloud.
RUN_NUMBERS = 100000

class App:
    """The running application. Scenes reach shared things through it.

    Args:
        fullscreen: start full screen.
        size: the window size (W, H) in pixels (default ``theme.CANVAS_SIZE``); clamped to the sizes the
            layouts are made for (``theme.MIN_WINDOW`` to ``theme.MAX_WINDOW``).
        projector: start with the high-contrast projector colours (and sound muted).
        headless: True under tests and screenshots (no waiting for the frame clock).
        sound: whether synthesised sound starts unmuted.
    """

    def __init__(self, fullscreen: bool = False, projector: bool = False, headless: bool = False,
                 sound: bool | None = None, remember: bool = False, audience: str | None = None,
                 size=None) -> None:
        pygame.display.init()
        pygame.font.init()
        self.headless = headless or os.environ.get("SDL_VIDEODRIVER") == "dummy"
        # Settings remembered between launches (a real launch; tests build the app with remember=False).
        from .settings import Settings
        self.remember = remember
        self.settings = Settings.load() if remember else Settings()
        self.palette = theme.PROJECTOR if (projector or self.settings.projector) else theme.CLASSIC
        self._fonts: dict[tuple, pygame.font.Font] = {}
        self._text_scale_index = int(self.settings.text_scale_index) % len(theme.TEXT_SCALES)
        self.audience = audience or self.settings.audience
        self.hints = self.settings.hints
        self.fullscreen = False
        start = tuple(size) if size else theme.CANVAS_SIZE
        self.window_size = start
        self._windowed_size = start
        self._layout = Layout(start, self.text_scale)
        self.screen = self._open_window(start, fullscreen)
        pygame.display.set_caption(S.APP_TITLE)
        pygame.key.set_repeat(400, 60)
        self.stack = SceneStack(SCENES)
        self.clock = pygame.time.Clock()
        self.running = True
        self.frame_count = 0
        self.exit_code = 0
        if sound is None:
            sound = self.settings.sound and not (projector or self.settings.projector)
        self.sound = _make_sound(enabled=sound)
        # Each scenario opened from Home meets a different baby: runs are numbered from the clock in a real
        # launch, from 1 under tests and screenshots (deterministic). The number is the run's seed, saved
        # with the session, so any run replays exactly.
        self._next_run = 1 if self.headless else int(time.time()) % RUN_NUMBERS

    # --- window and layout --------------------------------------------------------------------------
    def _open_window(self, size, fullscreen: bool) -> pygame.Surface:
        flags = pygame.RESIZABLE
        screen = None
        if fullscreen:
            try:
                screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
                self.fullscreen = True
            except pygame.error:
                screen = None
        if screen is None:
            self.fullscreen = False
            size = clamp_size(size)
            screen = pygame.display.set_mode(size, flags)
        self.window_size = screen.get_size()
        self._relayout()
        return screen

    @property
    def canvas(self) -> pygame.Surface:
        """The surface scenes draw on: the window itself, at its real size."""
        return self.screen

    @property
    def canvas_size(self) -> tuple[int, int]:
        """The size in pixels scenes draw at."""
        return self.layout.size

    @property
    def layout(self) -> Layout:
        """The layout scenes use: the window's size and the text size."""
        return self._layout

    def _relayout(self) -> None:
        self._layout = Layout(self.window_size, self.text_scale)
        self._notify_layout()

    def new_run(self) -> int:
        """The seed of the next run opened from Home (a new baby each time, 1 to RUN_NUMBERS - 1)."""
        run = self._next_run
        self._next_run = self._next_run % (RUN_NUMBERS - 1) + 1
        return run

    def toggle_fullscreen(self) -> None:
        """Switch between full screen and the last window size."""
        if self.fullscreen:
            self.screen = self._open_window(self._windowed_size, False)
        else:
            self._windowed_size = self.window_size
            self.screen = self._open_window(self.window_size, True)

    def resize(self, size) -> None:
        """The window was resized by the user (or a test): every scene lays out again at the new size."""
        if self.fullscreen:
            return
        w, h = int(size[0]), int(size[1])
        self.screen = self._open_window((w, h), False)

    # --- fonts and theme -------------------------------------------------------------------------------
    @property
    def text_scale(self) -> float:
        """The back-row text factor (1.0, 1.15 or 1.3)."""
        return theme.TEXT_SCALES[self._text_scale_index]

    @property
    def text_scale_index(self) -> int:
        """Which of ``theme.TEXT_SCALES`` is on (0 normal, 1 large, 2 back row)."""
        return self._text_scale_index

    @text_scale_index.setter
    def text_scale_index(self, index: int) -> None:
        self._text_scale_index = int(index) % len(theme.TEXT_SCALES)
        self._relayout()

    @property
    def u(self) -> float:
        """Window pixels per design pixel (see layout.py)."""
        return self.layout.u

    def px(self, n: float) -> int:
        """A design length in window pixels (``app.layout.px``)."""
        return self.layout.px(n)

    def font(self, size: float, bold: bool = False, italic: bool = False, scaled: bool = True) -> pygame.font.Font:
        """The bundled Lato for a design ``size``: times the layout unit and the text size (unless ``scaled`` is
        False), never below the readable minimum for this window (``layout.min_text_px``)."""
        return self.font_px(self.layout.font_px(size, scaled), bold, italic)

    def font_px(self, px: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """The bundled Lato at ``px`` window pixels (cached; registered with the widgets so tests can check the
        size of every text drawn). Prefer :meth:`font`, which follows the window and the text size."""
        key = (int(px), bold, italic)
        f = self._fonts.get(key)
        if f is None:
            path = theme.FONT_BOLD if bold else theme.FONT_ITALIC if italic else theme.FONT_REGULAR
            f = font_file(path, int(px))
            self._fonts[key] = f
            register_font(f, int(px))
        return f

    def cycle_text_scale(self) -> None:
        """Next text size (normal, large, back row)."""
        self.text_scale_index = self._text_scale_index + 1
        self.save_settings()

    def toggle_projector(self) -> None:
        """Switch between the classic and the projector colours."""
        self.palette = theme.CLASSIC if self.palette is theme.PROJECTOR else theme.PROJECTOR
        self.save_settings()
        self._notify_layout()

    def toggle_sound(self) -> None:
        """Mute or unmute the synthesised sounds (remembered)."""
        if self.sound is not None:
            self.sound.toggle()
        self.save_settings()
        self._notify_layout()

    def set_audience(self, audience: str) -> None:
        """Who the words are for: parents, class or research (remembered)."""
        from ..content.lessons import check_audience
        self.audience = check_audience(audience)
        self.save_settings()
        self._notify_layout()

    def cycle_audience(self) -> None:
        """The next audience: class, parents, research."""
        from ..content.lesson_strings import AUDIENCES
        order = ("class", "parents", "research")
        self.set_audience(order[(order.index(self.audience) + 1) % len(order)] if self.audience in order
                          else AUDIENCES[0])

    def toggle_hints(self) -> None:
        """Show or hide Play's hints on what would match (off: a "test yourself" run; remembered)."""
        self.hints = not self.hints
        self.save_settings()
        self._notify_layout()

    def save_settings(self) -> None:
        """Remember the classroom settings in the data folder (only for a real launch)."""
        st = self.settings
        st.projector = self.palette is theme.PROJECTOR
        st.text_scale_index = self.text_scale_index
        st.audience = self.audience
        st.sound = not getattr(self.sound, "muted", True)
        st.hints = self.hints
        if self.remember:
            st.save()

    def _notify_layout(self) -> None:
        for scene in getattr(getattr(self, "stack", None), "scenes", ()):
            relayout = getattr(scene, "relayout", None)
            if relayout:
                relayout()

    # --- the stack ---------------------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        """The scene on top of the stack."""
        return self.stack.top

    def _top_changed(self, before) -> None:
        """A scene laid out while another was on top may have used the other's layout (window or design):
        when the top changes between the two kinds, the new top lays out again."""
        top = self.stack.top
        if top is not None and getattr(before, "native", True) != getattr(top, "native", True):
            relayout = getattr(top, "relayout", None)
            if relayout:
                relayout()

    def push(self, scene: Scene) -> Scene:
        """Push a scene."""
        before = self.stack.top
        out = self.stack.push(scene)
        self._top_changed(before)
        return out

    def pop(self) -> Scene | None:
        """Pop the top scene; with nothing left, the app quits."""
        scene = self.stack.pop()
        if not self.stack.scenes:
            self.running = False
        self._top_changed(scene)
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Replace the top scene."""
        before = self.stack.top
        out = self.stack.replace(scene)
        self._top_changed(before)
        return out

    def open(self, name: str, *args, **kwargs) -> Scene:
        """Build the scene registered as ``name`` with these arguments and push it (navigation by name)."""
        return self.stack.push(self.stack.build(name, self, *args, **kwargs))

    def home(self) -> None:
        """Back to the Home scene, dropping everything above it."""
        scenes = self.stack.scenes
        if scenes and scenes[0].name == "home":
            while len(scenes) > 1:
                self.stack.pop()
        else:
            self.stack.clear_to(self.stack.build("home", self))

    def quit(self, code: int = 0) -> None:
        """Stop the loop at the end of this frame."""
        self.exit_code = code
        self.running = False

    # --- one frame ---------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Global keys first, then the top scene (mouse positions mapped to canvas coordinates)."""
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.size)
            return
        if event.type in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            if self.screen.get_size() != tuple(self.window_size):
                self.window_size = self.screen.get_size()
                self._relayout()
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            pos = getattr(event, "pos", None)
            if pos is None:
                return
        if event.type == pygame.KEYDOWN:
            mods = getattr(event, "mod", 0)
            key = getattr(event, "key", None)
            if key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if key == pygame.K_F10:
                self.toggle_projector()
                return
            if key == pygame.K_q and mods & pygame.KMOD_CTRL:
                self.quit(0)
                return
        top = self.top
        if top is None:
            return
        out = top.process_event(event)
        if out is not None and out.type == pygame.KEYDOWN:
            # Keys no scene used: text size and mute work everywhere.
            if out.key == pygame.K_t:
                self.cycle_text_scale()
            elif out.key == pygame.K_m and self.sound is not None:
                self.toggle_sound()

    def tick(self, dt: float | None = None, events: list | None = None) -> None:
        """One frame: events -> update -> draw -> flip. ``dt`` (s) defaults to the frame clock."""
        if dt is None:
            ms = self.clock.tick(0 if self.headless else theme.FPS)
            dt = ms / 1000.0
        for event in (pygame.event.get() if events is None else events):
            self.handle_event(event)
            if not self.running:
                return
        top = self.top
        if top is not None:
            top.update(min(dt, 0.25))
        self.render()
        self.frame_count += 1

    def draw_canvas(self) -> pygame.Surface:
        """Draw the visible scenes onto the window surface and return it (no flip)."""
        target = self.canvas
        visible = self.stack.visible()
        if not (visible and getattr(visible[0], "opaque", False)):  # an opaque scene paints every pixel itself
            target.fill(self.palette.bg)
        for scene in visible:
            scene.draw(target)
        return target

    def render(self) -> None:
        """Draw the scenes at the window's real size, flip."""
        self.draw_canvas()
        pygame.display.flip()

    def screenshot(self, path) -> None:
        """Save what the window shows, at the window's size, as a PNG, atomically."""
        from ..model.io import atomic_write_bytes
        import io
        canvas = self.draw_canvas()
        buf = io.BytesIO()
        pygame.image.save(canvas, buf, "png")
        atomic_write_bytes(path, buf.getvalue())

    def run(self, max_frames: int | None = None) -> int:
        """The main loop until quit (or ``max_frames``). Returns the exit code.

        An unexpected error in a scene does not end the lesson with a traceback: it is reported on one
        line on stderr and shown as a readable message, with a way back to Home.
        """
        errors = 0
        try:
            while self.running and self.stack.scenes:
                try:
                    self.tick()
                    if self.frame_count == 1:
                        # The first screen is up: load (on a new checkout, compile) the model's kernels
                        # in the background while the user reads it, not as a pause in Play.
                        warm_up_in_background()
                except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
                    errors += 1
                    where = self.top.name if self.top is not None else "app"
                    print(f"error: {where}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    if errors > 20:  # the error repeats every frame: give up cleanly
                        self.exit_code = 1
                        break
                    self.stack.push(ErrorScene(self, S.ERROR_MESSAGE.format(where=where, error=exc)))
                if max_frames is not None and self.frame_count >= max_frames:
                    break
        finally:
            pygame.quit()
        return self.exit_code


class ErrorScene(Scene):
    """A readable message about something that went wrong, over the scene where it happened."""

    name = "error"

    def __init__(self, app: App, message: str) -> None:
        super().__init__(app)
        self.message = message
        self.box = pygame.Rect(0, 0, 0, 0)
        self.relayout()

    def relayout(self) -> None:
        """The box (as tall as the message needs) and its button, from the window and the text size."""
        from .widgets import Button, FocusGroup, paragraph_height
        app = self.app
        u = app.px
        lay = app.layout
        w = min(lay.w - u(40), lay.x(800))
        bh = max(u(46), app.font(17, bold=True).get_linesize() + u(14))
        h = (u(24) + app.font(theme.SIZE_HEADING, bold=True).get_linesize() + u(12)
             + paragraph_height(app.font(theme.SIZE_BODY), self.message, w - u(64)) + u(24) + bh + u(24))
        self.box = pygame.Rect(0, 0, w, min(lay.h - u(20), h))
        self.box.center = (lay.w // 2, lay.h // 2)
        bw = Button.width_for(app, S.ERROR_HOME, "Enter", 17)
        if not hasattr(self, "group"):
            self.group = FocusGroup(app)
        self.group.set([Button((self.box.centerx - bw // 2, self.box.bottom - u(24) - bh, bw, bh), S.ERROR_HOME,
                               app.home, key_label="Enter", style="primary", ident="home")])

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.home()
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        from .widgets import paragraph_full, text
        p = self.app.palette
        u = self.app.px
        box = self.box
        pygame.draw.rect(surface, p.panel, box, border_radius=u(16))
        pygame.draw.rect(surface, p.warn, box, width=max(2, u(3)), border_radius=u(16))
        r = text(surface, self.app.font(theme.SIZE_HEADING, bold=True), S.ERROR_TITLE, (box.x + u(32), box.y + u(24)),
                 p.ink)
        paragraph_full(surface, self.app.font(theme.SIZE_BODY), self.message, box.x + u(32), r.bottom + u(12),
                       box.w - u(64), p.ink_soft)
        self.group.draw(surface)


def clamp_size(size) -> tuple[int, int]:
    """A window size held within the sizes the layouts are made for (``theme.MIN_WINDOW``-``MAX_WINDOW``)."""
    (lw, lh), (hw, hh) = theme.MIN_WINDOW, theme.MAX_WINDOW
    return min(hw, max(lw, int(size[0]))), min(hh, max(lh, int(size[1])))


def _make_sound(enabled: bool):
    """The figures developer's synthesised sound, or a silent stand-in when it or the mixer is missing."""
    try:
        from .sound import Sound
        return Sound(enabled)
    except Exception:  # no sound module yet, or no audio device: stay silent
        return _SilentSound()


class _SilentSound:
    """A stand-in with the Sound interface that plays nothing."""

    def __init__(self) -> None:
        self.muted = True

    def update(self, behaviour_id) -> None:
        """Nothing to play."""

    def toggle(self) -> None:
        """Flip the mute flag (so the key still gives feedback)."""
        self.muted = not self.muted


def open_app(**kw) -> "App | None":
    """An App that remembers its settings, or None after one stderr line when no window can be opened (no
    display, no video driver)."""
    kw.setdefault("remember", True)
    try:
        return App(**kw)
    except pygame.error as exc:
        print(f"error: display: cannot open a window ({exc}); headless commands (run, batch, list) still work",
              file=sys.stderr)
        return None


def parse_gui_flags(argv: list[str]) -> dict:
    """The leading --flags of ``python main.py`` with no command: --fullscreen, --projector, --mute,
    --audience, --size WxH."""
    from ..content.lessons import check_audience
    from .layout import parse_size
    opts = {"fullscreen": False, "projector": False, "sound": None}
    args = list(argv)
    parsers = {"--size": ("size", parse_size), "--audience": ("audience", check_audience)}
    while args:
        a = args.pop(0)
        flag = a.partition("=")[0]
        if flag in parsers:
            key, parse = parsers[flag]
            value = a.partition("=")[2] or (args.pop(0) if args else "")
            try:
                opts[key] = parse(value)
            except ValueError as exc:
                print(f"error: {flag}: {exc}", file=sys.stderr)
                raise SystemExit(2) from None
        elif a == "--fullscreen":
            opts["fullscreen"] = True
        elif a == "--projector":
            opts["projector"] = True
        elif a == "--mute":
            opts["sound"] = False
        elif a == "--data-dir" or a.startswith("--data-dir="):  # sessions, exports and logs go there
            folder = a.partition("=")[2] if "=" in a else (args.pop(0) if args else "")
            if not folder:
                print("error: main.py: --data-dir needs a folder", file=sys.stderr)
                raise SystemExit(2)
            os.environ["ATTUNE_DATA_DIR"] = folder
        else:
            print(f"error: main.py: unknown option {a}; use --fullscreen, --projector, --mute, --audience, --size WxH, "
                  f"or a command "
                  f"(list, run, batch, play...)", file=sys.stderr)
            raise SystemExit(2)
    return opts


def launch_gui(argv: list[str]) -> int:
    """Open the app at Home (``python main.py [--fullscreen] [--projector] [--mute] [--size WxH]``). Returns the
    exit code."""
    try:
        opts = parse_gui_flags(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    t0 = time.perf_counter()
    app = open_app(**opts)
    if app is None:
        return 2
    app.open("home")
    if os.environ.get("ATTUNE_TIME_TO_HOME"):
        app.tick(0.0)
        print(f"time_to_home_s {time.perf_counter() - t0:.3f}", file=sys.stderr)
        pygame.quit()
        return 0
    return app.run()
