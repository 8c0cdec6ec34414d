"""The session report for an audience (``report --audience``): the parents' page and the research figures.

*parents* get a page in plain words, built from the debrief's own parents' lessons (the same sentences as
``run --out FILE.md --audience parents``): no pattern letters, scale scores, disorganisation index or
matched percentages. *class* is the usual report (:func:`simulator.printout.report.render_report`).
*research* is that report plus the research debrief's setup line and, for a still-face, the paired d over
100 infants with the same settings.
"""

from __future__ import annotations

from ..content import lesson_strings as L
from ..content.lessons import build_debrief, paired_d_figures
from ..export import score


def debrief_for(run, audience: str):
    """The debrief of ``run``'s session for ``audience`` (computed once per run and audience)."""
    cache = run.__dict__.setdefault("_debriefs", {})
    if audience not in cache:
        try:
            scores = score(run.session) if run.session.finished else None
        except Exception:  # noqa: BLE001 - a scorer problem leaves the lessons that need no scores
            scores = None
        cache[audience] = build_debrief(run.session, scores, audience, run.data.get("prediction"),
                                        research_batch=False)
    return cache[audience]


def render_parents(run, dpi: int, plot_pt: float):
    """The parents' page: the timeline, the episodes in words, the learner's choices and prediction, the
    lessons, the words used and further reading."""
    from . import report as R

    deb = debrief_for(run, "parents")
    page = R.Page(dpi)
    m = page.margin
    w = page.w - 2 * m
    y = R.header(page, m, run.scenario.title, deb.setup, L.REPORT_KIND["parents"])
    y = page.heading(L.REPORT_TIMELINE["parents"], y)
    y = R.draw_timeline(page, m, y, w, run.tl, plot_pt=plot_pt)
    y = R.draw_legend(page, m, y, w, bool(run.tl.learner)) + page.px(6)
    y = page.heading(L.REPORT_NUMBERS, y)
    widths = [0.34] + [0.66 / max(1, len(deb.table_head) - 1)] * (len(deb.table_head) - 1)
    cols = [(h, int(f * w), "l") for h, f in zip(deb.table_head, widths)]
    y = R.draw_table(page, m, y, cols, deb.table) + page.px(6)
    gap = page.px(16)
    cw = (w - gap) // 2
    xl, xr = m, m + cw + gap
    yl = y
    if run.data.get("actions"):
        yl = R._column_heading(page, L.REPORT_YOUR_CHOICES, xl, yl, cw)
        yl = R.actions_section(page, xl, yl, cw, run, limit=10) + page.px(6)
    if deb.prediction:
        yl = R._column_heading(page, L.REPORT_PREDICTION, xl, yl, cw)
        yl = page.para(" ".join(deb.prediction), xl, yl, cw, 9.5) + page.px(6)
    yl = R._column_heading(page, L.REPORT_WORDS, xl, yl, cw)
    for term, text in deb.definitions:
        yl = page.para(f"{term}. {text}", xl, yl, cw, 9.5) + page.px(6)
    # The lessons, in reading order: on under the left-hand column, then down the right-hand one; none is
    # cut in half.
    limit = R._limit(page)
    yl = R._column_heading(page, L.REPORT_LESSONS, xl, yl, cw)
    yr = y
    right = False
    for lesson in deb.lessons:
        need = _lesson_height(page, lesson, cw)
        right = right or yl + need > limit
        if (yr if right else yl) + need > limit:
            page.truncated = True
            break
        if right:
            yr = _draw_lesson(page, lesson, xr, yr, cw)
        else:
            yl = _draw_lesson(page, lesson, xl, yl, cw)
    y = max(yl, yr)
    if deb.references and y + page.px(40) <= R._limit(page):
        y = page.heading(L.REPORT_READING, y, pt=12)
        y = R.references_section(page, m, y, w, deb.references, R._limit(page))
    R.footer(page, run.source)
    page.bottom = y
    return page


def _draw_lesson(page, lesson, x: int, y: int, w: int) -> int:
    """One lesson: its title, its text and its per-episode lines; returns the y below."""
    y = page.para(lesson.title, x, y, w, 10, bold=True)
    y = page.para(lesson.text, x, y, w, 9.5)
    for row in lesson.rows:
        y = page.para(row, x, y, w, 9.5, indent=page.px(9), bullet="•")
    return y + page.px(4)


def _lesson_height(page, lesson, w: int) -> int:
    """The height :func:`_draw_lesson` takes (px), measured without drawing."""
    def lines(s, pt, width, bold=False):
        return len(page.wrap(s, width, pt, bold)) * int(page.font(pt).get_linesize() * 1.25 / 1.2)
    h = lines(lesson.title, 10, w, True) + lines(lesson.text, 9.5, w)
    h += sum(lines(row, 9.5, w - page.px(9)) for row in lesson.rows)
    return h + page.px(4)


def research_lines(run) -> list[str]:
    """What the research report adds: the setup line with its ids and, for a still-face, the paired d over
    :data:`~simulator.content.lessons.PAIRED_D_N` infants with the same settings (a batch of 100: about a
    second)."""
    lines = [debrief_for(run, "research").setup.replace("`", "")]  # Markdown code marks, not for print
    if getattr(run.scenario, "procedure", "") == "still_face" and run.session.finished:
        d = run.__dict__.get("_paired_d", False)
        if d is False:
            d = run.__dict__["_paired_d"] = paired_d_figures(run.session)
        if d is not None:
            lines.append(L.SF_PAIRED.format(**d))
    return lines


def research_section(page, x: int, y: int, w: int, run) -> int:
    """The research figures under their heading, in the right-hand column."""
    from . import report as R

    y = R._column_heading(page, L.REPORT_RESEARCH, x, y, w)
    for line in research_lines(run):
        y = page.para(line, x, y, w, 9.5) + page.px(2)
    return y + page.px(4)
