"""Writes the README's two example A4 pages (docs/report_example.png, docs/compare_example.png) from scripted runs.

``python -m simulator.printout.examples [FOLDER]`` (default docs/) rewrites both, so that they show what the
current model produces: the session report of a learner's Still-Face (a prediction made, thirteen choices in
play and the reunion, the still-face held), and the compare report that
``python main.py compare still_face --caregiver sensitive --vs phone --seed 9`` writes.

The seeds are chosen to show the published pattern (Mesman et al. 2009) in positive affect, negative affect and
gaze (in the compare, in run A), as most infants do; single runs vary, and a seed that shows it today may not
after the model changes: look at both pages after regenerating them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.scenario import load_scenario
from ..model.session import Session
from .documents import compare_policies, write_session_report

ROOT = Path(__file__).resolve().parents[2]
#: The learner's session of the report example: scenario, seed, the prediction's option, and the choices
#: (model seconds, action) in play and the reunion; the still-face (2:00-4:00) is held. (The session behind the
#: first example was played by hand; these are its choices as its report lists them, to the second.)
REPORT_SCENARIO, REPORT_SEED, REPORT_PREDICTION = "still_face", 19, 1
REPORT_CHOICES = ((15, "mirror"), (33, "smile"), (37, "play"), (46, "wait"), (70, "smile"), (75, "wait"),
                  (96, "play"), (112, "wait"), (245, "hold"), (267, "wait"), (281, "hold"), (300, "mirror"),
                  (322, "play"))
#: The compare example: scenario, the two caregiver policies and the seed both runs share.
COMPARE = ("still_face", "sensitive", "phone", 9)


def learner_session() -> tuple[Session, dict | None]:
    """The report example's session, played to its end, and the learner's prediction as the app saves it."""
    sc = load_scenario(REPORT_SCENARIO)
    s = Session(sc, n=1, seed=REPORT_SEED, learner=True)
    k = 0
    while not s.finished:
        while k < len(REPORT_CHOICES) and s.t >= REPORT_CHOICES[k][0] - 1e-9:
            s.set_action(REPORT_CHOICES[k][1])
            k += 1
        s.step()
    pr = sc.predict
    prediction = None if pr is None else {"question": pr.text, "options": list(pr.options),
                                          "choice": REPORT_PREDICTION, "answer": pr.answer}
    return s, prediction


def write_examples(folder: Path) -> list[Path]:
    """Write report_example.png and compare_example.png into ``folder``. Returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    session, prediction = learner_session()
    out = write_session_report(session, folder / "report_example.png", prediction)
    scenario, a, b, seed = COMPARE
    _, written = compare_policies(scenario, a, b, folder / "compare_example.png", seed=seed)
    return out + written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write both examples into the folder given (default docs/)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0].startswith("-"):
        print("usage: python -m simulator.printout.examples [FOLDER]   (default: docs)")
        return 0 if argv[0] in ("-h", "--help") else 2
    for p in write_examples(Path(argv[0]) if argv else ROOT / "docs"):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
