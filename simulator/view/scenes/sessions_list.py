"""Saved sessions: the list (date, scenario, infant, result), with open, replay, export and delete (confirmed).

Home opens it by name from its "Saved sessions" button. Rows come from
:func:`simulator.sessions.list_sessions`; an unreadable file (truncated, corrupt, unknown version) is
listed with its one-line reason and is never modified. Open shows the Debrief of the replayed session,
Replay opens the replay scene, Export writes the report PNG, the per-step CSV and the session JSON
into the debrief's save folder (new names, never overwriting), Delete asks first.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from .. import theme
from ..scene import Scene
from ..widgets import Button, FocusGroup, draw_header, draw_hints, mix, paragraph, text

TITLE = "Saved sessions"
SUBTITLE = "Every session you play is saved here as you go. Folder: {folder}"
EMPTY = "No saved sessions yet. Play a scenario from Home: it is saved automatically as you play."
HEAD = ("Date", "Scenario", "Infant", "Result", "")
UNREADABLE = "Cannot be opened: {message}"
UNFINISHED = "unfinished ({t})"
OPEN, REPLAY, EXPORT, DELETE, BACK = "Open", "Replay", "Export report", "Delete", "Back"
COMPARE, MARK = "Compare", "Mark as A"
MARKED = "A for compare"
STALE = ("Note: replaying this file no longer gives exactly the saved result (the scenario or the model changed "
         "since it was saved).")
WORKING = "Replaying {name}..."
EXPORTED = "Saved {png} (with .csv and .json) in {folder}"
FAILED = "Could not do that: {error}"
CONFIRM = "Delete {name}? This cannot be undone."
YES, NO = "Delete", "Keep it"
DELETED = "Deleted {name}."
HINTS = ("Up/Down choose  ·  O open  ·  R replay  ·  C compare with another caregiver (or with the row marked "
         "by M)  ·  X export  ·  Del delete  ·  Esc back")
ROWS = 9
ROW_H = 44
TABLE = pygame.Rect(40, 150, 1200, 44 + ROWS * ROW_H)
COLS = (0, 190, 450, 640, 1040)  # x offsets of the columns inside TABLE


def _data_dir_of(app):
    return getattr(app, "data_dir", None)


def _mmss(t: float) -> str:
    return f"{int(t // 60)}:{int(t % 60):02d}"


class SessionsScene(Scene):
    """The list of saved sessions."""
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    name = "sessions"

    def __init__(self, app, folder: str | Path | None = None) -> None:
        super().__init__(app)
        from ...sessions.store import sessions_dir
        self.folder = Path(folder) if folder else sessions_dir(_data_dir_of(app))
        self.rows = []
        self.top = 0
        self.selected = 0
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
        self.top = min(self.top, max(0, len(self.rows) - ROWS))
        self.relayout()

    @property
    def current(self):
        """The selected row, or None."""
        return self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None

    # --- layout -------------------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Rows as focusable buttons, then the action buttons."""
        items = []
        for k in range(self.top, min(len(self.rows), self.top + ROWS)):
            y = TABLE.y + 44 + (k - self.top) * ROW_H
            items.append(Button((TABLE.x, y, TABLE.w, ROW_H - 4), self.rows[k].name, lambda k=k: self.select(k, True),
                                painter=self._row_painter(k), ident=f"row:{k}"))
        row = self.current
        ok = row is not None and row.ok
        font = self.app.font(16)
        x, y = 40, 640
        for label, fn, key, cap, ident, locked, style in (
                (OPEN, self.open, pygame.K_o, "O", "open", not ok, "primary"),
                (REPLAY, self.replay, pygame.K_r, "R", "replay", not ok, "normal"),
                (COMPARE, self.compare, pygame.K_c, "C", "compare", not ok, "normal"),
                (MARK, self.toggle_mark, pygame.K_m, "M", "mark", not ok, "normal"),
                (EXPORT, self.export, pygame.K_x, "X", "export", not ok, "normal"),
                (DELETE, self.ask_delete, pygame.K_DELETE, "Del", "delete", row is None, "normal")):
            w = font.size(label)[0] + 70
            items.append(Button((x, y, w, 42), label, fn, key=key, key_label=cap, ident=ident, locked=locked,
                                style=style, font_size=16))
            x += w + 12
        bw = font.size(BACK)[0] + 70
        items.append(Button((1240 - bw, y, bw, 42), BACK, self.close, key_label="Esc", ident="back", style="quiet",
                            font_size=16))
        self.group.set(items)

    def _row_painter(self, k: int):
        def paint(surface, rect, app, state):
            p = app.palette
            r = self.rows[k]
            sel = k == self.selected
            fill = mix(p.panel, p.accent, 0.12) if sel else (mix(p.panel, p.accent, 0.05) if state["hover"]
                                                              else (p.panel if k % 2 == 0 else p.panel_alt))
            pygame.draw.rect(surface, fill, rect, border_radius=8)
            if sel:
                pygame.draw.rect(surface, p.accent, rect, width=2, border_radius=8)
            f = app.font(theme.SIZE_SMALL)
            fb = app.font(theme.SIZE_SMALL, bold=True)
            cy = rect.centery
            text(surface, f, r.date or "?", (rect.x + 12 + COLS[0], cy), p.ink, anchor="midleft", max_width=170)
            if not r.ok:
                text(surface, fb, UNREADABLE.format(message=r.message), (rect.x + 12 + COLS[1], cy), p.warn,
                     anchor="midleft", max_width=rect.w - COLS[1] - 24)
                return
            text(surface, fb, r.scenario, (rect.x + 12 + COLS[1], cy), p.ink, anchor="midleft", max_width=250)
            text(surface, f, r.infant, (rect.x + 12 + COLS[2], cy), p.ink, anchor="midleft", max_width=180)
            text(surface, f, r.summary, (rect.x + 12 + COLS[3], cy), p.ink, anchor="midleft", max_width=390)
            if self.marked is not None and r.path == self.marked:
                text(surface, fb, MARKED, (rect.right - 12, cy), p.accent, anchor="midright")
            elif not r.finished:
                text(surface, f, UNFINISHED.format(t=_mmss(r.t_s)), (rect.right - 12, cy), p.ink_soft,
                     anchor="midright", max_width=rect.w - COLS[4] - 20)
        return paint

    # --- actions ------------------------------------------------------------------------------------------
    def select(self, k: int, activate: bool = False) -> None:
        """Select row ``k`` (a second click on the selected row opens it)."""
        if not 0 <= k < len(self.rows):
            return
        again = k == self.selected
        self.selected = k
        if k < self.top:
            self.top = k
        elif k >= self.top + ROWS:
            self.top = k - ROWS + 1
        self.relayout()
        self.group.focus(f"row:{k}")
        if activate and again:
            self.open()  # an unreadable file says why instead

    def _later(self, fn, label: str) -> None:
        row = self.current
        if row is None:
            return
        if not row.ok:
            self._say(UNREADABLE.format(message=row.message), False)
            return
        self.message = WORKING.format(name=row.name)
        self.message_ok = True
        self.pending = (fn, row)
        self.pending_frames = 2  # this frame draws "Replaying...", the next one does the work

    def _say(self, message: str, ok: bool) -> None:
        self.message = message
        self.message_ok = ok

    def open(self) -> None:
        """The Debrief of the selected session (replayed exactly from the file)."""
        self._later(self._open, "open")

    def _open(self, row) -> None:
        from ...printout.documents import run_from_file
        from ...sessions.store import clean_prediction
        run = run_from_file(row.path)
        self.message = ""
        if run.differences:
            self._say(STALE, False)
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
        from ...sessions.store import safe_name, unique_path
        from ...sessions.store import export_dir
        folder = export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stem = safe_name(row.path.stem, 80)
        png = unique_path(folder, f"{stem}_report.png")
        base = png.with_suffix("")
        run = run_from_file(row.path)
        write_report(run, png, base.with_suffix(".csv"), base.with_suffix(".json"))
        self._say(EXPORTED.format(png=png.name, folder=folder), True)

    def ask_delete(self) -> None:
        """Ask before deleting the selected file."""
        row = self.current
        if row is None:
            return
        self.app.push(ConfirmScene(self.app, CONFIRM.format(name=row.name), lambda: self._delete(row)))

    def _delete(self, row) -> None:
        from ...sessions.store import SessionFileError, delete_session
        try:
            delete_session(row.path, self.folder)
            self._say(DELETED.format(name=row.name), True)
        except SessionFileError as exc:
            self._say(FAILED.format(error=exc), False)
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
                self._say(FAILED.format(error=msg), False)

    def process_event(self, event):
        if self.pending is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return None  # busy for a moment
        foc = self.group.focused
        on_row = foc is None or foc.ident.startswith("row:")
        if event.type == pygame.KEYDOWN and self.rows:
            step = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: ROWS, pygame.K_PAGEUP: -ROWS}.get(event.key)
            if step is not None and (on_row or event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP)):
                if event.key == pygame.K_UP and self.selected == 0:
                    return None
                if event.key == pygame.K_DOWN and self.selected == len(self.rows) - 1:
                    self.group.focus("open")  # on to the buttons
                    return None
                self.select(max(0, min(len(self.rows) - 1, self.selected + step)))
                return None
        if event.type == pygame.MOUSEWHEEL and len(self.rows) > ROWS:
            self.top = max(0, min(len(self.rows) - ROWS, self.top - int(getattr(event, "y", 0))))
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
        draw_header(surface, app, TITLE, SUBTITLE.format(folder=self.folder))
        hf = app.font(theme.SIZE_SMALL, bold=True)
        for label, x in zip(HEAD, COLS):
            text(surface, hf, label, (TABLE.x + 12 + x, TABLE.y + 14), p.ink_soft)
        pygame.draw.line(surface, p.line, (TABLE.x, TABLE.y + 40), (TABLE.right, TABLE.y + 40), 2)
        if not self.rows:
            paragraph(surface, app.font(theme.SIZE_BODY), EMPTY, pygame.Rect(TABLE.x + 12, TABLE.y + 60, 1100, 80),
                      p.ink_soft)
        self.group.draw(surface)
        if len(self.rows) > ROWS:
            text(surface, app.font(theme.SIZE_TINY), f"{self.top + 1}-{min(len(self.rows), self.top + ROWS)} of "
                 f"{len(self.rows)}", (TABLE.right, TABLE.y + 14), p.ink_faint, anchor="topright")
        if self.message:
            text(surface, app.font(theme.SIZE_SMALL, bold=True), self.message, (40, 612),
                 p.ok if self.message_ok else p.warn, max_width=1200)
        draw_hints(surface, app, HINTS)


class ConfirmScene(Scene):
    """A yes/no dialog over the scene below. Enter or Y confirms; Esc or N cancels."""
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    overlay = True
    name = "confirm"

    def __init__(self, app, message: str, on_yes) -> None:
        super().__init__(app)
        self.message = message
        self.on_yes = on_yes
        self.group = FocusGroup(app)
        box = pygame.Rect(340, 250, 600, 210)
        font = app.font(16)
        nw, yw = font.size(NO)[0] + 70, font.size(YES)[0] + 70
        self.box = box
        self.group.set([
            Button((box.right - 24 - yw - 12 - nw, box.bottom - 66, nw, 42), NO, self.close, key=pygame.K_n,
                   key_label="N", ident="no", font_size=16),
            Button((box.right - 24 - yw, box.bottom - 66, yw, 42), YES, self.yes, key=pygame.K_y, key_label="Y",
                   ident="yes", style="primary", font_size=16),
        ])
        self.group.focus("no")  # the safe choice has the focus

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
        p = self.app.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, p.panel, self.box, border_radius=16)
        pygame.draw.rect(surface, p.line, self.box, width=2, border_radius=16)
        paragraph(surface, self.app.font(theme.SIZE_BODY, bold=True), self.message,
                  self.box.inflate(-48, -90).move(0, -20), p.ink)
        self.group.draw(surface)
