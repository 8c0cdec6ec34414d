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


def render_parents_compare(a, b, dpi: int, plot_pt: float):
    """The compare page for parents (``compare --audience parents``): both timelines on one time scale, then
    each run's episodes and lessons in the parents' own words (the debrief's parents' sentences), side by
    side: no pattern letters, scale scores, disorganisation index or percentages."""
    from . import report as R

    debs = [debrief_for(a, "parents"), debrief_for(b, "parents")]
    page = R.Page(dpi)
    m = page.margin
    w = page.w - 2 * m
    y = R.header(page, m, L.COMPARE_TITLE_PARENTS.format(title=a.scenario.title), L.COMPARE_SUBTITLE_PARENTS,
                 L.COMPARE_KIND_PARENTS)
    t_max = max(a.tl.t_end, b.tl.t_end)
    tags = L.COMPARE_TAGS_PARENTS
    for run, tag, deb in ((a, tags[0], debs[0]), (b, tags[1], debs[1])):
        y = page.para(L.COMPARE_RUN_PARENTS.format(tag=tag, who=_who_cared(run), setup=deb.setup), m, y, w, 10.5,
                      bold=True)
        y = R.draw_timeline(page, m, y, w, run.tl, t_max=t_max, plot_pt=plot_pt) + page.px(2)
    y = R.draw_legend(page, m, y, w, bool(a.tl.learner or b.tl.learner)) + page.px(6)
    gap = page.px(16)
    cw = (w - gap) // 2
    limit = R._limit(page)
    ys = []
    for k, (tag, deb) in enumerate(zip(tags, debs)):
        x = m + k * (cw + gap)
        yy = R._column_heading(page, L.COMPARE_EPISODES_PARENTS.format(tag=tag), x, y, cw, pt=11)
        cols, pt = _half_table_cols(page, deb, cw)
        yy = R.draw_table(page, x, yy, cols, deb.table, pt=pt, header_pt=pt, bold_first=False)
        yy = R._column_heading(page, L.COMPARE_LESSONS_PARENTS.format(tag=tag), x, yy + page.px(6), cw, pt=11)
        # What differs between the two runs first: a lesson word for word the same in both comes last.
        other = {(les.title, les.text) for les in debs[1 - k].lessons}
        for lesson in sorted(deb.lessons, key=lambda les: (les.title, les.text) in other):
            if yy + _lesson_height(page, lesson, cw) > limit:
                page.truncated = True
                break
            yy = _draw_lesson(page, lesson, x, yy, cw)
        ys.append(yy)
    y = max(ys)
    refs = list(dict.fromkeys(debs[0].references + debs[1].references))
    if refs and y + page.px(40) <= limit:
        y = page.heading(L.REPORT_READING, y, pt=12)
        y = R.references_section(page, m, y, w, refs, limit)
    R.footer(page, f"{a.source}  vs  {b.source}" if a.source and b.source else "")
    page.bottom = y
    return page


def _who_cared(run) -> str:
    """Who played the caregiver in ``run``, in plain words (the scripted policy's name, or the learner)."""
    if run.data.get("actions") or run.data.get("learner"):
        return L.COMPARE_YOU_PARENTS
    return L.CAREGIVER_NAMES.get(run.data.get("caregiver"), L.CAREGIVER_OTHER)


def _half_table_cols(page, deb, w: int) -> tuple[list, float]:
    """Columns and type size (pt) for the parents' episode table in a half-page column ``w`` px wide: each
    column as wide as its longest cell, a header wider than its cells on two lines, and the type a little
    smaller (down to 7.5 pt) where that is what it takes for no cell to be cut."""
    for pt in (8.5, 8, 7.5):
        f = page.font(pt)
        heads, widths = [], []
        for i, h in enumerate(deb.table_head):
            cells = max((f.size(str(row[i]))[0] for row in deb.table), default=0)
            if i and f.size(h)[0] > cells and " " in h:  # a header wider than its cells goes on two lines
                h = "\n".join(h.rsplit(" ", 1))
            heads.append(h)
            widths.append(max([cells] + [f.size(part)[0] for part in h.split("\n")]) + page.px(8))
        if sum(widths) <= w:
            break
    first = max(widths[0], w - sum(widths[1:]))
    return [(h, first if i == 0 else wd, "l") for i, (h, wd) in enumerate(zip(heads, widths))], pt


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


def research_section(page, x: int, y: int, w: int, run, compact: bool = False) -> int:
    """The research figures under their heading, in the right-hand column. ``compact`` (the compare page,
    whose header already describes both runs): the ids line without the plain-words setup before it."""
    from . import report as R

    y = R._column_heading(page, L.REPORT_RESEARCH, x, y, w, pt=11 if compact else 12)
    lines = research_lines(run)
    if compact:
        s = run.session
        lines[0] = L.MD_SETUP_RESEARCH.format(scenario=s.scenario.id, seed=s.seed, preset=s.preset,
                                              caregiver=s.caregiver_id, audience="research").replace("`", "")
    for line in lines:
        y = page.para(line, x, y, w, 9.5) + page.px(2)
    return y + page.px(4)
