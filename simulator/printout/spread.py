"""The spread figure: how simulated infants differ (science.md section 6), drawn off-screen as a PNG for the docs.

Three panels from seeded low-risk populations (``model.population.spread``): the per-infant change in latent
arousal from play to the still-face at 6 months (ID2; a histogram, with the median infant and the spread),
the still-face response styles at 4 months (ID1, simulated against published shares), and %B in 30
simulated samples of 30 infants (ID8). ``python -m simulator.printout.spread docs/spread.png`` writes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pygame

from ..model import published as pub
from ..model.io import atomic_write_bytes
from ..model.population import spread as S
from .report import ACCENT, INK, Page

#: Figure size in pixels (16:9, legible when scaled into a page or a slide) and its dpi for point sizes.
SIZE = (1800, 1000)
DPI = 120
STYLE_LABELS = {"social": "socially engaged", "disengaged": "disengaged", "negative": "negatively engaged"}
BAR = (70, 110, 170)
PUBLISHED = (200, 120, 40)
GRID = (215, 220, 228)


def _axes(page: Page, x: int, y: int, w: int, h: int) -> None:
    pygame.draw.line(page.surf, INK, (x, y + h), (x + w, y + h), 2)
    pygame.draw.line(page.surf, INK, (x, y), (x, y + h), 2)


def _histogram(page: Page, rect: tuple[int, int, int, int], values: np.ndarray, lo: float, hi: float,
               bins: int, title: str, xlabel: str, note: str) -> None:
    x, y, w, h = rect
    page.text(title, x, y, 15, bold=True, color=ACCENT)
    top = y + page.px(26)
    ph = h - page.px(90)
    counts, edges = np.histogram(np.clip(values, lo, hi), bins=bins, range=(lo, hi))
    peak = max(int(counts.max()), 1)
    bw = w / bins
    for k, c in enumerate(counts):
        bh = int(round(ph * c / peak))
        pygame.draw.rect(page.surf, BAR, (int(x + k * bw) + 1, top + ph - bh, max(int(bw) - 2, 1), bh))
    _axes(page, x, top, w, ph)
    for v in np.linspace(lo, hi, 5):
        px_ = int(x + (v - lo) / (hi - lo) * w)
        page.text(f"{v:+.2f}", px_, top + ph + page.px(4), 11, anchor="midtop")
    med = float(np.median(values))
    mx = int(x + (np.clip(med, lo, hi) - lo) / (hi - lo) * w)
    pygame.draw.line(page.surf, PUBLISHED, (mx, top), (mx, top + ph), 3)
    page.text(f"median {med:+.2f}", mx + page.px(4), top, 11, color=PUBLISHED)
    page.text(xlabel, x + w // 2, top + ph + page.px(22), 12, anchor="midtop")
    page.para(note, x, top + ph + page.px(42), w, 11)


def _bars(page: Page, rect: tuple[int, int, int, int], simulated: dict[str, float], title: str,
          note: str) -> None:
    x, y, w, h = rect
    page.text(title, x, y, 15, bold=True, color=ACCENT)
    top = y + page.px(26)
    ph = h - page.px(110)
    _axes(page, x, top, w, ph)
    for v in (25, 50, 75, 100):
        gy = top + ph - int(ph * v / 100)
        pygame.draw.line(page.surf, GRID, (x + 2, gy), (x + w, gy), 1)
        page.text(f"{v}%", x - page.px(4), gy, 11, anchor="midright")
    group = w / len(simulated)
    bw = group * 0.32
    for k, (name, sim) in enumerate(simulated.items()):
        gx = x + k * group + group * 0.16
        for j, (val, col) in enumerate(((sim, BAR), (pub.STYLES_4M[name], PUBLISHED))):
            bh = int(ph * val / 100)
            pygame.draw.rect(page.surf, col, (int(gx + j * bw), top + ph - bh, int(bw) - 4, bh))
            page.text(f"{val:.0f}%", int(gx + j * bw + bw / 2 - 2), top + ph - bh - page.px(2), 11,
                      anchor="midbottom")
        page.text(STYLE_LABELS[name], int(x + (k + 0.5) * group), top + ph + page.px(4), 12, anchor="midtop")
    ly = top + ph + page.px(24)
    pygame.draw.rect(page.surf, BAR, (x, ly + 3, 14, 14))
    r = page.text("simulated", x + 20, ly, 12)
    pygame.draw.rect(page.surf, PUBLISHED, (r.right + 16, ly + 3, 14, 14))
    page.text(f"published ({pub.label('styles_4m.social')})", r.right + 36, ly, 12)
    page.para(note, x, ly + page.px(22), w, 11)


def _samples(page: Page, rect: tuple[int, int, int, int], pct: np.ndarray, title: str, note: str) -> None:
    x, y, w, h = rect
    page.text(title, x, y, 15, bold=True, color=ACCENT)
    top = y + page.px(26)
    ph = h - page.px(90)
    lo, hi = 30.0, 100.0
    _axes(page, x, top, w, ph)
    band = S.ID8_MEDIAN_BAND
    y0 = top + ph - int(ph * (band[1] - lo) / (hi - lo))
    y1 = top + ph - int(ph * (band[0] - lo) / (hi - lo))
    pygame.draw.rect(page.surf, (250, 232, 210), (x + 2, y0, w - 2, y1 - y0))
    page.text(f"published low-risk samples {band[0]:g}-{band[1]:g}%", x + w - page.px(4), y0 + page.px(2), 11, color=PUBLISHED,
              anchor="topright")
    for v in (40, 60, 80, 100):
        gy = top + ph - int(ph * (v - lo) / (hi - lo))
        page.text(f"{v}%", x - page.px(4), gy, 11, anchor="midright")
    step = w / (len(pct) + 1)
    for k, v in enumerate(pct):
        cx = int(x + (k + 1) * step)
        cy = top + ph - int(ph * (np.clip(v, lo, hi) - lo) / (hi - lo))
        pygame.draw.circle(page.surf, BAR, (cx, cy), page.px(4))
    page.text(f"{len(pct)} samples of {S.ID8_SIZE} infants each", x + w // 2, top + ph + page.px(4), 12,
              anchor="midtop")
    page.para(note, x, top + ph + page.px(24), w, 11)


def render(n: int = S.N_SPREAD, seed: int = 2026) -> Page:
    """The figure as a :class:`~.report.Page` (``SIZE`` pixels)."""
    page = Page(dpi=DPI, size=SIZE)
    m = page.px(30)
    page.text("Simulated infants differ: the spread behind the means", m, m, 20, bold=True, color=INK)
    page.text(f"Seeded low-risk populations (N = {n:,} each, seed {seed}); every number is scored from simulated "
              "behaviour and latent state.", m, m + page.px(30), 12)
    ar = S.arousal_values(n, seed)
    sf = S.still_face_values(n, seed)
    sm = S.sample_values(seed)
    top = m + page.px(64)
    gap = page.px(46)
    w = (SIZE[0] - 2 * m - 2 * gap) // 3
    h = SIZE[1] - top - m
    _histogram(page, (m, top, w, h), ar["change"], -0.2, 0.6, 32,
               "Arousal change, play → still-face (6 mo)", "change in episode-mean latent arousal (0-1)",
               f"d_pool {ar['d_sf']:+.2f}, d_z {ar['dz_sf']:+.2f} (heart rate in Ritz et al. 2012: d 0.96). Many "
               "infants barely change; a reactive few rise far. The end bars hold the tails.")
    _bars(page, (m + w + gap, top, w, h), sf["pct"], "Still-face response styles (4 mo)",
          "Negatively engaged: crying ≥ 25% of the still-face; socially engaged: gaze ≥ 0.5; the rest "
          "disengaged. Crying is a minority response.")
    _samples(page, (m + 2 * (w + gap), top, w, h), sm["pct_b"], "%B in small samples (12 mo, best fit)",
             f"Median {sm['median']:.0f}%, SD {sm['sd']:.1f} points, range {sm['lo']:.0f}-{sm['hi']:.0f}%: "
             "a class of 30 can find far more or fewer secure infants than the population's share.")
    return page


def main(argv: list[str] | None = None) -> int:
    """Write the figure: ``python -m simulator.printout.spread [OUT.png]`` (default docs/spread.png)."""
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "docs" / "spread.png"
    atomic_write_bytes(out, render().png_bytes())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
