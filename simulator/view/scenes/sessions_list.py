"""Saved sessions: the list (date, scenario, infant and caregiver, result), with open, replay, export and delete.

Home opens it by name from its "Saved sessions" button. Rows come from
:func:`simulator.sessions.list_sessions`; an unreadable file (truncated, corrupt, unknown version) is
listed with its one-line reason and is never modified. Rows name things as a person would: the
scenario's title, the infant's care history and who played the caregiver, never the ids in the file.
Open shows the Debrief of the replayed session, Replay opens the replay scene, Export writes the report
PNG, the per-step CSV and the session JSON into the debrief's save folder (new names, never overwriting),
Delete asks first.

Laid out from the window and the text size: every row is as tall as its longest wrapped cell, as many rows
as fit are shown (the wheel, Up/Down and Page Up/Down move through the rest, with "1-9 of 14" shown), and
the buttons wrap onto a second row when they do not fit one.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ...model.scenario import ScenarioError, load_scenario
from .. import strings as S
from .. import theme
from ..scene import Scene
from ..widgets import (Button, FocusGroup, bottom_button_rows, draw_header, draw_hints, header_height, mix,
                       paragraph_full, paragraph_height, text, wrap)

#: Rows per page in the 1280x720 design at the normal text size (the real count follows the window and text).
ROWS = 9
BUTTON_FONT = 16  # design size of the buttons' labels
#: Column widths as shares of the table (date, scenario, infant and caregiver, result).
COL_SHARES = (0.15, 0.27, 0.30, 0.28)


def _data_dir_of(app):
    return getattr(app, "data_dir", None)


def _mmss(t: float) -> str:
    return S.SESSIONS_TIME.format(m=int(t // 60), s=int(t % 60))


_TITLES: dict[str, str] = {}


def scenario_title(scenario_id: str) -> str:
    """The scenario's own title for an id in a session file (the scenario file's title; a scenario no longer on
    disk is named by its id in words)."""
    if scenario_id not in _TITLES:
        try:
            _TITLES[scenario_id] = load_scenario(scenario_id).title
        except ScenarioError:
            _TITLES[scenario_id] = scenario_id.replace("_", " ").capitalize()
    return _TITLES[scenario_id]


def who_line(infant: str, caregiver: str, learner: bool) -> str:
    """The infant's care history and who played the caregiver, in words, from a session file's infant preset
    id, caregiver policy id and learner flag (the ids themselves are never shown)."""
    history = S.SESSIONS_INFANT.get(infant, S.SESSIONS_INFANT_OTHER)
    who = S.SESSIONS_YOU_PLAYED if learner else S.SESSIONS_WATCHED.format(
        caregiver=S.CAREGIVER_NAMES.get(caregiver, S.CAREGIVER_OTHER))
    return S.SESSIONS_WHO.format(infant=history, who=who)


class SessionsScene(Scene):
    """The list of saved sessions."""

    name = "sessions"

    def __init__(self, app, folder: str | Path | None = None) -> None:
        super().__init__(app)
        from ...sessions.store import sessions_dir
        self.folder = Path(folder) if folder else sessions_dir(_data_dir_of(app))
        self.rows = []
        self.top = 0
        self.selected = 0
        self.shown = ROWS  # rows that fit the table at this window and text size (set by relayout)
        self.message = ""
        self.message_ok = True
        self.pending = None  # (callable, row): run after one frame so "Replaying..." is shown first
        self.pending_frames = 0
        self.marked = None  # path of the row marked as A for a two-file compare
        self.group = FocusGroup(app)
        self.refresh()

    # --- data ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the folder again (never writes)."""
        from ...sessions.store import list_sessions
        self.rows = list_sessions(self.folder)
        self.selected = min(self.selected, max(0, len(self.rows) - 1))
        self.relayout()

    @property
    def current(self):
        """The selected row, or None."""
        return self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None

    # --- layout -------------------------------------------------------------------------------------------
    def _cells(self, k: int) -> list[tuple[str, bool, object]]:
        """Row ``k``'s cells as (text, bold, colour name), one per column; an unreadable file has its reason
        across the last three."""
        r = self.rows[k]
        if not r.ok:
            return [(r.date or "?", False, "ink"), (S.SESSIONS_UNREADABLE.format(message=r.message), True, "warn")]
        result = r.summary
        if self.marked is not None and r.path == self.marked:
            result = f"{result}\n{S.SESSIONS_MARKED}" if result else S.SESSIONS_MARKED
        elif not r.finished:
            tag = S.SESSIONS_UNFINISHED.format(t=_mmss(r.t_s))
            result = f"{result}\n{tag}" if result else tag
        return [(r.date or "?", False, "ink"), (scenario_title(r.scenario), True, "ink"),
                (who_line(r.infant, r.caregiver, r.learner), False, "ink"),
                (result, False, "ink")]

    def _col_widths(self) -> list[int]:
        w = self.table.w - 2 * self.app.px(12)
        widths = [int(w * s) for s in COL_SHARES]
        widths[-1] = w - sum(widths[:-1])
        return widths

    def _cell_widths(self, k: int) -> list[int]:
        gap = self.app.px(12)
        cols = self._col_widths()
        if self.rows[k].ok:
            return [c - gap for c in cols]
        return [cols[0] - gap, sum(cols[1:]) - gap]

    def _row_height(self) -> int:
        """The height (px) of every row: the tallest wrapped cell of the rows on file, at least two lines."""
        app = self.app
        f, fb = app.font(theme.SIZE_SMALL), app.font(theme.SIZE_SMALL, bold=True)
        lines = 2
        for k in range(len(self.rows)):
            for (s, bold, _), w in zip(self._cells(k), self._cell_widths(k)):
                lines = max(lines, len(wrap(fb if bold else f, s, w)))
        return lines * f.get_linesize() + app.px(12)

    def relayout(self) -> None:
        """The table from the header to the message line, the rows as focusable buttons, then the actions."""
        app = self.app
        lay = app.layout
        u = app.px
        left = lay.x(40)
        width = lay.w - 2 * left
        row = self.current
        ok = row is not None and row.ok
        entries = [dict(label=S.SESSIONS_OPEN, on_click=self.open, key=pygame.K_o, key_label="O", ident="open",
                        locked=not ok, style="primary"),
                   dict(label=S.SESSIONS_REPLAY, on_click=self.replay, key=pygame.K_r, key_label="R", ident="replay",
                        locked=not ok),
                   dict(label=S.SESSIONS_COMPARE, on_click=self.compare, key=pygame.K_c, key_label="C",
                        ident="compare", locked=not ok),
                   dict(label=S.SESSIONS_MARK, on_click=self.toggle_mark, key=pygame.K_m, key_label="M", ident="mark",
                        locked=not ok),
                   dict(label=S.SESSIONS_EXPORT, on_click=self.export, key=pygame.K_x, key_label="X", ident="export",
                        locked=not ok),
                   dict(label=S.SESSIONS_DELETE, on_click=self.ask_delete, key=pygame.K_DELETE, key_label="Del",
                        ident="delete", locked=row is None),
                   dict(label=S.SESSIONS_BACK, on_click=self.close, key_label="Esc", ident="back", style="quiet")]
        items, first_y = bottom_button_rows(app, entries, left, width, BUTTON_FONT)
        mf = app.font(theme.SIZE_SMALL, bold=True)
        self.message_y = first_y - u(8) - (paragraph_height(mf, self.message, width) if self.message
                                           else mf.get_linesize())
        top = header_height(app, S.SESSIONS_TITLE, S.SESSIONS_SUBTITLE.format(folder=self.folder)) + u(14)
        self.head_h = app.font(theme.SIZE_SMALL, bold=True).get_linesize() + u(12)
        self.table = pygame.Rect(left, top, width, max(0, self.message_y - u(6) - top))
        self.row_h = self._row_height()
        self.shown = max(1, (self.table.h - self.head_h) // (self.row_h + u(4)))
        self.top = max(0, min(self.top, len(self.rows) - self.shown))
        if self.selected < self.top:
            self.top = self.selected
        elif self.selected >= self.top + self.shown:
            self.top = self.selected - self.shown + 1
        rows = []
        for k in range(self.top, min(len(self.rows), self.top + self.shown)):
            y = self.table.y + self.head_h + (k - self.top) * (self.row_h + u(4))
            rows.append(Button((self.table.x, y, self.table.w, self.row_h), self.rows[k].name,
                               lambda k=k: self.select(k, True), painter=self._row_painter(k), ident=f"row:{k}"))
        self.group.set(rows + items)

    def _row_painter(self, k: int):
        def paint(surface, rect, app, state):
            p = app.palette
            u = app.px
            sel = k == self.selected
            fill = mix(p.panel, p.accent, 0.12) if sel else (mix(p.panel, p.accent, 0.05) if state["hover"]
                                                              else (p.panel if k % 2 == 0 else p.panel_alt))
            pygame.draw.rect(surface, fill, rect, border_radius=u(8))
            if sel:
                pygame.draw.rect(surface, p.accent, rect, width=max(2, u(2)), border_radius=u(8))
            f, fb = app.font(theme.SIZE_SMALL), app.font(theme.SIZE_SMALL, bold=True)
            lh = f.get_linesize()
            for (s, bold, colour), w, x in zip(self._cells(k), self._cell_widths(k), self._col_xs()):
                font = fb if bold else f
                y = rect.centery - (len(wrap(font, s, w)) * lh) // 2
                paragraph_full(surface, font, s, x, y, w, getattr(p, colour), line_gap=2)
        return paint

    def _col_xs(self) -> list[int]:
        """The left edges (px) of the columns."""
        xs, x = [], self.table.x + self.app.px(12)
        for w in self._col_widths():
            xs.append(x)
            x += w
        return xs

    # --- actions ------------------------------------------------------------------------------------------
    def select(self, k: int, activate: bool = False) -> None:
        """Select row ``k`` (a second click on the selected row opens it)."""
        if not 0 <= k < len(self.rows):
            return
        again = k == self.selected
        self.selected = k
        self.relayout()
        self.group.focus(f"row:{k}")
        if activate and again:
            self.open()  # an unreadable file says why instead

    def _later(self, fn, label: str) -> None:
        row = self.current
        if row is None:
            return
        if not row.ok:
            self._say(S.SESSIONS_UNREADABLE.format(message=row.message), False)
            return
        self._say(S.SESSIONS_WORKING.format(name=scenario_title(row.scenario)), True)
        self.pending = (fn, row)
        self.pending_frames = 2  # this frame draws "Replaying...", the next one does the work

    def _say(self, message: str, ok: bool) -> None:
        """Show a one-off message above the buttons (the table gives it room)."""
        self.message = message
        self.message_ok = ok
        self.relayout()

    def open(self) -> None:
        """The Debrief of the selected session (replayed exactly from the file)."""
        self._later(self._open, "open")

    def _open(self, row) -> None:
        from ...printout.documents import run_from_file
        from ...sessions.store import clean_prediction
        run = run_from_file(row.path)
        self.message = ""
        if run.differences:
            self._say(S.SESSIONS_STALE, False)
        self.app.open("debrief", run.session, prediction=clean_prediction(run.data.get("prediction"), run.scenario))

    def replay(self) -> None:
        """Watch the session again (pause, seek to episode, speed)."""
        self._later(self._replay, "replay")

    def _replay(self, row) -> None:
        from ...sessions.store import load_session
        data = load_session(row.path)
        self.message = ""
        self.app.open("replay", data, row.path)

    def toggle_mark(self) -> None:
        """Mark (or unmark) the selected session as A for a two-file compare."""
        row = self.current
        if row is None or not row.ok:
            return
        self.marked = None if self.marked == row.path else row.path
        self.relayout()

    def compare(self) -> None:
        """Compare: the marked session (A) with the selected one (B); else the selected session with the
        same infant and seed under another caregiver policy (V cycles it in the compare screen)."""
        self._later(self._compare, "compare")

    def _compare(self, row) -> None:
        from ...printout.documents import run_from_file
        if self.marked is not None and self.marked != row.path and self.marked.exists():
            a, b = run_from_file(self.marked), run_from_file(row.path)
            self.message = ""
            self.app.open("compare", a, b)
        else:
            from ...sessions.store import load_session
            d = load_session(row.path)
            policy = "sensitive" if d.get("caregiver") == "phone" and not d.get("learner") else "phone"
            self.message = ""
            self.app.open("compare_policy", row.path, policy)

    def export(self) -> None:
        """Write the report PNG, the CSV and the JSON into the save folder (new names, no overwrite)."""
        self._later(self._export, "export")

    def _export(self, row) -> None:
        from ...printout.documents import run_from_file, write_report
        from ...sessions.store import export_dir, safe_name, unique_path
        folder = export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stem = safe_name(row.path.stem, 80)
        png = unique_path(folder, f"{stem}_report.png")
        base = png.with_suffix("")
        run = run_from_file(row.path)
        write_report(run, png, base.with_suffix(".csv"), base.with_suffix(".json"))
        self._say(S.SESSIONS_EXPORTED.format(png=png.name, folder=folder), True)

    def ask_delete(self) -> None:
        """Ask before deleting the selected file."""
        row = self.current
        if row is None:
            return
        name = f"{scenario_title(row.scenario)}, {row.date}" if row.ok else row.name
        self.app.push(ConfirmScene(self.app, S.SESSIONS_CONFIRM.format(name=name), lambda: self._delete(row, name)))

    def _delete(self, row, name: str) -> None:
        from ...sessions.store import SessionFileError, delete_session
        try:
            delete_session(row.path, self.folder)
            self._say(S.SESSIONS_DELETED.format(name=name), True)
        except SessionFileError as exc:
            self._say(S.SESSIONS_FAILED.format(error=exc), False)
        self.refresh()

    # --- scene hooks --------------------------------------------------------------------------------------
    def resume(self) -> None:
        self.refresh()

    def update(self, dt: float) -> None:
        if self.pending is None:
            return
        self.pending_frames -= 1
        if self.pending_frames <= 0:
            fn, row = self.pending
            self.pending = None
            try:
                fn(row)
            except Exception as exc:  # noqa: BLE001 - a bad file must never crash the app
                msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                self._say(S.SESSIONS_FAILED.format(error=msg), False)

    def process_event(self, event):
        if self.pending is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return None  # busy for a moment
        foc = self.group.focused
        on_row = foc is None or foc.ident.startswith("row:")
        if event.type == pygame.KEYDOWN and self.rows:
            page = self.shown
            step = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page}.get(event.key)
            if step is not None and (on_row or event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP)):
                if event.key == pygame.K_UP and self.selected == 0:
                    return None
                if event.key == pygame.K_DOWN and self.selected == len(self.rows) - 1:
                    self.group.focus("open")  # on to the buttons
                    return None
                self.select(max(0, min(len(self.rows) - 1, self.selected + step)))
                return None
        if event.type == pygame.MOUSEWHEEL and len(self.rows) > self.shown:
            self.top = max(0, min(len(self.rows) - self.shown, self.top - int(getattr(event, "y", 0))))
            self.selected = min(max(self.selected, self.top), self.top + self.shown - 1)
            self.relayout()
            return None
        event = self.group.process_event(event)
        foc = self.group.focused
        if foc is not None and foc.ident.startswith("row:") and int(foc.ident[4:]) != self.selected:
            self.selected = int(foc.ident[4:])
            self.relayout()
        if event is None:
            return None
        return self.close_on_back(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        draw_header(surface, app, S.SESSIONS_TITLE, S.SESSIONS_SUBTITLE.format(folder=self.folder))
        hf = app.font(theme.SIZE_SMALL, bold=True)
        t = self.table
        for label, x in zip(S.SESSIONS_HEAD, self._col_xs()):
            text(surface, hf, label, (x, t.y + u(4)), p.ink_soft)
        pygame.draw.line(surface, p.line, (t.x, t.y + self.head_h - u(4)), (t.right, t.y + self.head_h - u(4)),
                         max(2, u(2)))
        if not self.rows:
            paragraph_full(surface, app.font(theme.SIZE_BODY), S.SESSIONS_EMPTY, t.x + u(12), t.y + self.head_h + u(12),
                           t.w - u(24), p.ink_soft)
        self.group.draw(surface)
        if len(self.rows) > self.shown:
            rng = S.SESSIONS_RANGE.format(first=self.top + 1, last=min(len(self.rows), self.top + self.shown),
                                          n=len(self.rows))
            text(surface, app.font(theme.SIZE_SMALL, bold=True), rng, (t.right, t.y + u(4)), p.accent,
                 anchor="topright")
        if self.message:
            paragraph_full(surface, app.font(theme.SIZE_SMALL, bold=True), self.message, t.x, self.message_y, t.w,
                           p.ok if self.message_ok else p.warn)
        draw_hints(surface, app, S.SESSIONS_HINTS)


class ConfirmScene(Scene):
    """A yes/no dialog over the scene below. Enter or Y confirms; Esc or N cancels."""

    overlay = True
    name = "confirm"

    def __init__(self, app, message: str, on_yes) -> None:
        super().__init__(app)
        self.message = message
        self.on_yes = on_yes
        self.group = FocusGroup(app)
        self.box = pygame.Rect(0, 0, 0, 0)
        self.relayout()
        self.group.focus("no")  # the safe choice has the focus

    def relayout(self) -> None:
        """A box as tall as the message needs, No and Yes along its bottom."""
        app = self.app
        lay = app.layout
        u = app.px
        w = min(lay.w - u(40), max(lay.x(600), u(600)))
        bh = max(u(42), app.font(BUTTON_FONT).get_linesize() + u(14))
        h = u(28) + paragraph_height(app.font(theme.SIZE_BODY, bold=True), self.message, w - u(48)) + u(24) + bh + u(24)
        self.box = pygame.Rect(0, 0, w, min(lay.h - u(20), h))
        self.box.center = (lay.w // 2, lay.h // 2)
        nw = Button.width_for(app, S.SESSIONS_NO, "N", BUTTON_FONT, bold=False)
        yw = Button.width_for(app, S.SESSIONS_YES, "Y", BUTTON_FONT)
        y = self.box.bottom - u(24) - bh
        focus = self.group.focused.ident if self.group.focused is not None else "no"
        self.group.set([
            Button((self.box.right - u(24) - yw - u(12) - nw, y, nw, bh), S.SESSIONS_NO, self.close, key=pygame.K_n,
                   key_label="N", ident="no", font_size=BUTTON_FONT),
            Button((self.box.right - u(24) - yw, y, yw, bh), S.SESSIONS_YES, self.yes, key=pygame.K_y, key_label="Y",
                   ident="yes", style="primary", font_size=BUTTON_FONT),
        ])
        self.group.focus(focus)

    def yes(self) -> None:
        """Confirmed: close the dialog, then act."""
        self.close()
        self.on_yes()

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return None
        return None if event is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) else event

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, p.panel, self.box, border_radius=u(16))
        pygame.draw.rect(surface, p.line, self.box, width=max(2, u(2)), border_radius=u(16))
        paragraph_full(surface, app.font(theme.SIZE_BODY, bold=True), self.message, self.box.x + u(24),
                       self.box.y + u(28), self.box.w - u(48), p.ink)
        self.group.draw(surface)
