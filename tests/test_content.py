"""Teaching content: every scenario validates and runs headless; glossary, findings and references are complete."""

import re
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import run_cli

from simulator.content.glossary import GLOSSARY, lookup
from simulator.content.references import FINDINGS, REFERENCES, cite, finding_citations
from simulator.model.scenario import SCENARIO_DIR, available, load_scenario
from simulator.model.session import Session

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = available()

#: Every check id of docs/science.md sections 1-4, read from its tables.
CHECK_IDS = re.findall(r"^\| ((?:SF|MR|SS|PD)\d) \|", (ROOT / "docs" / "science.md").read_text(encoding="utf-8"), re.M)
#: The words of the field (science.md section 5) and the extra terms the glossary promises.
SECTION5_TERMS = ["episode", "still-face", "reunion", "rupture", "repair", "match", "mismatch", "bid",
                  "proximity seeking", "contact maintaining", "resistance", "avoidance", "secure base",
                  "safe haven", "curtailed episode", "classification", "A", "B", "C", "D"]
EXTRA_TERMS = ["working model", "latent arousal", "co-regulation", "good-enough", "disorganisation"]
#: Scenarios the issue asks for, and the contract's episode ids and lengths of the core three.
REQUIRED = ["still_face", "phone_still_face", "strange_situation", "everyday_rupture_repair",
            "nursery_drop_off", "reunion_choices", "still_face_2m", "still_face_4m", "still_face_6m",
            "still_face_9m"]
CONTRACT = {
    "still_face": [("play", 120), ("still_face", 120), ("reunion", 120)],
    "phone_still_face": [("play", 120), ("phone", 120), ("reunion", 120)],
    "strange_situation": [("introduction", 30), ("caregiver_infant", 180), ("stranger_joins", 180),
                          ("separation_1", 180), ("reunion_1", 180), ("alone", 180),
                          ("stranger_returns", 180), ("reunion_2", 180)],
}


def test_required_scenarios_exist():
    assert set(REQUIRED) <= set(SCENARIOS)


def test_validate_cli_accepts_every_scenario():
    files = sorted(str(p) for p in SCENARIO_DIR.glob("*.toml"))
    r = run_cli("validate", *files)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_runs_headless(name):
    sc = load_scenario(name)
    s = Session(sc, n=3, seed=7)
    s.run()
    assert s.finished
    m = s.episode_measures()
    assert m["positive_affect"].shape == (3, len(sc.episodes))
    assert np.all(np.isfinite(m["positive_affect"])) and np.all(np.isfinite(m["arousal"]))
    assert np.all(m["duration_s"] > 0)


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_teaching_content(name):
    sc = load_scenario(name)
    assert sc.learning_goals and sc.references and sc.summary and sc.infant.profile
    assert sc.predict is not None and sc.predict.options
    assert all(ep.narration for ep in sc.episodes), "every episode needs narration"
    kinds = {p.kind for ep in sc.episodes for p in ep.prompts} | {sc.predict.kind}
    assert {"predict", "observe", "explain"} <= kinds
    assert any(ep.debrief for ep in sc.episodes)
    assert any(ep.watch_for for ep in sc.episodes)
    for ep in sc.episodes:
        # A learner episode starts with its first allowed action: never make that a departure.
        if ep.caregiver == "learner" and ep.allowed_actions:
            assert ep.allowed_actions[0] not in ("leave", "leave_with_goodbye"), ep.id


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_episodes_unchanged(name):
    sc = load_scenario(name)
    assert sc.id == name
    assert [(ep.id, ep.duration_s) for ep in sc.episodes] == CONTRACT[name]


def test_reunion_choices_mirrors_the_strange_situation():
    ss, rc = load_scenario("strange_situation"), load_scenario("reunion_choices")
    assert [(e.id, e.duration_s, e.present, e.curtail, e.extend) for e in ss.episodes] == \
        [(e.id, e.duration_s, e.present, e.curtail, e.extend) for e in rc.episodes]
    assert [e.id for e in rc.episodes if e.caregiver == "learner"] == ["reunion_1", "reunion_2"]


def test_still_face_ages():
    ages = [load_scenario(f"still_face_{a}m").infant.age_months for a in (2, 4, 6, 9)]
    assert ages == [2.0, 4.0, 6.0, 9.0]
    base = load_scenario("still_face")
    for a in (2, 4, 6, 9):
        sc = load_scenario(f"still_face_{a}m")
        assert [(e.id, e.duration_s, e.caregiver) for e in sc.episodes] == \
            [(e.id, e.duration_s, e.caregiver) for e in base.episodes]


def test_nursery_goodbye_strategies_in_a_learner_session():
    sc = load_scenario("nursery_drop_off")
    for action in ("leave", "leave_with_goodbye"):
        short = {"episode.arrival.duration_s": 5.0, "episode.at_nursery.duration_s": 10.0}
        s = Session(sc, n=1, seed=3, learner=True, overrides=short)
        while int(s.episode[0]) == 0:
            s.step()
        assert action in s.allowed_actions()
        assert s.set_action(action)
        s.step()
        assert not s.log.caregiver_present[-1, 0]  # gone for the rest of the goodbye episode
        while int(s.episode[0]) < 3:
            s.step()
        assert s.allowed_actions()[0] == "return_greet"  # pick-up starts with a greeting
        s.step()
        assert s.log.caregiver_present[-1, 0]


def test_glossary_covers_the_words_of_the_field():
    assert all(isinstance(t, str) and isinstance(d, str) and d for t, d in GLOSSARY)
    for term in SECTION5_TERMS + EXTRA_TERMS:
        assert lookup(term), f"glossary lacks {term!r}"
    for _, text in GLOSSARY:
        assert "\n" not in text and len(text) < 300


def test_findings_cover_every_check_and_cite_known_references():
    assert sorted(FINDINGS) == sorted(CHECK_IDS)
    for check, (statement, refs) in FINDINGS.items():
        assert statement and refs, check
        for r in refs:
            assert r in REFERENCES, (check, r)
        assert all(finding_citations(check))
    assert all(len(v) > 40 for v in REFERENCES.values())
    assert cite("tronick1978").startswith("Tronick")
    with pytest.raises(KeyError):
        cite("nobody2099")
