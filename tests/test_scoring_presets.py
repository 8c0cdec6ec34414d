"""Classification of the four preset prototypes over 1,000 seeded infants, and label independence (SS5, SS6).

One strange_situation session per preset is shared by every test in the module (module-scoped fixture).
"""

import ast
import copy
import inspect
from pathlib import Path

import numpy as np
import pytest

from simulator.model.scenario import load_scenario
from simulator.model.scoring import EpisodeStructure, score_log, score_session

N = 1000
SEED = 11
EXPECTED = {"secure": "B", "avoidant": "A", "resistant": "C", "disorganized": "D"}
SCORING = Path(__file__).resolve().parents[1] / "simulator" / "model" / "scoring"


@pytest.fixture(scope="module")
def ssp():
    from simulator.model.session import Session
    sc = load_scenario("strange_situation")
    out = {}
    for preset in EXPECTED:
        s = Session(sc, n=N, infant=preset, seed=SEED).run()
        out[preset] = (s, score_session(s))
    return out


@pytest.mark.parametrize("preset", list(EXPECTED))
def test_preset_prototype_is_classified_as_its_pattern_90_percent(ssp, preset):
    _, sc = ssp[preset]
    rate = np.mean(np.array(sc.classification) == EXPECTED[preset])
    assert rate >= 0.90, f"{preset}: {rate:.1%} classified {EXPECTED[preset]}"


def test_outputs_have_the_contract_shapes(ssp):
    s, sc = ssp["secure"]
    assert sc.disorganization.shape == (N,)
    assert set(np.unique(sc.disorganization)) <= set(range(1, 10))
    assert len(sc.classification) == len(sc.best_fit) == len(sc.reasons) == N
    for name, v in sc.scales.items():
        assert v.shape == (N, s.E)
    for c, b in zip(sc.classification, sc.best_fit):
        assert b in "ABC" and (c == b or c == "D")
    assert all(r and r[0].endswith(("-> A", "-> B", "-> C")) for r in sc.reasons)


def test_changing_or_hiding_the_preset_leaves_classification_unchanged(ssp):
    s, sc = ssp["avoidant"]
    other = copy.copy(s)
    other.preset = "secure"
    other.preset_label = "hidden"
    other.params = None  # scoring must not need the parameters either
    again = score_session(other)
    assert again.classification == sc.classification and again.best_fit == sc.best_fit
    np.testing.assert_array_equal(again.disorganization, sc.disorganization)
    # Scoring the bare log with the structure alone gives the same result.
    bare = score_log(s.log, EpisodeStructure.from_scenario(s.scenario))
    assert bare.classification == sc.classification
    for name in sc.scales:
        np.testing.assert_array_equal(bare.scales[name], sc.scales[name])


def test_scoring_code_never_reads_preset_parameters_or_latent_state():
    banned = {"preset", "preset_label", "params", "state", "episode_measures"}
    for path in SCORING.glob("*.py"):
        if path.name in ("validation.py", "cli_validation.py", "bench.py", "core.py"):
            continue  # the report and the bench run sessions; core reads session.log and the summaries
        tree = ast.parse(path.read_text())
        attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        assert not attrs & banned, f"{path.name} reads {attrs & banned}"
    src = inspect.getsource(score_log)
    assert "preset" not in src and "params" not in src


def test_scoring_never_imports_pygame():
    for path in SCORING.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(x.split(".")[0] == "pygame" for x in names), path.name


def test_ss2_normative_trends(ssp):
    s, sc = ssp["secure"]
    m = s.episode_measures()
    ex = np.nanmean(m["exploration"], axis=0)
    cry = np.nanmean(m["crying"], axis=0)
    assert ex[1] > ex[2] > max(ex[3], ex[5], ex[6])  # secure base: highest in 2, lowest in separations
    assert cry[1] < 0.05 and cry[2] < 0.05 and int(np.argmax(cry)) in (5, 6)
    ps = [np.nanmean(sc.scales["proximity_seeking"][:, e]) for e in range(s.E) if e != 5]
    eps = [e for e in range(s.E) if e != 5]
    assert eps[int(np.argmax(ps))] in (4, 7)  # proximity seeking peaks in a reunion


def test_pd5_avoidant_calm_outside_aroused_inside(ssp):
    sa, _ = ssp["avoidant"]
    sb, _ = ssp["secure"]
    ma, mb = sa.episode_measures(), sb.episode_measures()
    seps = [3, 5]
    assert np.nanmean(ma["crying"][:, seps]) < np.nanmean(mb["crying"][:, seps])
    assert np.nanmean(ma["arousal"][:, seps]) >= 0.95 * np.nanmean(mb["arousal"][:, seps])


def test_reunion_scales_separate_the_patterns(ssp):
    reun = [4, 7]
    mean = {p: {k: np.nanmean(sc.scales[k][:, reun]) for k in ("avoidance", "resistance", "proximity_seeking")}
            for p, (_, sc) in ssp.items()}
    assert mean["avoidant"]["avoidance"] > mean["secure"]["avoidance"] + 2
    assert mean["resistant"]["resistance"] > mean["secure"]["resistance"] + 2
    assert mean["secure"]["proximity_seeking"] > mean["avoidant"]["proximity_seeking"]
