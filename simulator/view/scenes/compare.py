"""The compare scene: two runs side by side in the app (same infant and seed, another caregiver), saved as a report."""

from __future__ import annotations

import pygame

from .. import theme
from ..scene import Scene
from ..widgets import Button, FocusGroup, draw_hints, text

COMPARE_TITLE = "Compare: {title}"
COMPARE_SAVE = "Save report"
COMPARE_VS = "Caregiver B: {policy}"
COMPARE_BACK = "Back"
COMPARE_SAVED = "Saved {png} (with .csv and .json) in {folder}"
COMPARE_FAILED = "Could not save: {error}"
COMPARE_WORKING = "Running the other caregiver..."
COMPARE_HINTS = "S save the compare report  ·  V other caregiver for B  ·  Esc back"
#: Policies offered for "same infant, same seed, different caregiver" (contract ids).
COMPARE_POLICIES = ("phone", "sensitive", "intrusive", "inconsistent", "rejecting", "still_face")
CHARTS = pygame.Rect(24, 96, 820, 540)
SIDE = pygame.Rect(860, 96, 396, 540)


class CompareScene(Scene):
    """Two runs side by side in the app: both timelines on one time axis, the measures A | B, save as a report.

    Build it with :meth:`from_file_and_policy` (the common case: a saved session against the same
    infant and seed with another caregiver policy, V cycles the policy) or from two Runs.
    """
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    name = "compare"

    def __init__(self, app, a, b, policy_mode: dict | None = None) -> None:
        super().__init__(app)
        self.a, self.b = a, b
        self.policy_mode = policy_mode  # {"scenario", "infant", "seed", "overrides", "policy"} when B is a policy
        self.message = ""
        self.message_ok = True
        self.pending_frames = 0
        self.group = FocusGroup(app)
        self._render()
        self.relayout()

    @classmethod
    def from_file_and_policy(cls, app, path, policy: str = "phone"):
        """A saved session (A) against the same scenario, infant, seed and settings with ``policy`` (B)."""
        from ...printout.documents import run_from_file
        a = run_from_file(path)
        d = a.data
        mode = {"scenario": d["scenario"], "infant": d["infant"], "seed": int(d["seed"]),
                "overrides": dict(d.get("overrides", {})), "policy": policy}
        return cls(app, a, cls._policy_run(mode), mode)

    @staticmethod
    def _policy_run(mode):
        from ...printout.documents import run_from_scenario
        return run_from_scenario(mode["scenario"], mode["policy"], mode["infant"], mode["seed"], mode["overrides"])

    # --- rendering (once per pair of runs; draw() only blits) -------------------------------------------
    def _render(self) -> None:
        from ...printout import report as R
        page = R.Page(dpi=118, size=CHARTS.size)
        t_max = max(self.a.tl.t_end, self.b.tl.t_end)
        y = 0
        free = CHARTS.h
        for run in (self.a, self.b):
            free -= page.px(14) + R.chart_height(page, run.tl, 0) + page.px(3)
        plot_pt = max(40.0, free / 2 * 72.0 / page.dpi)
        for run, tag in ((self.a, "A"), (self.b, "B")):
            page.text(f"{tag}: {run.label}", 0, y, 10.5, bold=True, color=R.ACCENT)
            y += page.px(14)
            y = R.draw_timeline(page, 0, y, CHARTS.w - page.px(6), run.tl, t_max=t_max, plot_pt=plot_pt)
            y += page.px(3)
        self.charts = page.surf
        side = R.Page(dpi=118, size=SIDE.size)
        yy = R.compare_side_table(side, 0, 0, SIDE.w, self.a, self.b)
        for run, tag in ((self.a, "A"), (self.b, "B")):
            yy = side.para(f"{tag}: {R.result_line(run)}", 0, yy + side.px(4), SIDE.w, 10)
        R.draw_legend(side, 0, yy + side.px(10), SIDE.w, bool(self.a.tl.learner or self.b.tl.learner))
        self.side = side.surf

    def relayout(self) -> None:
        """The buttons along the bottom."""
        font = self.app.font(16)
        items = []
        x, y = 24, 652
        entries = [(COMPARE_SAVE, self.save, pygame.K_s, "S", "save", "primary")]
        if self.policy_mode:
            entries.append((COMPARE_VS.format(policy=self.policy_mode["policy"]), self.next_policy, pygame.K_v, "V",
                            "vs", "normal"))
        for label, fn, key, cap, ident, style in entries:
            w = font.size(label)[0] + 70
            items.append(Button((x, y, w, 42), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                font_size=16))
            x += w + 12
        bw = font.size(COMPARE_BACK)[0] + 70
        items.append(Button((1256 - bw, y, bw, 42), COMPARE_BACK, self.close, key_label="Esc", ident="back",
                            style="quiet", font_size=16))
        self.group.set(items)

    # --- actions ----------------------------------------------------------------------------------------
    def next_policy(self) -> None:
        """B gets the next caregiver policy (same infant, same seed)."""
        if not self.policy_mode:
            return
        pols = list(COMPARE_POLICIES)
        cur = self.policy_mode["policy"]
        self.policy_mode["policy"] = pols[(pols.index(cur) + 1) % len(pols)] if cur in pols else pols[0]
        self.message, self.message_ok = COMPARE_WORKING, True
        self.pending_frames = 2

    def save(self) -> None:
        """The compare report PNG, a tidy CSV and both session files in one JSON, in the save folder."""
        from ...sessions.store import export_dir
        from ...printout.documents import write_compare
        from ...sessions.store import safe_name, unique_path
        try:
            folder = export_dir()
            folder.mkdir(parents=True, exist_ok=True)
            stem = safe_name(f"compare_{self.a.data['scenario']}_{self.a.data['caregiver']}_vs_"
                             f"{self.b.data['caregiver']}_s{self.a.data['seed']}", 90)
            png = unique_path(folder, f"{stem}.png")
            base = png.with_suffix("")
            write_compare(self.a, self.b, png, base.with_suffix(".csv"), base.with_suffix(".json"))
            self.message, self.message_ok = COMPARE_SAVED.format(png=png.name, folder=folder), True
        except Exception as exc:  # noqa: BLE001 - an unwritable folder must not crash the lesson
            self.message, self.message_ok = COMPARE_FAILED.format(error=str(exc).splitlines()[0]), False

    # --- scene hooks ------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.pending_frames:
            self.pending_frames -= 1
            if self.pending_frames == 0:
                self.b = self._policy_run(self.policy_mode)
                self._render()
                self.message = ""
                self.relayout()

    def process_event(self, event):
        if self.pending_frames and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return None
        return self.close_on_back(self.group.process_event(event))

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        title = COMPARE_TITLE.format(title=self.a.scenario.title)
        text(surface, app.font(theme.SIZE_TITLE - 6, bold=True), title, (24, 22), p.ink, max_width=1230)
        same = [k for k in ("infant", "seed") if self.a.data.get(k) == self.b.data.get(k)]
        if same:
            sub = "Same " + " and ".join(f"{k} ({self.a.data.get(k)})" for k in same) + ", different caregiver."
            text(surface, app.font(theme.SIZE_SMALL), sub, (24, 64), p.ink_soft, max_width=1230)
        for rect, surf in ((CHARTS, self.charts), (SIDE, self.side)):
            pygame.draw.rect(surface, (255, 255, 255), rect.inflate(12, 12), border_radius=10)
            surface.blit(surf, rect)
        self.group.draw(surface)
        if self.message:
            text(surface, app.font(theme.SIZE_SMALL, bold=True), self.message, (24, 640),
                 p.ok if self.message_ok else p.warn, anchor="bottomleft", max_width=1230)
        draw_hints(surface, app, COMPARE_HINTS)
