"""Charts: the live chart of the play scene and the whole-session timeline of the debrief.

Both read the session's per-step trajectory (``Session(record=True)``) and its event log, so they can
be rebuilt from the session at any time (after a restart, in a replay). Series use the Okabe-Ito
colours and each also has its own line style (solid, thick, dashed, dotted) and a legend, so colour is
never the only cue. The live chart is cached and redrawn only when a model step has been taken.
"""

from __future__ import annotations

import numpy as np
import pygame

from ...model.session import TRAJECTORY_COLUMNS
from .. import strings as S
from .. import theme
from ..widgets import mix, render, text

SERIES = ("positive_affect", "negative_affect", "gaze", "arousal")
_COL = {name: TRAJECTORY_COLUMNS.index(name) for name in SERIES}
_T = TRAJECTORY_COLUMNS.index("t")
_EP = TRAJECTORY_COLUMNS.index("episode")
STYLES = {"positive_affect": "solid", "negative_affect": "thick", "gaze": "dashed", "arousal": "dotted"}


def series_colour(palette, name: str):
    """The palette colour of a series."""
    return {"positive_affect": palette.positive, "negative_affect": palette.negative, "gaze": palette.gaze,
            "arousal": palette.arousal}[name]


def draw_series(surface: pygame.Surface, colour, pts: list, style: str, width: int, unit: float = 1.0) -> None:
    """A polyline in one of the four styles (dash lengths and dot spacing times ``unit``, the layout unit)."""
    if len(pts) < 2:
        return
    if style == "solid":
        pygame.draw.lines(surface, colour, False, pts, width)
    elif style == "thick":
        pygame.draw.lines(surface, colour, False, pts, width + 2)
    elif style == "dashed":
        # Dashes of about 8 design px with 6 px gaps, measured along x.
        seg: list = []
        on = True
        x0 = pts[0][0]
        dash, period = 8 * unit, 14 * unit
        for p in pts:
            phase = (p[0] - x0) % period
            now = phase < dash
            if now and on:
                seg.append(p)
            elif now and not on:
                seg = [p]
            else:
                if len(seg) >= 2:
                    pygame.draw.lines(surface, colour, False, seg, width)
                seg = []
            on = now
        if len(seg) >= 2:
            pygame.draw.lines(surface, colour, False, seg, width)
    else:  # dotted
        last = -99
        for p in pts:
            if p[0] - last >= 5 * unit:
                pygame.draw.circle(surface, colour, p, width)
                last = p[0]


def legend(surface: pygame.Surface, app, x: int, y: int, max_x: int, markers: bool = False) -> int:
    """The four series with their line styles (and, with ``markers``, the rupture and repair marks), flowing
    onto more rows when one is too narrow. (x, y) is the midleft of the first entry.

    Returns the y below the last row.
    """
    p = app.palette
    u = app.px
    f = app.font(theme.SIZE_TINY)
    x0 = x
    lh = f.get_linesize()
    for name in SERIES:
        label = S.SERIES[name]
        w = u(26) + u(6) + f.size(label)[0] + u(16)
        if x + w > max_x and x > x0:
            x, y = x0, y + lh
        draw_series(surface, series_colour(p, name), [(x + i, y) for i in range(0, u(27), 2)], STYLES[name],
                    app.px(p.line_width), app.u)
        text(surface, f, label, (x + u(32), y), p.ink_soft, anchor="midleft")
        x += w
    if markers:
        for kind, label in (("rupture", S.CHART_RUPTURE), ("repair", S.CHART_REPAIR)):
            w = u(18) + f.size(label)[0] + u(14)
            if x + w > max_x and x > x0:
                x, y = x0, y + lh
            marker(surface, kind, x + u(6), y, p, u(5))
            text(surface, f, label, (x + u(16), y), p.ink_soft, anchor="midleft")
            x += w
    return y + lh - lh // 2


def axis_labels(font: pygame.font.Font, ticks: list, top: int, lo: int, hi: int) -> list:
    """Where each time-axis label goes: ``ticks`` is [(x px, label)] left to right; each label is centred
    under its tick, or ends at it (starts at it) where centring would cut it at ``hi`` (``lo``), so no label
    is ever clipped; a label that would overlap the one before, or still not fit, is left out.
    Returns [(label, pygame.Rect)], every rect within lo..hi px."""
    out: list = []
    gap = max(2, font.size(" ")[0])
    last_right = lo - gap
    for x, label in ticks:
        r = pygame.Rect((0, 0), font.size(label))
        r.midtop = (x, top)
        if r.right > hi:
            r.topright = (x, top)
        if r.left < lo:
            r.topleft = (x, top)
        if r.left < lo or r.right > hi or r.left < last_right + gap:
            continue
        out.append((label, r))
        last_right = r.right
    return out


def marker(surface: pygame.Surface, kind: str, x: int, y: int, palette, size: int = 6) -> None:
    """A rupture (downward triangle) or a repair (upward triangle); shape, not only colour."""
    if kind == "rupture":
        pts = [(x - size, y - size), (x + size, y - size), (x, y + size)]
        pygame.draw.polygon(surface, palette.rupture, pts)
    else:
        pts = [(x - size, y + size), (x + size, y + size), (x, y - size)]
        pygame.draw.polygon(surface, palette.repair, pts)


class LiveChart:
    """The last ``window_s`` model seconds of the four series, with episode bands and markers.

    ``draw(surface, rect, session)`` blits a cached image, redrawn when the session has taken new steps,
    the rect changes, or the palette or text size changes.
    """

    def __init__(self, app, window_s: float = 90.0) -> None:
        self.app = app
        self.window_s = window_s
        self._cache: pygame.Surface | None = None
        self._key = None
        self._data = np.zeros((0, 1 + len(SERIES)))  # t and the four series, one row per model step
        self._n = 0
        self._sid = None

    def _sync(self, session) -> np.ndarray:
        """The series as an (n, 5) array, appended from the session's trajectory as it grows."""
        traj = session.trajectory
        if self._sid != id(session) or len(traj) < self._n:
            self._sid, self._n = id(session), 0
        if len(traj) > self._n:
            new = np.array([[r[_T]] + [r[_COL[name]] for name in SERIES] for r in traj[self._n:]], dtype=float)
            if self._n + len(new) > len(self._data):
                grown = np.zeros((max(2 * len(self._data), self._n + len(new), 1024), self._data.shape[1]))
                grown[: self._n] = self._data[: self._n]
                self._data = grown
            self._data[self._n: self._n + len(new)] = new
            self._n += len(new)
        return self._data[: self._n]

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, session) -> None:
        """Draw the chart for ``session`` into ``rect``."""
        key = (session.steps_taken, id(session), tuple(rect), self.app.palette.name, self.app.text_scale)
        if self._cache is None or key != self._key:
            self._cache = self._render(rect.size, session)
            self._key = key
        surface.blit(self._cache, rect.topleft)

    def _render(self, size, session) -> pygame.Surface:
        app = self.app
        p = app.palette
        u = app.px
        w, h = size
        surf = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
        surf.fill(p.panel)
        f = app.font(theme.SIZE_TINY)
        lw = u(p.line_width)
        # Header: the legend with the marker key, on as many rows as the width needs.
        head_bottom = legend(surf, app, u(12), u(5) + f.get_height() // 2, w - u(8), markers=True)
        axis_w = f.size("0.5")[0] + u(10)
        top = head_bottom + u(6)
        plot = pygame.Rect(axis_w, top, w - axis_w - u(10), h - top - f.get_linesize() - u(4))
        traj = session.trajectory
        t_now = session.t
        t0 = max(0.0, t_now - self.window_s)
        t1 = max(self.window_s, t_now)
        span = t1 - t0
        lane = u(14)  # the bottom of the plot holds the rupture and repair markers

        def X(t):
            return plot.x + int((t - t0) / span * plot.w)

        def Y(v):
            return plot.bottom - lane - int(v * (plot.h - lane - u(2)))

        # Episode bands from the event log.
        starts = [(ev.t, ev.episode) for ev in session.events if ev.kind == "episode_start"]
        titles = {ep.id: ep.title for ep in session.scenario.episodes}
        band_labels: list = []
        for k, (ts, eid) in enumerate(starts):
            te = starts[k + 1][0] if k + 1 < len(starts) else t1
            if te < t0:
                continue
            xa, xb = max(plot.x, X(ts)), min(plot.right, X(te))
            idx = session.episode_ids.index(eid) if eid in session.episode_ids else k
            pygame.draw.rect(surf, p.band_a if idx % 2 == 0 else p.band_b, (xa, plot.y, max(0, xb - xa), plot.h))
            band_labels.append((titles.get(eid, eid), _episode_number(session, eid), xa, xb))
            if X(ts) >= plot.x:
                pygame.draw.line(surf, p.line, (X(ts), plot.y), (X(ts), plot.bottom), max(1, u(1)))
        # Grid and axis labels.
        pygame.draw.line(surf, p.line, (plot.x, plot.bottom - lane), (plot.right, plot.bottom - lane), 1)
        for v in (0.0, 0.5, 1.0):
            y = Y(v)
            pygame.draw.line(surf, mix(p.line, p.panel, 0.4), (plot.x, y), (plot.right, y), 1)
            text(surf, f, f"{v:g}", (plot.x - u(5), y), p.ink_soft, anchor="midright")
        step_s = 30 if span <= 120 else 60
        tick = int(t0 // step_s + 1) * step_s
        ticks = []
        while tick < t1:
            m, sec = divmod(int(tick), 60)
            ticks.append((X(tick), f"{m}:{sec:02d}"))
            tick += step_s
        for label, r in axis_labels(f, ticks, plot.bottom + u(2), u(2), w - u(2)):
            text(surf, f, label, r.topleft, p.ink_soft, anchor="topleft")
        # Series (vectorised: the chart is redrawn at every model step).
        data = self._sync(session)
        i0 = int(np.searchsorted(data[:, 0], t0)) if len(data) else 0
        rows = data[max(0, i0 - 1):]
        stride = max(1, len(rows) // max(1, plot.w // 2))
        rows = rows[::stride]
        if len(rows):
            xs = (plot.x + (rows[:, 0] - t0) / span * plot.w).astype(int).tolist()
            for k, name in enumerate(SERIES):
                v = np.clip(rows[:, 1 + k], 0.0, 1.0)
                ys = (plot.bottom - lane - v * (plot.h - lane - u(2))).astype(int).tolist()
                draw_series(surf, series_colour(p, name), list(zip(xs, ys)), STYLES[name], lw, app.u)
        # Episode names on top of the lines, on a paper-coloured tab; a narrow band shows the episode's number.
        for label, number, xa, xb in band_labels:
            room = xb - xa - u(12)
            shown = label if f.size(label)[0] <= room else number if f.size(number)[0] <= room else None
            if shown is None:
                continue
            img = render(f, shown, p.ink_soft)
            tab = img.get_rect(topleft=(xa + u(4), plot.y + u(2))).inflate(u(6), 0)
            pygame.draw.rect(surf, p.panel, tab, border_radius=u(3))
            surf.blit(img, (tab.x + u(3), tab.y))
        # A "now" line at the right edge of the data.
        if traj:
            pygame.draw.line(surf, p.ink_faint, (X(t_now), plot.y), (X(t_now), plot.bottom), max(1, u(1)))
        # Rupture and repair markers along the bottom of the plot.
        for ev in session.events:
            if ev.kind in ("rupture", "repair") and ev.t >= t0:
                marker(surf, ev.kind, X(ev.t), plot.bottom - lane // 2, p, max(3, lane * 5 // 14))
        pygame.draw.rect(surf, p.line, plot, width=1)
        return surf


#: Bin widths (model seconds) tried for the debrief's rupture and repair strip: the first that is at least
#: MARK_BIN_MIN_PX wide on the timeline is used, so one block never crowds the next.
MARK_BINS_S = (5, 10, 15, 20, 30, 60, 120, 300)
MARK_BIN_MIN_PX = 8  # px: the narrowest bin (its block is 2 px narrower)
MARK_LANE_H = 30  # px: height of the strip (repairs above its middle line, ruptures below)
MARK_BLOCK_H = 4  # px: height of one event's block while a bin's events fit the strip; shorter beyond that


def event_bins(session, total_s: float, width_px: int):
    """Ruptures and repairs counted per time bin for a timeline ``width_px`` wide showing ``total_s`` seconds.

    Returns (bin seconds, rupture counts, repair counts), the counts as lists of ints, one per bin from t = 0.
    """
    total_s = max(float(total_s), 1e-6)
    bin_s = next((b for b in MARK_BINS_S if b / total_s * width_px >= MARK_BIN_MIN_PX), MARK_BINS_S[-1])
    n = max(1, int(np.ceil(total_s / bin_s - 1e-9)))
    rup, rep = [0] * n, [0] * n
    for ev in session.events:
        if ev.kind in ("rupture", "repair"):
            k = min(n - 1, max(0, int(ev.t // bin_s)))
            (rup if ev.kind == "rupture" else rep)[k] += 1
    return bin_s, rup, rep


def strip_blocks(lane: pygame.Rect, x_of_t, bin_s: float, rup: list, rep: list) -> list:
    """The blocks of the rupture and repair strip: a list of (kind, rect).

    Repairs stack upward from the lane's middle line and ruptures downward, one block per event, with a
    1 px gap between blocks and between bins. When a bin holds more events than fit at MARK_BLOCK_H, every
    block in the strip gets shorter (down to 1 px, without gaps); beyond even that, each bin gets one bar
    whose height is its count over the largest count. Nothing ever leaves the lane.
    """
    mid = lane.centery
    half = lane.h // 2 - 1
    most = max(max(rup, default=0), max(rep, default=0), 1)
    unit = min(MARK_BLOCK_H + 1, half // most)  # px per event: block height plus its 1 px gap
    out = []
    for k, (nr, np_) in enumerate(zip(rup, rep)):
        xa, xb = x_of_t(k * bin_s) + 1, x_of_t((k + 1) * bin_s) - 1
        w = max(1, xb - xa)
        for kind, n, up in (("repair", np_, True), ("rupture", nr, False)):
            if n == 0:
                continue
            if unit >= 1:  # one block per event
                h = unit - 1 if unit >= 2 else 1
                for j in range(n):
                    y = mid - (j + 1) * unit if up else mid + 1 + j * unit
                    out.append((kind, pygame.Rect(xa, y, w, h)))
            else:  # too many to count: one bar per bin
                h = max(1, round(half * n / most))
                out.append((kind, pygame.Rect(xa, mid - h if up else mid + 1, w, h)))
    return out


def strip_key(surface: pygame.Surface, app, x: int, y: int, bin_s: float) -> pygame.Rect:
    """The key of the strip in one line ("repair above, rupture below, one block each per 10 s") at (x, y) midleft."""
    p = app.palette
    u = app.px
    f = app.font(theme.SIZE_TINY)
    pygame.draw.rect(surface, p.repair, (x, y - u(5), u(8), u(4)))
    pygame.draw.line(surface, p.ink_faint, (x - u(2), y), (x + u(10), y), 1)
    pygame.draw.rect(surface, p.rupture, (x, y + u(2), u(8), u(4)))
    r = text(surface, f, S.CHART_STRIP_KEY.format(s=bin_s), (x + u(16), y), p.ink_soft, anchor="midleft")
    return pygame.Rect(x - u(2), r.y, r.right - x + u(2), r.h)


#: Caregiver action groups of the timeline's caregiver strip (contract ids). Colours: theme.ACTION_GROUP_COLOURS;
#: labels: strings.CHART_ACTION_GROUPS.
ACTION_GROUPS = (
    ("play", ("smile", "coo", "mirror", "play", "offer_toy")),
    ("comfort", ("touch", "hold", "soothe", "validate", "make_amends", "return_greet")),
    ("wait", ("wait",)),
    ("still", ("still_face", "phone", "ignore")),
    ("intrusive", ("intrude", "harsh")),
    ("leave", ("leave", "leave_with_goodbye")),
)
GROUP_OF = {a: g for g, ids in ACTION_GROUPS for a in ids}
_ACT = TRAJECTORY_COLUMNS.index("caregiver_action")
_MATCHED = TRAJECTORY_COLUMNS.index("matched")
CAREGIVER_STRIP_H = 14  # design px: the caregiver strip's bars and, under them, the matched ticks


def timeline_chrome_height(app, session, show_choices: bool = True, axes: bool = False,
                           caregiver: bool = False) -> int:
    """The height :func:`draw_timeline` uses besides its plot (labels, strips, axis): a caller that wants a plot
    ``h`` px tall gives a rect ``h + timeline_chrome_height(...)`` tall."""
    return sum(_timeline_rows(app, session, show_choices, axes, caregiver))


def _timeline_rows(app, session, show_choices: bool, axes: bool, caregiver: bool) -> tuple[int, ...]:
    """(top labels, the strip and its gap, caregiver strip and its gap, time axis, choice labels) heights."""
    u = app.px
    f = app.font(theme.SIZE_TINY)
    lane_h = max(u(MARK_LANE_H), 2 * f.get_linesize())  # the gutter's two labels fit beside the strip
    choices = show_choices and bool(session.learner_actions)
    return (f.get_linesize() + u(8), lane_h + u(4), (u(CAREGIVER_STRIP_H) + u(4)) if caregiver else 0,
            (f.get_linesize() + u(4)) if axes else 0, f.get_linesize() + u(8) if choices else u(6))


def draw_timeline(surface: pygame.Surface, app, rect: pygame.Rect, session, show_choices: bool = True,
                  t_max: float | None = None, axes: bool = False, caregiver: bool = False) -> float:
    """The whole session: episode bands (curtailed and extended marked), the series, the rupture and repair
    strip and the learner's choices. Returns the strip's bin width in seconds (for its key).

    Ruptures and repairs are counted per bin (see :func:`event_bins`) and drawn as one block per event in a
    strip under the plot, labelled in a gutter on the left, so they never pile into an unreadable band.
    ``t_max`` (s) sets the time scale (two sessions compared on one page share it; default the session's
    length). ``axes`` adds the 0-1 scale beside the plot and a time axis in minutes; ``caregiver`` adds the
    caregiver's actions by group (:data:`ACTION_GROUPS`) in a strip under the events, with a tick under each
    matched step (the printed report draws both).
    """
    p = app.palette
    u = app.px
    f = app.font(theme.SIZE_TINY)
    gf = f
    pygame.draw.rect(surface, p.panel, rect, border_radius=u(10))
    gutter = max(gf.size(S.CHART_REPAIRS)[0], gf.size(S.CHART_RUPTURES)[0]) + u(20)
    if caregiver:
        gutter = max(gutter, gf.size(S.CHART_CAREGIVER)[0] + u(12))
    choices = show_choices and bool(session.learner_actions)
    top, lane_row, cg_row, axis_row, bottom = _timeline_rows(app, session, show_choices, axes, caregiver)
    lane_h = lane_row - u(4)
    plot = pygame.Rect(rect.x + u(12) + gutter, rect.y + top, rect.w - u(24) - gutter,
                       rect.h - top - lane_row - cg_row - axis_row - bottom)
    lane = pygame.Rect(plot.x, plot.bottom + u(4), plot.w, lane_h)
    total = max(t_max or session.t, 1.0)

    def X(t):
        return plot.x + int(t / total * plot.w)

    def Y(v):
        return plot.bottom - int(v * plot.h)

    starts = [(ev.t, ev.episode) for ev in session.events if ev.kind == "episode_start"]
    ends = {}
    for ev in session.events:
        if ev.kind in ("curtailed", "episode_end"):
            ends[ev.episode] = ev.kind
    extended = {ev.episode for ev in session.events if ev.kind == "extended"}
    titles = {ep.id: ep.title for ep in session.scenario.episodes}
    for k, (ts, eid) in enumerate(starts):
        te = starts[k + 1][0] if k + 1 < len(starts) else max(session.t, 1.0)
        xa, xb = X(ts), X(te)
        band = p.band_a if k % 2 == 0 else p.band_b
        pygame.draw.rect(surface, band, (xa, plot.y, xb - xa, plot.h))
        pygame.draw.rect(surface, band, (xa, lane.y, xb - xa, lane.h))
        label = titles.get(eid, eid)
        if ends.get(eid) == "curtailed":
            label = S.DEBRIEF_CURTAILED_MARK.format(length=label)
        elif eid in extended:
            label = S.DEBRIEF_EXTENDED_MARK.format(length=label)
        colour = p.warn if ends.get(eid) == "curtailed" else p.ink_soft
        # A narrow band drops the mark (the colour and the episode table keep it), then the title.
        width = max(10, xb - xa - u(6))
        for candidate in (label, titles.get(eid, eid), _episode_number(session, eid)):
            if f.size(candidate)[0] <= width:
                label = candidate
                break
        if f.size(label)[0] <= width:  # a band too narrow even for its number shows none (the table lists them)
            text(surface, f, label, ((xa + xb) // 2, rect.y + u(5)), colour, anchor="midtop")
        pygame.draw.line(surface, p.line, (xa, plot.y), (xa, lane.bottom - 1), 1)
    if axes:  # the 0-1 scale: grid lines and their values in the gutter
        for v in (0.25, 0.5, 0.75):
            pygame.draw.line(surface, p.line, (plot.x, Y(v)), (plot.right - 1, Y(v)), 1)
        for v in (0.0, 0.5, 1.0):
            text(surface, f, f"{v:g}", (plot.x - u(5), min(max(Y(v), plot.y + f.get_height() // 2),
                                                             plot.bottom - f.get_height() // 2)),
                 p.ink_soft, anchor="midright")
        text(surface, f, S.CHART_LEVEL, (rect.x + u(8), plot.y), p.ink_soft, anchor="topleft")
    traj = session.trajectory
    stride = max(1, len(traj) // max(1, plot.w))
    rows = traj[::stride]
    if rows:
        xs = [X(r[_T]) for r in rows]
        for name in SERIES:
            c = _COL[name]
            pts = [(xs[k], Y(min(1.0, max(0.0, float(r[c]))))) for k, r in enumerate(rows)]
            draw_series(surface, series_colour(p, name), pts, STYLES[name], max(1, u(p.line_width - 1)), app.u)
    pygame.draw.rect(surface, p.line, plot, width=1)
    # Ruptures and repairs: one block per event, per bin, repairs above the middle line and ruptures below.
    bin_s, rup, rep = event_bins(session, total, plot.w)
    pygame.draw.line(surface, p.ink_faint, (lane.x, lane.centery), (lane.right - 1, lane.centery), 1)
    for kind, block in strip_blocks(lane, X, bin_s, rup, rep):
        pygame.draw.rect(surface, p.repair if kind == "repair" else p.rupture, block)
    pygame.draw.rect(surface, p.line, lane, width=1)
    gx = plot.x - u(8)
    half = gf.get_linesize() // 2
    for kind, label, y in (("repair", S.CHART_REPAIRS, lane.centery - half), ("rupture", S.CHART_RUPTURES,
                                                                             lane.centery + half)):
        text(surface, gf, label, (gx - u(12), y), p.ink_soft, anchor="midright")
        marker(surface, kind, gx - u(4), y, p, u(4))
    y_next = lane.bottom + u(4)
    if caregiver:
        strip = pygame.Rect(plot.x, y_next, plot.w, u(CAREGIVER_STRIP_H))
        _caregiver_strip(surface, app, strip, traj, X)
        text(surface, gf, S.CHART_CAREGIVER, (plot.x - u(8), strip.centery), p.ink_soft, anchor="midright")
        y_next = strip.bottom + u(4)
    if axes:  # minutes under everything, labelled in the gutter
        minutes = total / 60.0
        step = 0.5 if minutes <= 4 else 1 if minutes <= 10 else 2 if minutes <= 24 else 5
        m, ticks = 0.0, []
        while m <= minutes + 1e-9:
            x = X(m * 60)
            pygame.draw.line(surface, p.ink_faint, (x, y_next - u(3)), (x, y_next), 1)
            ticks.append((x, f"{m:g}"))
            m += step
        for label, r in axis_labels(f, ticks, y_next, rect.x, rect.right):
            text(surface, f, label, r.topleft, p.ink_soft, anchor="topleft")
        text(surface, f, S.CHART_MINUTES, (plot.x - u(8), y_next), p.ink_soft, anchor="topright")
    if choices:
        last_right = -999
        if axes:  # the row of choices is named in the gutter, and each choice is ticked on it too
            text(surface, gf, S.CHART_CHOICES, (plot.x - u(8), rect.bottom - u(4)), p.accent, anchor="bottomright")
        marks = [X(a["t"]) for a in session.learner_actions] + [rect.right - u(4)]
        for k, a in enumerate(session.learner_actions):
            x = X(a["t"])
            pygame.draw.line(surface, p.accent, (x, plot.y), (x, plot.y + u(8)), max(2, u(2)))
            if axes:
                pygame.draw.line(surface, p.accent, (x, rect.bottom - bottom), (x, rect.bottom - u(4)), max(1, u(1)))
            # Each choice's name under its mark, whole, where it does not run into the one before (the marks
            # themselves are all drawn; the Play scene's list has every choice).
            label = S.ACTION_LABELS.get(a["action"], a["action"])
            lw = f.size(label)[0]
            if axes:  # beside its tick, where it fits before the next
                if x + u(3) > last_right + u(6) and x + u(3) + lw <= min(marks[k + 1] - u(3), rect.right - u(4)):
                    text(surface, f, label, (x + u(3), rect.bottom - u(4)), p.accent, anchor="bottomleft")
                    last_right = x + u(3) + lw
                continue
            lx = min(max(x, rect.x + u(4) + lw // 2), rect.right - u(4) - lw // 2)
            if lx - lw // 2 > last_right + u(12):
                text(surface, f, label, (lx, rect.bottom - u(4)), p.accent, anchor="midbottom")
                last_right = lx + lw // 2
    return bin_s


def _caregiver_strip(surface: pygame.Surface, app, strip: pygame.Rect, traj: list, X) -> None:
    """The caregiver's action group at each step as coloured runs (blank: away), ticks under matched steps."""
    p = app.palette
    bar = pygame.Rect(strip.x, strip.y, strip.w, strip.h * 2 // 3)
    tick_y0, tick_y1 = bar.bottom + 1, strip.bottom - 1
    run_group, run_x = None, strip.x
    step_s = (traj[1][_T] - traj[0][_T]) if len(traj) > 1 else 0.25
    for r in list(traj) + [None]:
        g = GROUP_OF.get(r[_ACT]) if r is not None else None
        x = X(r[_T] - step_s) if r is not None else X(traj[-1][_T]) if traj else strip.x
        if g != run_group or r is None:
            if run_group is not None:
                pygame.draw.rect(surface, theme.ACTION_GROUP_COLOURS[run_group], (run_x, bar.y, max(1, x - run_x), bar.h))
            run_group, run_x = g, x
        if r is not None and r[_MATCHED] == 1:
            pygame.draw.line(surface, p.ink, (X(r[_T]), tick_y0), (X(r[_T]), tick_y1), 1)
    pygame.draw.rect(surface, p.line, bar, width=1)


def action_key(surface: pygame.Surface, app, x: int, y: int, max_x: int) -> int:
    """The key of the caregiver strip ("Caregiver: [] play: smile, ..."), flowing onto more rows when one is
    too narrow. (x, y) is the midleft of the first entry; returns the y below the last row."""
    p = app.palette
    u = app.px
    f = app.font(theme.SIZE_TINY)
    fb = app.font(theme.SIZE_TINY, bold=True)
    lh = f.get_linesize()
    r = text(surface, fb, S.CHART_ACTIONS_KEY, (x, y), p.ink, anchor="midleft")
    x0, cx = x + u(14), r.right + u(8)
    for gid, _ in ACTION_GROUPS:
        label = S.CHART_ACTION_GROUPS[gid]
        w = u(14) + u(5) + f.size(label)[0] + u(14)
        if cx + w > max_x and cx > x0:
            cx, y = x0, y + lh
        pygame.draw.rect(surface, theme.ACTION_GROUP_COLOURS[gid], (cx, y - u(5), u(14), u(10)))
        text(surface, f, label, (cx + u(19), y), p.ink, anchor="midleft")
        cx += w
    return y + lh - lh // 2


def _episode_number(session, eid: str) -> str:
    """The episode's number as text ("6"), or its id when the scenario does not list it."""
    try:
        return str(session.scenario.episode_index(eid) + 1)
    except KeyError:
        return eid
