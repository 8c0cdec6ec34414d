"""The app: window, fixed 1280x720 canvas scaled with letterboxing, fonts, the scene stack and the main loop.

The loop runs in strict order (pygame-ce's chimp example): events -> update -> draw -> flip, with
``clock.tick(FPS)``. Mouse positions are mapped from the window to canvas coordinates before scenes
see them, so scenes only ever think in 1280x720. Keys handled here for every scene: F11 full screen,
F10 projector colours, T text size (back row), M mute, Ctrl+Q quit.
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
from .scene import Scene, SceneStack  # noqa: E402


class App:
    """The running application. Scenes reach shared things through it.

    Args:
        fullscreen: start full screen.
        projector: start with the high-contrast projector colours (and sound muted).
        headless: True under tests and screenshots (no waiting for the frame clock).
        sound: whether synthesised sound starts unmuted.
    """

    def __init__(self, fullscreen: bool = False, projector: bool = False, headless: bool = False,
                 sound: bool | None = None, remember: bool = False, audience: str | None = None) -> None:
        pygame.display.init()
        pygame.font.init()
        self.headless = headless or os.environ.get("SDL_VIDEODRIVER") == "dummy"
        self.canvas_size = theme.CANVAS_SIZE
        self.canvas: pygame.Surface | None = None  # set by _open_window (the screen itself when 1:1)
        # Settings remembered between launches (a real launch; tests build the app with remember=False).
        from .settings import Settings
        self.remember = remember
        self.settings = Settings.load() if remember else Settings()
        self.palette = theme.PROJECTOR if (projector or self.settings.projector) else theme.CLASSIC
        self.text_scale_index = self.settings.text_scale_index
        self.audience = audience or self.settings.audience
        self.hints = self.settings.hints
        self.fullscreen = False
        self.window_size = self.canvas_size
        self._windowed_size = self.canvas_size
        self.screen = self._open_window(self.canvas_size, fullscreen)
        pygame.display.set_caption(S.APP_TITLE)
        pygame.key.set_repeat(400, 60)
        self._fonts: dict[tuple, pygame.font.Font] = {}
        self.stack = SceneStack()
        self.clock = pygame.time.Clock()
        self.running = True
        self.frame_count = 0
        self.exit_code = 0
        self._scale_cache: tuple | None = None
        if sound is None:
            sound = self.settings.sound and not (projector or self.settings.projector)
        self.sound = _make_sound(enabled=sound)

    # --- window and scaling ------------------------------------------------------------------------------
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
            size = (max(size[0], theme.MIN_WINDOW[0]), max(size[1], theme.MIN_WINDOW[1]))
            screen = pygame.display.set_mode(size, flags)
        self.window_size = screen.get_size()
        # At exactly 1280x720 the scenes draw straight onto the window (no copy per frame); otherwise onto an
        # off-screen canvas that is scaled into the window with letterboxing.
        if screen.get_size() == tuple(self.canvas_size):
            self.canvas = screen
        elif self.canvas is None or self.canvas.get_size() != tuple(self.canvas_size) or self.canvas is getattr(
                self, "screen", None):
            self.canvas = pygame.Surface(self.canvas_size).convert()
        return screen

    def toggle_fullscreen(self) -> None:
        """Switch between full screen and the last window size."""
        if self.fullscreen:
            self.screen = self._open_window(self._windowed_size, False)
        else:
            self._windowed_size = self.window_size
            self.screen = self._open_window(self.window_size, True)
        self._scale_cache = None

    def resize(self, size) -> None:
        """The window was resized by the user (or a test)."""
        if self.fullscreen:
            return
        w, h = int(size[0]), int(size[1])
        self.screen = self._open_window((w, h), False)
        self._scale_cache = None

    def _viewport(self) -> tuple[float, int, int, int, int]:
        """Scale and letterbox: (scale, x, y, w, h) of the canvas inside the window."""
        ww, wh = self.screen.get_size()
        cw, ch = self.canvas_size
        s = min(ww / cw, wh / ch) if ww and wh else 1.0
        w, h = max(1, int(cw * s)), max(1, int(ch * s))
        return s, (ww - w) // 2, (wh - h) // 2, w, h

    def to_canvas(self, pos) -> tuple[int, int]:
        """Map a window position to canvas coordinates (may fall outside the canvas in the letterbox)."""
        s, x, y, _, _ = self._viewport()
        return int((pos[0] - x) / s), int((pos[1] - y) / s)

    # --- fonts and theme -------------------------------------------------------------------------------
    @property
    def text_scale(self) -> float:
        """The back-row text factor (1.0, 1.15 or 1.3)."""
        return theme.TEXT_SCALES[self.text_scale_index]

    def font(self, size: int, bold: bool = False, italic: bool = False, scaled: bool = True) -> pygame.font.Font:
        """The bundled Lato at ``size`` canvas pixels (times the text scale unless ``scaled`` is False)."""
        px = max(8, int(round(size * (self.text_scale if scaled else 1.0))))
        key = (px, bold, italic)
        f = self._fonts.get(key)
        if f is None:
            path = theme.FONT_BOLD if bold else theme.FONT_ITALIC if italic else theme.FONT_REGULAR
            f = pygame.font.Font(str(path), px)
            self._fonts[key] = f
        return f

    def cycle_text_scale(self) -> None:
        """Next text size (normal, large, back row)."""
        self.text_scale_index = (self.text_scale_index + 1) % len(theme.TEXT_SCALES)
        self.save_settings()
        self._notify_layout()

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
        for scene in self.stack.scenes:
            relayout = getattr(scene, "relayout", None)
            if relayout:
                relayout()

    # --- the stack ---------------------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        """The scene on top of the stack."""
        return self.stack.top

    def push(self, scene: Scene) -> Scene:
        """Push a scene."""
        return self.stack.push(scene)

    def pop(self) -> Scene | None:
        """Pop the top scene; with nothing left, the app quits."""
        scene = self.stack.pop()
        if not self.stack.scenes:
            self.running = False
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Replace the top scene."""
        return self.stack.replace(scene)

    def home(self) -> None:
        """Back to the Home scene, dropping everything above it."""
        from .scenes.home import HomeScene
        while len(self.stack.scenes) > 1 and not isinstance(self.stack.scenes[0], HomeScene):
            self.stack.pop()
        if self.stack.scenes and isinstance(self.stack.scenes[0], HomeScene):
            while len(self.stack.scenes) > 1:
                self.stack.pop()
        else:
            self.stack.clear_to(HomeScene(self))

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
            self._scale_cache = None
            self.window_size = self.screen.get_size()
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            pos = getattr(event, "pos", None)
            if pos is None:
                return
            attrs = dict(event.dict)
            attrs["pos"] = self.to_canvas(pos)
            attrs["window_pos"] = pos
            event = pygame.event.Event(event.type, attrs)
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
        """Draw the visible scenes onto the canvas and return it (no flip)."""
        visible = self.stack.visible()
        if not (visible and getattr(visible[0], "opaque", False)):  # an opaque scene paints every pixel itself
            self.canvas.fill(self.palette.bg)
        for scene in visible:
            scene.draw(self.canvas)
        return self.canvas

    def render(self) -> None:
        """Draw the canvas, scale it into the window with letterboxing, flip."""
        canvas = self.draw_canvas()
        s, x, y, w, h = self._viewport()
        if canvas is self.screen:
            pass  # drawn in place
        elif (w, h) == self.canvas_size and (x, y) == (0, 0):
            self.screen.blit(canvas, (0, 0))
        else:
            view = (self.screen.get_size(), x, y, w, h)
            if self._scale_cache != view:  # the letterbox bars only need painting when the window changes
                self.screen.fill((20, 20, 20))
                self._scale_cache = view
            target = self.screen.subsurface((x, y, w, h))
            if abs(s - round(s)) < 1e-6 and s >= 1:  # whole-number zoom: nearest pixels stay crisp
                pygame.transform.scale(canvas, (w, h), target)
            else:  # smooth scaling straight into the window, no intermediate surface
                pygame.transform.smoothscale(canvas, (w, h), target)
        pygame.display.flip()

    def screenshot(self, path) -> None:
        """Save the current canvas (1280x720) as a PNG, atomically."""
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
        from .widgets import Button, FocusGroup
        self.message = message
        self.group = FocusGroup(app)
        self.group.set([Button((540, 440, 200, 46), S.ERROR_HOME, app.home, key_label="Enter", style="primary",
                               ident="home")])

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.home()
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        from .widgets import paragraph, text
        p = self.app.palette
        box = pygame.Rect(240, 220, 800, 290)
        pygame.draw.rect(surface, p.panel, box, border_radius=16)
        pygame.draw.rect(surface, p.warn, box, width=3, border_radius=16)
        text(surface, self.app.font(theme.SIZE_HEADING, bold=True), S.ERROR_TITLE, (box.x + 32, box.y + 24), p.ink)
        paragraph(surface, self.app.font(theme.SIZE_BODY), self.message,
                  pygame.Rect(box.x + 32, box.y + 72, box.w - 64, 140), p.ink_soft, max_lines=5)
        self.group.draw(surface)


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
    """The leading --flags of ``python main.py`` with no command: --fullscreen, --projector, --mute."""
    opts = {"fullscreen": False, "projector": False, "sound": None}
    args = list(argv)
    while args:
        a = args.pop(0)
        if a.startswith("--audience"):
            from ..content.lessons import check_audience
            value = a.partition("=")[2] or (args.pop(0) if args else "")
            try:
                opts["audience"] = check_audience(value)
            except ValueError as exc:
                print(f"error: --audience: {exc}", file=sys.stderr)
                raise SystemExit(2) from None
        elif a == "--fullscreen":
            opts["fullscreen"] = True
        elif a == "--projector":
            opts["projector"] = True
        elif a == "--mute":
            opts["sound"] = False
        else:
            print(f"error: main.py: unknown option {a}; use --fullscreen, --projector, --mute, --audience, or a command "
                  f"(list, run, batch, play...)", file=sys.stderr)
            raise SystemExit(2)
    return opts


def launch_gui(argv: list[str]) -> int:
    """Open the app at Home (``python main.py [--fullscreen] [--projector] [--mute]``). Returns the exit code."""
    try:
        opts = parse_gui_flags(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    t0 = time.perf_counter()
    app = open_app(**opts)
    if app is None:
        return 2
    from .scenes.home import HomeScene
    app.push(HomeScene(app))
    if os.environ.get("ATTUNE_TIME_TO_HOME"):
        app.tick(0.0)
        print(f"time_to_home_s {time.perf_counter() - t0:.3f}", file=sys.stderr)
        pygame.quit()
        return 0
    return app.run()
