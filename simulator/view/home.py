"""Home: the scenario cards, the Glossary, and the Population lab and Sessions when they exist."""

from __future__ import annotations

from .scene import Scene


class HomeScene(Scene):
    """The first screen (placeholder until the cards land)."""

    name = "home"

    def draw(self, surface) -> None:
        f = self.app.font(40, bold=True)
        surface.blit(f.render("Attune", True, self.app.palette.ink), (60, 60))
