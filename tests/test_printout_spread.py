"""The spread figure of the docs: drawn off-screen from seeded populations, at its documented size."""

import pygame

from simulator.printout import spread


def test_spread_figure_renders_at_its_size(tmp_path):
    page = spread.render(n=200, seed=5)
    assert page.surf.get_size() == spread.SIZE
    # Three panels of data: the figure is not blank anywhere a panel should be.
    w, h = spread.SIZE
    for k in range(3):
        x0 = 40 + k * (w // 3)
        colours = {tuple(page.surf.get_at((x, y)))[:3] for x in range(x0, x0 + w // 3 - 80, 7)
                   for y in range(h // 3, h - 150, 7)}
        assert spread.BAR in colours, k
    img = tmp_path / "s.png"
    img.write_bytes(page.png_bytes())
    assert pygame.image.load(str(img)).get_size() == spread.SIZE
