"""The scene stack: the Scene base class every screen derives from, and the stack that runs them.

Tuxemon's pattern. The app keeps a stack; only the top scene receives events and updates, and the
scenes below it are drawn first only when the top one says it is an overlay. Each scene:

- ``resume()`` when it becomes the top scene, ``pause()`` when another scene covers it;
- ``update(dt)`` advances its own state by ``dt`` real seconds;
- ``process_event(event)`` returns the event to pass it on, or ``None`` once consumed;
- ``draw(surface)`` paints onto the 1280x720 logical canvas and never changes state, so any scene can be
  rendered off-screen into a PNG for tests, reports and screenshots.

Scenes move between each other by name: ``self.app.open("debrief", session, ...)`` builds the scene the
registry names (``simulator.view.scenes.SCENES``) and pushes it, so no scene imports another to navigate.
To add a screen: subclass :class:`Scene` with a unique ``name``, add it to ``SCENES``, and open it by that
name; ``self.close()`` pops it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping

import pygame

if TYPE_CHECKING:  # pragma: no cover
    from .app import App


#: Keys that go back one screen everywhere.
BACK_KEYS = (pygame.K_ESCAPE, pygame.K_BACKSPACE)


class Scene:
    """One screen of the app. Subclasses override the hooks they need.

    Attributes:
        app: the running :class:`~simulator.view.app.App` (canvas size, fonts, theme, the stack).
        overlay: True if the scene below should be drawn first (a dialog over a screen).
        opaque: True if ``draw`` paints every pixel, so the app need not clear the canvas first.
        name: a short id for tests and screenshots.
    """

    overlay = False
    opaque = False  # True if draw() paints every pixel of the canvas (the app then skips clearing it)
    name = "scene"

    def __init__(self, app: "App") -> None:
        self.app = app

    # --- life cycle ----------------------------------------------------------------------------------
    def resume(self) -> None:
        """Called when the scene becomes the top of the stack (after push, or after the one above pops)."""

    def pause(self) -> None:
        """Called when another scene is pushed on top of this one, or before it is popped."""

    # --- per frame -----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Advance the scene's own state by ``dt`` real seconds."""

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """Handle one event (mouse positions are already in canvas coordinates). Return it to pass it on."""
        return event

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the scene onto ``surface`` (the logical canvas). Must not change any state."""

    # --- helpers -------------------------------------------------------------------------------------
    def close(self) -> None:
        """Pop this scene if it is on top of the stack."""
        if self.app.top is self:
            self.app.pop()

    def close_on_back(self, event):
        """Close this scene on Esc or Backspace (the app's "back" keys); returns the event, or None if used."""
        if event is not None and event.type == pygame.KEYDOWN and event.key in BACK_KEYS:
            self.close()
            return None
        return event


class SceneStack:
    """A stack of scenes with push, pop and replace, calling the life-cycle hooks in order.

    Args:
        registry: scene name -> the callable that builds it (``factory(app, *args, **kwargs)``).
    """

    def __init__(self, registry: Mapping[str, Callable[..., Scene]] | None = None) -> None:
        self.scenes: list[Scene] = []
        self.registry = dict(registry or {})

    def build(self, name: str, app, *args, **kwargs) -> Scene:
        """The scene registered as ``name``, built for ``app`` (KeyError names the known scenes)."""
        try:
            factory = self.registry[name]
        except KeyError:
            raise KeyError(f"no scene named {name!r}; known: {', '.join(sorted(self.registry))}") from None
        return factory(app, *args, **kwargs)

    @property
    def top(self) -> Scene | None:
        """The scene that receives events, or None when the stack is empty."""
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        """Put ``scene`` on top; the previous top is paused."""
        if self.scenes:
            self.scenes[-1].pause()
        self.scenes.append(scene)
        scene.resume()
        return scene

    def pop(self) -> Scene | None:
        """Remove the top scene; the one below resumes. Returns the removed scene."""
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.pause()
        if self.scenes:
            self.scenes[-1].resume()
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for ``scene``."""
        if self.scenes:
            self.scenes.pop().pause()
        self.scenes.append(scene)
        scene.resume()
        return scene

    def clear_to(self, scene: Scene) -> Scene:
        """Pop everything and start again from ``scene`` (e.g. back to Home)."""
        while self.scenes:
            self.scenes.pop().pause()
        return self.push(scene)

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top one, plus those below it while overlays continue."""
        out: list[Scene] = []
        for scene in reversed(self.scenes):
            out.append(scene)
            if not scene.overlay:
                break
        return list(reversed(out))
